/**
 * `npm run bench:studio`: does watching a run move what it measures? For ResNet-50 and
 * SqueezeNet (../shared/onnx-corpus/light) at 1 and all intra-op threads, it alternates rounds of
 *   A) a run started from the studio's Run view with its default settings, in Debian's Chromium
 *      driven by Playwright against the built `dyno serve` (live charts as the user has them), and
 *   B) the same configuration from `dyno bench --format json` (the stored run's config, through
 *      the same flags the Run view shows),
 * A then B, B then A, … so machine drift hits both sides of a pair alike. Each round gives paired
 * ratios studio ÷ CLI of p50 and p90; the figure is their median with its range (and its 95 %
 * order-statistic interval from 6 rounds). Target: ≤ 1.05 for both.
 *
 *   --watch   no browser: a plain WebSocket client starts the run and receives every live event
 *             (parsed, nothing drawn), i.e. the host's own work while a remote browser watches.
 *   --quick   3 rounds with a shorter stop rule (50 iterations, 1 s), for development.
 *   --rounds N, --models resnet50,squeezenet, --threads 1,all
 *
 * While a studio run measures, nothing in the bench touches the page: it waits on a
 * MutationObserver inside the page (no polling), so the only work in the browser is the studio's.
 * Each round also prints what the studio itself used meanwhile (from /proc: the browser's
 * processes and the `dyno serve` host, in % of one core over the whole run), a figure that the
 * machine's other load does not move the way it moves latency.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { z } from 'zod';
import { startServe } from '../tests/helpers/serve-process';
import { benchArgsFor } from '../src/shared/cli-command';
import { DEFAULT_FORM, parseForm } from '../src/shared/knobs/form';
import type { Run } from '../src/shared/run';
import { BusyProcessWatch } from '../src/main/telemetry/busy-processes';
import { connectWsApi } from './ws-api';
import { formatRatio, ratioFigure } from './paired-ratio';

const TARGET = 1.05;
const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    watch: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    models: { type: 'string', default: 'resnet50,squeezenet' },
    threads: { type: 'string', default: '1,all' },
  },
});
const ROUNDS = Math.max(3, Number(opts.rounds ?? (opts.quick ? 3 : 5)));
const CORES = availableParallelism();
const MODELS: Record<string, string> = {
  resnet50: resolve('../shared/onnx-corpus/light/light_resnet50.onnx'),
  squeezenet: resolve('../shared/onnx-corpus/light/light_squeezenet.onnx'),
};
/** The quick mode's stop rule, typed into the form (and so carried to the CLI by the run's config). */
const QUICK_FIELDS = { minIterations: '50', minDuration: '1' };

interface Reading {
  p50: number;
  p90: number;
}

/** CPU the studio's own processes used over one studio run, in % of one core. */
interface StudioCpu {
  browserPct: number;
  hostPct: number;
}

const BROWSER_PROCESS = /chrom/i;

async function withStudioCpu<T>(hostPid: number | undefined, work: () => Promise<T>): Promise<{ value: T; cpu?: StudioCpu }> {
  const watch = new BusyProcessWatch();
  watch.begin();
  const value = await work();
  const seen = watch.end(new Set(), hostPid ?? -1, Number.POSITIVE_INFINITY);
  if (!seen) return { value };
  const sum = (ps: typeof seen): number => ps.reduce((t, p) => t + p.cpuPct, 0);
  return { value, cpu: { browserPct: sum(seen.filter((p) => BROWSER_PROCESS.test(p.name))), hostPct: sum(seen.filter((p) => p.dynoHost)) } };
}

const CliJsonSchema = z.object({ stats: z.object({ p50_ms: z.number(), p90_ms: z.number() }) });

function readingOf(run: Run): Reading {
  if (run.status !== 'completed') throw new Error(`the studio's run ${run.id} ended ${run.status}${run.status === 'failed' ? `: ${run.error}` : ''}`);
  const { p50, p90 } = run.stats.percentiles;
  if (!p50 || !p90) throw new Error(`the studio's run ${run.id} has no p50/p90`);
  return { p50: p50.valueMs, p90: p90.valueMs };
}

function cliReading(args: readonly string[], home: string): Reading {
  const out = execFileSync(process.execPath, [resolve('bin/dyno.js'), 'bench', ...args, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, DYNO_HOME: home },
    maxBuffer: 64 * 1024 * 1024,
  });
  const { stats } = CliJsonSchema.parse(JSON.parse(out));
  return { p50: stats.p50_ms, p90: stats.p90_ms };
}

/**
 * Resolves inside the page once a run other than `previous` shows how it ended; nothing polls.
 * (Page code as a string: the bench compiles without the DOM's types.)
 */
function resultsOfNextRun(page: Page, previous: string): Promise<string> {
  return page.evaluate(`new Promise((done, fail) => {
    const check = () => {
      const id = document.querySelector('[data-testid="run-id"]')?.textContent?.trim() ?? '';
      const ended = document.querySelector('[data-testid="results"], [data-testid="run-error"], [data-testid="live-failure"]');
      if (id && id !== ${JSON.stringify(previous)} && ended) {
        observer.disconnect();
        done(id);
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    setTimeout(() => fail(new Error('no results within 15 minutes')), 15 * 60000);
    check();
  })`) as Promise<string>;
}

interface Side {
  /** Runs one studio-side measurement; answers its reading and the stored run's config as CLI args. */
  run(): Promise<{ reading: Reading; cliArgs: string[]; run: Run }>;
  close(): Promise<void>;
}

async function browserSide(url: string, model: string, threads: number): Promise<Side> {
  const browser = await chromium.launch({
    executablePath: process.env.DYNO_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(url);
  // The studio opens its default model by itself: let it, or it could land after ours.
  await page.getByTestId('model-name').waitFor({ timeout: 180_000 });
  await page.getByTestId('model-path').fill(model);
  await page.getByTestId('model-path').press('Enter');
  await page.getByTestId('model-name').filter({ hasText: basename(model) }).waitFor({ timeout: 180_000 });
  await page.getByTestId('field-threads').fill(String(threads));
  if (opts.quick) {
    await page.getByTestId('field-minIterations').fill(QUICK_FIELDS.minIterations);
    await page.getByTestId('field-minDuration').fill(QUICK_FIELDS.minDuration);
  }
  let previous = '';
  return {
    async run() {
      const ended = resultsOfNextRun(page, previous);
      await page.getByTestId('start-run').click();
      previous = await ended;
      const api = await connectWsApi(url);
      try {
        const { run } = await api.call('runs.get', { runId: previous });
        return { reading: readingOf(run), cliArgs: benchArgsFor(run.config), run };
      } finally {
        api.close();
      }
    },
    close: () => browser.close(),
  };
}

/** The remote-watcher case: a WebSocket client that hears every live event and draws nothing. */
async function watcherSide(url: string, model: string, threads: number): Promise<Side> {
  const fields = { ...DEFAULT_FORM, text: { ...DEFAULT_FORM.text, threads: String(threads), ...(opts.quick ? QUICK_FIELDS : {}) } };
  const { config, errors } = parseForm(model, fields);
  if (!config) throw new Error(`the default form does not parse: ${JSON.stringify(errors)}`);
  const api = await connectWsApi(url);
  let heard = 0;
  api.onEvent((e) => {
    if (e.type === 'run.samples' || e.type === 'run.telemetry') heard += e.samples.length;
  });
  return {
    async run() {
      const { runId } = await api.call('runs.start', { config });
      const { run } = await api.call('runs.wait', { runId });
      if (heard === 0) throw new Error('the watcher heard no live events');
      return { reading: readingOf(run), cliArgs: benchArgsFor(run.config), run };
    },
    async close() {
      const { messages, bytes } = api.received();
      console.log(`    (watcher received ${messages} messages, ${(bytes / 1e6).toFixed(2)} MB, ${heard} live samples)`);
      api.close();
    },
  };
}

const fmt = (r: Reading): string => `p50 ${r.p50.toFixed(2)}  p90 ${r.p90.toFixed(2)} ms`;

async function main(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'dyno-bench-studio-'));
  const cliHome = mkdtempSync(join(tmpdir(), 'dyno-bench-studio-cli-'));
  const serve = await startServe(home);
  const threadCounts = opts.threads.split(',').map((t) => (t === 'all' ? CORES : Number(t)));
  const summary: string[] = [];
  let worst = 0;
  try {
    console.log(`bench:studio — ${opts.watch ? 'dyno serve watched by a WebSocket client (no drawing)' : 'the studio in Chromium (Playwright) against dyno serve'} vs dyno bench, ${ROUNDS} interleaved rounds${opts.quick ? ' (quick: 50 iterations, 1 s)' : ', default settings'}`);
    console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${CORES} cores available, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; Node ${process.version}\n`);
    for (const name of opts.models.split(',')) {
      const model = MODELS[name];
      if (!model) throw new Error(`unknown model ${name} (resnet50, squeezenet)`);
      for (const threads of threadCounts) {
        const label = `${name} threads=${threads}${threads === CORES ? ' (all)' : ''}`;
        const side = opts.watch ? await watcherSide(serve.url, model, threads) : await browserSide(serve.url, model, threads);
        const r50: number[] = [];
        const r90: number[] = [];
        const browserCpu: number[] = [];
        const hostCpu: number[] = [];
        let cliArgs: string[] = [];
        try {
          for (let r = 0; r < ROUNDS; r++) {
            let studio: Reading;
            let cli: Reading;
            let cpu: StudioCpu | undefined;
            const studioRun = async (): Promise<Awaited<ReturnType<Side['run']>>> => {
              const { value, cpu: used } = await withStudioCpu(serve.child.pid, () => side.run());
              cpu = used;
              return value;
            };
            // The first round has no config yet: the studio goes first, then they alternate.
            if (r % 2 === 0) {
              const s = await studioRun();
              studio = s.reading;
              cliArgs = s.cliArgs;
              cli = cliReading(cliArgs, cliHome);
              if (r === 0) console.log(`  ${label}: dyno bench ${cliArgs.join(' ')}`);
            } else {
              cli = cliReading(cliArgs, cliHome);
              studio = (await studioRun()).reading;
            }
            if (cpu) {
              browserCpu.push(cpu.browserPct);
              hostCpu.push(cpu.hostPct);
            }
            const used = cpu ? ` | studio's own CPU: browser ${cpu.browserPct.toFixed(1)}%  host ${cpu.hostPct.toFixed(1)}%` : '';
            r50.push(studio.p50 / cli.p50);
            r90.push(studio.p90 / cli.p90);
            console.log(`  ${label} round ${r + 1}: studio ${fmt(studio)} | cli ${fmt(cli)} | ratio p50 ${r50.at(-1)!.toFixed(3)}  p90 ${r90.at(-1)!.toFixed(3)}${used}`);
          }
        } finally {
          await side.close();
        }
        const f50 = ratioFigure(r50)!;
        const f90 = ratioFigure(r90)!;
        worst = Math.max(worst, f50.median, f90.median);
        const medianOf = (xs: number[]): string => (xs.length > 0 ? ratioFigure(xs)!.median.toFixed(1) : '?');
        summary.push(
          `${label.padEnd(28)} studio/CLI p50 ${formatRatio(f50)}   p90 ${formatRatio(f90)}   studio's own CPU (median): browser ${medianOf(browserCpu)}%  host ${medianOf(hostCpu)}% of a core`,
        );
      }
    }
  } finally {
    await serve.stop();
    rmSync(home, { recursive: true, force: true });
    rmSync(cliHome, { recursive: true, force: true });
  }
  console.log(`\n${summary.join('\n')}`);
  console.log(`\nload average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}; target ≤ ${TARGET} for p50 and p90 (median of paired ratios): ${worst <= TARGET ? 'met' : 'NOT met'} (worst ${worst.toFixed(3)})`);
}

main().catch((err: unknown) => {
  console.error(`bench:studio: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

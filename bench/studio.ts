/**
 * `npm run bench:studio`: does watching a run move what it measures? For ResNet-50 and
 * SqueezeNet (../shared/onnx-corpus/light) at 1 and all intra-op threads, it alternates rounds of
 *   A) a run started from the studio's Run view with its default settings, in Debian's Chromium
 *      against the built `dyno serve` (live charts as the user has them), the page driven over a
 *      bare DevTools socket that enables nothing while the run measures (page-driver.ts), and
 *   B) the same configuration from `dyno bench --format json` (the stored run's config, through
 *      the same flags the Run view shows),
 * A then B, B then A, … (ABBA) so machine drift hits both sides of a pair alike. Before each
 * measurement it waits until the browser and the host are quiet, so what one side does after its
 * run (the studio draws its results) does not land on the other's. Each round gives paired ratios
 * studio ÷ CLI of p50 and p90; the figure is their geometric mean with a 95 % t interval on the
 * log-ratios, which narrows with rounds, beside the median and the range (paired-ratio.ts). A
 * case is decided only when its whole interval is on one side of the target (≤ 1.05), and the
 * bench says how many rounds the mean and spread it saw would need for the upper bound to fall
 * under 1.05 (from 5 rounds). The overall line is "NOT met" only when one figure is over 1.05 at
 * 2.5 % / the number of figures (Bonferroni), "met" when every figure is met. The round count is
 * rounded up to even so each side goes first equally often, after one untimed warm-up pair (the
 * studio's first run would otherwise always be in a cold browser).
 *
 *   --watch   no browser: a plain WebSocket client starts the run and receives every live event
 *             (parsed, nothing drawn), i.e. the host's own work while a remote browser watches.
 *   --playwright  drive the page through Playwright instead of a bare DevTools socket: Playwright's
 *             own domains (Network, Page, Runtime events) wake the renderer about 3 × as often as
 *             the page does by itself (page-driver.ts), a cost a user's browser does not have.
 *   --control the bench's own noise floor (an A/A test): the studio's side is a second `dyno bench` of the
 *             same configuration, so the printed ratios are CLI ÷ CLI. Their spread is what runs of the
 *             same thing differ by on this machine; a studio interval no wider than it says the studio
 *             adds nothing the bench can see beside that noise.
 *   --quick   4 rounds with a shorter stop rule (50 iterations, 1 s), for development.
 *   --rounds N, --models resnet50,squeezenet, --threads 1,all
 *   --duration S  each run's minimum duration (default: the form's): shorter rounds, more of them.
 *
 * While a studio run measures, nothing in the bench touches the page: it waits on a
 * MutationObserver inside the page (no polling), so the only work in the browser is the studio's.
 * Each round also prints what the studio itself used meanwhile (from /proc: the browser's
 * processes and the `dyno serve` host, in % of one core over the whole run), what they used while
 * the CLI measured, and each side's own host and worker over its measured window (the run's
 * `conditions.dynoProcesses`: CPU and wake-ups a second), figures that the machine's other load
 * does not move the way it moves latency.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startServe } from '../tests/helpers/serve-process';
import { benchArgsFor } from '../src/shared/cli-command';
import { DEFAULT_FORM, parseForm } from '../src/shared/knobs/form';
import type { Run } from '../src/shared/run';
import type { RunConfig } from '../src/shared/run-config';
import { BusyProcessWatch } from '../src/main/telemetry/busy-processes';
import { connectWsApi } from './ws-api';
import { cdpDriver, fill, playwrightDriver, text, until } from './page-driver';
import { requireChromium } from '../tests/helpers/chromium';
import { balancedRounds, formatRatio, overallVerdict, ratioFigure, verdict, type RatioFigure } from './paired-ratio';
import { quantileSorted, sortedCopy } from '../src/shared/stats';
import type { DynoProcessCost } from '../src/shared/conditions';

const TARGET = 1.05;
const { values: opts } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    watch: { type: 'boolean', default: false },
    playwright: { type: 'boolean', default: false },
    control: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    duration: { type: 'string' },
    models: { type: 'string', default: 'resnet50,squeezenet' },
    threads: { type: 'string', default: '1,all' },
  },
});
/** Even, so the studio and the CLI each go first in half the rounds. */
const ROUNDS = balancedRounds(Math.max(3, Number(opts.rounds ?? (opts.quick ? 3 : 5))));
const CORES = availableParallelism();
const MODELS: Record<string, string> = {
  resnet50: resolve('../shared/onnx-corpus/light/light_resnet50.onnx'),
  squeezenet: resolve('../shared/onnx-corpus/light/light_squeezenet.onnx'),
};
/** The quick mode's stop rule, typed into the form (and so carried to the CLI by the run's config). */
const QUICK_FIELDS = { minIterations: '50', minDuration: '1' };
/** The stop-rule fields the bench types into the form: --quick's, then --duration's. */
const STOP_FIELDS: Record<string, string> = { ...(opts.quick ? QUICK_FIELDS : {}), ...(opts.duration !== undefined ? { minDuration: opts.duration } : {}) };

/** A side's own host and worker over its measured window. */
interface Own {
  host?: DynoProcessCost;
  worker?: DynoProcessCost;
}

interface Reading {
  p50: number;
  p90: number;
  own: Own;
}

/** CPU the studio's own processes used over a window, in % of one core. */
interface StudioCpu {
  browserPct: number;
  hostPct: number;
}

/** Chromium's processes are the bench's own descendants (other Chromiums on a shared machine are not ours). */
function ownBrowserPids(): Set<number> {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (!/chrom/i.test(stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) continue;
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone between the listing and the read.
    }
  }
  const ours = (pid: number, depth = 0): boolean => {
    const up = parent.get(pid);
    return up === process.pid || (up !== undefined && depth < 8 && ours(up, depth + 1));
  };
  return new Set([...parent.keys()].filter((pid) => ours(pid)));
}

async function withStudioCpu<T>(hostPid: number | undefined, work: () => Promise<T>): Promise<{ value: T; cpu?: StudioCpu }> {
  const watch = new BusyProcessWatch();
  watch.begin();
  const value = await work();
  const seen = watch.end(new Set(), hostPid ?? -1, Number.POSITIVE_INFINITY);
  if (!seen) return { value };
  const browser = ownBrowserPids();
  const sum = (ps: typeof seen): number => ps.reduce((t, p) => t + p.cpuPct, 0);
  return { value, cpu: { browserPct: sum(seen.filter((p) => browser.has(p.pid))), hostPct: sum(seen.filter((p) => p.dynoHost)) } };
}

/** Quiet: the browser and the host together under this share of one core over a check. */
const QUIET_PCT = 3;
const QUIET_CHECK_MS = 500;
const SETTLE_MAX_MS = 15_000;

/**
 * Waits until the studio's processes are quiet (the studio draws its results after a run; the
 * host writes and checkpoints), so that one side's wrap-up does not land in the other side's
 * measurement. Answers how long it waited.
 */
async function settle(hostPid: number | undefined): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < SETTLE_MAX_MS) {
    const { cpu } = await withStudioCpu(hostPid, () => new Promise((r) => setTimeout(r, QUIET_CHECK_MS)));
    if (!cpu || cpu.browserPct + cpu.hostPct < QUIET_PCT) break;
  }
  return performance.now() - started;
}

const CostJsonSchema = z.object({ pid: z.number(), cpu_pct: z.number(), wakeups_per_s: z.number(), threads: z.number(), event_loop_pct: z.number().optional() });
const CliJsonSchema = z.object({
  stats: z.object({ p50_ms: z.number(), p90_ms: z.number() }),
  conditions: z.object({ dynoProcesses: z.object({ host: CostJsonSchema, worker: CostJsonSchema.optional() }).optional() }).nullable(),
});
const costOf = (c: z.infer<typeof CostJsonSchema> | undefined): DynoProcessCost | undefined =>
  c && { pid: c.pid, cpuPct: c.cpu_pct, wakeupsPerS: c.wakeups_per_s, threads: c.threads, ...(c.event_loop_pct !== undefined ? { eventLoopPct: c.event_loop_pct } : {}) };

function readingOf(run: Run): Reading {
  if (run.status !== 'completed') throw new Error(`the studio's run ${run.id} ended ${run.status}${run.status === 'failed' ? `: ${run.error}` : ''}`);
  const { p50, p90 } = run.stats.percentiles;
  if (!p50 || !p90) throw new Error(`the studio's run ${run.id} has no p50/p90`);
  const own = run.results.conditions?.dynoProcesses;
  return { p50: p50.valueMs, p90: p90.valueMs, own: { ...(own?.host ? { host: own.host } : {}), ...(own?.worker ? { worker: own.worker } : {}) } };
}

function cliReading(args: readonly string[], home: string): Reading {
  const out = execFileSync(process.execPath, [resolve('bin/dyno.js'), 'bench', ...args, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, DYNO_HOME: home },
    maxBuffer: 64 * 1024 * 1024,
  });
  const { stats, conditions } = CliJsonSchema.parse(JSON.parse(out));
  const host = costOf(conditions?.dynoProcesses?.host);
  const worker = costOf(conditions?.dynoProcesses?.worker);
  return { p50: stats.p50_ms, p90: stats.p90_ms, own: { ...(host ? { host } : {}), ...(worker ? { worker } : {}) } };
}

/**
 * Resolves inside the page once a run other than `previous` shows how it ended; nothing polls.
 * (Page code as a string: the bench compiles without the DOM's types.)
 */
const resultsOfNextRun = (previous: string): string => `new Promise((done, fail) => {
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
  })`;

interface Side {
  /** Runs one studio-side measurement; answers its reading and the stored run's config as CLI args. */
  run(): Promise<{ reading: Reading; cliArgs: string[] }>;
  close(): Promise<void>;
}

async function browserSide(url: string, model: string, threads: number): Promise<Side> {
  const page = await (opts.playwright ? playwrightDriver : cdpDriver)(url);
  // The studio opens its default model by itself: let it, or it could land after ours.
  await until(page, `${text('model-name')} !== ''`, 'the default model');
  await page.evaluate(fill('model-path', model));
  await page.pressEnter('model-path');
  await until(page, `${text('model-name')}.includes(${JSON.stringify(basename(model))})`, 'the model to open');
  await page.evaluate(fill('field-threads', String(threads)));
  for (const [field, value] of Object.entries(STOP_FIELDS)) await page.evaluate(fill(`field-${field}`, value));
  let previous = '';
  return {
    async run() {
      // Started before the click and awaited after it, so no ending can slip between the two.
      const ended = page.evaluate(resultsOfNextRun(previous)) as Promise<string>;
      await page.click('start-run');
      previous = await ended;
      const api = await connectWsApi(url);
      try {
        const { run } = await api.call('runs.get', { runId: previous });
        return { reading: readingOf(run), cliArgs: benchArgsFor(run.config) };
      } finally {
        api.close();
      }
    },
    close: () => page.close(),
  };
}

/** The default form's config for a case, as the watcher starts it and the control's CLI runs it. */
function defaultConfig(model: string, threads: number): RunConfig {
  const fields = { ...DEFAULT_FORM, text: { ...DEFAULT_FORM.text, threads: String(threads), ...STOP_FIELDS } };
  const { config, errors } = parseForm(model, fields);
  if (!config) throw new Error(`the default form does not parse: ${JSON.stringify(errors)}`);
  return config;
}

/** --control: the "studio" side is the CLI again, in a home of its own (an A/A test of the bench). */
function controlSide(model: string, threads: number, home: string): Side {
  const cliArgs = benchArgsFor(defaultConfig(model, threads));
  return { run: () => Promise.resolve({ reading: cliReading(cliArgs, home), cliArgs }), close: () => Promise.resolve() };
}

/** The remote-watcher case: a WebSocket client that hears every live event and draws nothing. */
async function watcherSide(url: string, model: string, threads: number): Promise<Side> {
  const config = defaultConfig(model, threads);
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
      return { reading: readingOf(run), cliArgs: benchArgsFor(run.config) };
    },
    async close() {
      const { messages, bytes } = api.received();
      console.log(`    (watcher received ${messages} messages, ${(bytes / 1e6).toFixed(2)} MB, ${heard} live samples)`);
      api.close();
    },
  };
}

const fmt = (r: Reading): string => `p50 ${r.p50.toFixed(2)}  p90 ${r.p90.toFixed(2)} ms`;
const pct = (x: number | undefined): string => (x === undefined ? '?' : `${x.toFixed(1)}%`);
/** "host 0.8% 11/s, worker 99.1%": a side's own processes over its measured window. */
const ownOf = (o: Own): string =>
  `host ${pct(o.host?.cpuPct)} ${o.host ? `${o.host.wakeupsPerS.toFixed(0)}/s` : ''}, worker ${pct(o.worker?.cpuPct)}`;
const medianOf = (xs: readonly number[]): number | undefined => (xs.length > 0 ? quantileSorted(sortedCopy(xs), 0.5) : undefined);

/** Every figure one case collects over its rounds. */
class CaseLog {
  readonly r50: number[] = [];
  readonly r90: number[] = [];
  /** The studio's processes while the studio measured, and while the CLI did. */
  readonly studioCpu: StudioCpu[] = [];
  readonly idleStudioCpu: StudioCpu[] = [];
  readonly studioOwn: Own[] = [];
  readonly cliOwn: Own[] = [];
  readonly settledMs: number[] = [];

  summary(label: string): { line: string; figures: RatioFigure[]; worst: number } {
    const f50 = ratioFigure(this.r50)!;
    const f90 = ratioFigure(this.r90)!;
    const v = [verdict(f50, TARGET), verdict(f90, TARGET)];
    const m = (xs: readonly (number | undefined)[]): string => pct(medianOf(xs.filter((x): x is number => x !== undefined)));
    const line = [
      `${label}`,
      `  studio/CLI p50 ${formatRatio(f50)} → ${v[0]}`,
      `  studio/CLI p90 ${formatRatio(f90)} → ${v[1]}`,
      `  medians: studio's browser ${m(this.studioCpu.map((c) => c.browserPct))} and host ${m(this.studioCpu.map((c) => c.hostPct))} of a core while it ran; ` +
        `${m(this.idleStudioCpu.map((c) => c.browserPct + c.hostPct))} while the CLI ran`,
      `  own processes over the measured window: studio host ${m(this.studioOwn.map((o) => o.host?.cpuPct))}, CLI host ${m(this.cliOwn.map((o) => o.host?.cpuPct))}; ` +
        `workers ${m(this.studioOwn.map((o) => o.worker?.cpuPct))} / ${m(this.cliOwn.map((o) => o.worker?.cpuPct))}; settling took ${((medianOf(this.settledMs) ?? 0) / 1000).toFixed(1)} s`,
    ].join('\n');
    return { line, figures: [f50, f90], worst: Math.max(f50.geo?.ratio ?? f50.median, f90.geo?.ratio ?? f90.median) };
  }
}

async function main(): Promise<void> {
  // Before anything starts: a missing Chromium is one line, not a half-run bench.
  if (!opts.watch) requireChromium();
  const home = mkdtempSync(join(tmpdir(), 'dyno-bench-studio-'));
  const cliHome = mkdtempSync(join(tmpdir(), 'dyno-bench-studio-cli-'));
  const controlHome = mkdtempSync(join(tmpdir(), 'dyno-bench-studio-control-'));
  const serve = await startServe(home);
  const hostPid = serve.child.pid;
  const threadCounts = opts.threads.split(',').map((t) => (t === 'all' ? CORES : Number(t)));
  const summary: string[] = [];
  const figures: RatioFigure[] = [];
  let worst = 0;
  try {
    const stop = opts.quick ? ' (quick: 50 iterations, 1 s)' : opts.duration !== undefined ? ` (runs of at least ${opts.duration} s)` : ', default settings';
    console.log(`bench:studio — ${opts.control ? 'CONTROL (A/A): dyno bench against itself' : opts.watch ? 'dyno serve watched by a WebSocket client (no drawing)' : `the studio in Chromium (${opts.playwright ? 'driven by Playwright' : 'a bare DevTools socket'}) against dyno serve`} vs dyno bench, ${ROUNDS} interleaved rounds${stop}`);
    console.log(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${CORES} cores available, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; Node ${process.version}\n`);
    for (const name of opts.models.split(',')) {
      const model = MODELS[name];
      if (!model) throw new Error(`unknown model ${name} (resnet50, squeezenet)`);
      for (const threads of threadCounts) {
        const label = `${name} threads=${threads}${threads === CORES ? ' (all)' : ''}`;
        const side = opts.control ? controlSide(model, threads, controlHome) : opts.watch ? await watcherSide(serve.url, model, threads) : await browserSide(serve.url, model, threads);
        let log = new CaseLog();
        let cliArgs: string[] = [];
        const studioRun = async (): Promise<Reading> => {
          log.settledMs.push(await settle(hostPid));
          const { value, cpu } = await withStudioCpu(hostPid, () => side.run());
          if (cpu) log.studioCpu.push(cpu);
          cliArgs = value.cliArgs;
          return value.reading;
        };
        const cliRun = async (): Promise<Reading> => {
          log.settledMs.push(await settle(hostPid));
          const { value, cpu } = await withStudioCpu(hostPid, async () => cliReading(cliArgs, cliHome));
          if (cpu) log.idleStudioCpu.push(cpu);
          return value;
        };
        try {
          // One untimed pair first: the browser, the page and the caches warm up before round 1.
          await studioRun();
          await cliRun();
          log = new CaseLog();
          for (let r = 0; r < ROUNDS; r++) {
            // ABBA: the first round has no config yet, so the studio goes first; then they alternate.
            const studioFirst = r % 2 === 0;
            const first = await (studioFirst ? studioRun() : cliRun());
            if (r === 0) console.log(`  ${label} (after an untimed warm-up pair): dyno bench ${cliArgs.join(' ')}`);
            const second = await (studioFirst ? cliRun() : studioRun());
            const [studio, cli] = studioFirst ? [first, second] : [second, first];
            log.studioOwn.push(studio.own);
            log.cliOwn.push(cli.own);
            log.r50.push(studio.p50 / cli.p50);
            log.r90.push(studio.p90 / cli.p90);
            const busy = log.studioCpu.at(-1);
            const idle = log.idleStudioCpu.at(-1);
            console.log(
              `  ${label} round ${r + 1}: studio ${fmt(studio)} | cli ${fmt(cli)} | ratio p50 ${log.r50.at(-1)!.toFixed(3)}  p90 ${log.r90.at(-1)!.toFixed(3)}` +
                ` | browser+host ${pct(busy && busy.browserPct + busy.hostPct)} during the studio's run, ${pct(idle && idle.browserPct + idle.hostPct)} during the CLI's` +
                ` | own: studio ${ownOf(studio.own)}; cli ${ownOf(cli.own)}`,
            );
          }
        } finally {
          await side.close();
        }
        const c = log.summary(label);
        // Printed as each case ends too: a later case's failure must not take this one's figures with it.
        console.log(c.line);
        summary.push(c.line);
        figures.push(...c.figures);
        worst = Math.max(worst, c.worst);
      }
    }
  } finally {
    await serve.stop();
    rmSync(home, { recursive: true, force: true });
    rmSync(cliHome, { recursive: true, force: true });
    rmSync(controlHome, { recursive: true, force: true });
  }
  console.log(`\n${summary.join('\n')}`);
  const decided = overallVerdict(figures, TARGET);
  const overall = decided === 'not met' ? `NOT met (over it at 2.5 % / ${figures.length}, Bonferroni)` : decided === 'met' ? 'met' : 'undecided (the intervals straddle it: more rounds, or a quieter machine)';
  console.log(`\nload average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}; target ≤ ${TARGET} for p50 and p90 (95 % interval of the geometric mean of paired ratios): ${overall} (worst geometric mean ${worst.toFixed(3)})`);
}

main().catch((err: unknown) => {
  console.error(`bench:studio: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

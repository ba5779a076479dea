/**
 * `npm run bench:page-cost`: what the studio's page costs the machine while a run measures, in
 * CPU time and wake-ups per process, not latency (CPU time and context switches are counted by
 * the kernel per thread, so the machine's other load hardly moves them, where it moves latency
 * by tens of per cent). On 2 cores with all intra-op threads, every wake-up of any browser
 * process preempts one of ONNX Runtime's threads and the whole parallel op waits for it.
 *
 * It starts the built `dyno serve` (temporary DYNO_HOME) and Debian's Chromium, headless at
 * 1280×720, opens the Run view with the model, and reads /proc for each of Chromium's processes
 * (browser, renderer, GPU, network and other utilities), the host and the worker, over a window of
 * `--window` seconds in each phase:
 *   idle       the Run view with the model open, nothing running (the floor);
 *   live       a run measuring with *Draw charts while measuring* on (the default);
 *   paused     the same with it off;
 *   live-keys  (not by default) live charts, the run started by Ctrl+Enter in a text field, as
 *              the form allows: the field keeps the focus unless the studio lets go of it;
 *   results    the page idle again, showing a finished run's results.
 * Per process, summed over its threads (/proc/<pid>/task/<tid>): % of one core (time on a CPU,
 * from schedstat, in ns), wake-ups per second (voluntary context switches: each is a thread going
 * to sleep and so, later, a wake-up) and preemptions per second (nonvoluntary ones).
 *
 * The page is driven over a bare Chrome DevTools Protocol socket with only `Runtime` in use, and
 * nothing is sent to it during a window: Playwright (as bench:studio uses it) enables the Network
 * domain, so the browser process forwards every WebSocket frame the page receives to it, which a
 * user's browser never does. `--playwright` drives it through Playwright instead, to see that cost.
 *
 *   --model squeezenet|resnet50 (default squeezenet), --threads N (default 1), --window S (12),
 *   --phases idle,live,paused,results, --playwright, --by-thread (each process's threads by name),
 *   --repeat N (default 3): each phase N times (a new run each time), and the median of each figure;
 *   --screenshots DIR: the page at 1280×720 mid-run (after the window) and after each run.
 * Processes of one kind (Chromium's spare renderers) are summed.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { startServe } from '../tests/helpers/serve-process';
import { cdpDriver, descendants, fill, playwrightDriver, text, until, type ProcInfo } from './page-driver';
import { requireChromium } from '../tests/helpers/chromium';

const { values: opts } = parseArgs({
  options: {
    model: { type: 'string', default: 'squeezenet' },
    threads: { type: 'string', default: '1' },
    window: { type: 'string', default: '12' },
    phases: { type: 'string', default: 'idle,live,paused,results' },
    playwright: { type: 'boolean', default: false },
    'by-thread': { type: 'boolean', default: false },
    repeat: { type: 'string', default: '3' },
    screenshots: { type: 'string' },
  },
});
// Beside the repository (../shared), found from this file: run from another checkout's folder
// (`cd <checkout> && npx tsx <this file>`), it measures that checkout's build with these models.
const CORPUS = fileURLToPath(new URL('../../shared/onnx-corpus/light/', import.meta.url));
const MODELS: Record<string, string> = {
  resnet50: join(CORPUS, 'light_resnet50.onnx'),
  squeezenet: join(CORPUS, 'light_squeezenet.onnx'),
};
const REPEAT = Math.max(1, Number(opts.repeat));
const WINDOW_S = Number(opts.window);
const THREADS = opts.threads === 'all' ? availableParallelism() : Number(opts.threads);

// ---- /proc accounting ----

/** One thread's counters: nanoseconds on a CPU (schedstat) and its context switches. */
interface ThreadCounters {
  name: string;
  ns: number;
  voluntary: number;
  nonvoluntary: number;
}

/** Per thread, by tid: a thread that ends inside the window is lost (few do; Chromium keeps its pools). */
function threadCounters(pid: number): Map<string, ThreadCounters> {
  const out = new Map<string, ThreadCounters>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out; // gone
  }
  for (const tid of tids) {
    try {
      const dir = `/proc/${pid}/task/${tid}`;
      const status = readFileSync(`${dir}/status`, 'utf8');
      out.set(tid, {
        name: readFileSync(`${dir}/comm`, 'utf8').trim(),
        ns: Number(readFileSync(`${dir}/schedstat`, 'utf8').split(' ')[0]),
        voluntary: Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0),
        nonvoluntary: Number(/^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0),
      });
    } catch {
      // a thread that ended meanwhile
    }
  }
  return out;
}

/** What a process is, from its command line: Chromium's `--type`, the host, the worker. */
function roleOf(p: ProcInfo, hostPid: number): string {
  if (p.pid === hostPid) return 'dyno serve host';
  if (/dyno|node/.test(p.comm) || /\bnode\b/.test(p.cmdline.split(' ')[0] ?? '')) return 'worker';
  const type = /--type=(\S+)/.exec(p.cmdline)?.[1];
  if (!type) return 'browser';
  if (type === 'utility') {
    const sub = /--utility-sub-type=(\S+)/.exec(p.cmdline)?.[1] ?? '';
    return `utility ${sub.replace(/\.mojom\..*$/, '').replace(/^.*\./, '') || '?'}`;
  }
  if (type === 'gpu-process') return 'gpu';
  return type;
}

interface Rates {
  cpuPct: number;
  wakeupsPerS: number;
  preemptedPerS: number;
}

interface Usage extends Rates {
  role: string;
  pid: number;
  threads: number;
  /** Per thread name (Chromium names its threads: CrRendererMain, Compositor, VizCompositorTh…). */
  byThread: Map<string, Rates>;
}

/** Starts a window now over the processes under `roots`; the returned function ends it. */
function openWindow(roots: number[], hostPid: number): () => Usage[] {
  const procs = roots.flatMap(descendants);
  const before = new Map(procs.map((p) => [p.pid, threadCounters(p.pid)]));
  const t0 = performance.now();
  return () => {
    const seconds = (performance.now() - t0) / 1000;
    const after = new Map(procs.map((p) => [p.pid, threadCounters(p.pid)]));
    return procs.flatMap((p) => {
      const a = before.get(p.pid);
      const b = after.get(p.pid);
      if (!a || !b || b.size === 0) return [];
      const byThread = new Map<string, Rates>();
      for (const [tid, t] of b) {
        // A thread born inside the window counts from zero.
        const t0c = a.get(tid) ?? { ns: 0, voluntary: 0, nonvoluntary: 0 };
        const r = byThread.get(t.name) ?? { cpuPct: 0, wakeupsPerS: 0, preemptedPerS: 0 };
        r.cpuPct += ((t.ns - t0c.ns) / 1e9 / seconds) * 100;
        r.wakeupsPerS += (t.voluntary - t0c.voluntary) / seconds;
        r.preemptedPerS += (t.nonvoluntary - t0c.nonvoluntary) / seconds;
        byThread.set(t.name, r);
      }
      return [{ role: roleOf(p, hostPid), pid: p.pid, threads: b.size, byThread, ...sumRates([...byThread.values()]) }];
    });
  };
}

function sumRates(rs: readonly Rates[]): Rates {
  return {
    cpuPct: rs.reduce((t, r) => t + r.cpuPct, 0),
    wakeupsPerS: rs.reduce((t, r) => t + r.wakeupsPerS, 0),
    preemptedPerS: rs.reduce((t, r) => t + r.preemptedPerS, 0),
  };
}

// ---- the phases ----

const measuring = `(document.querySelector('.progress-line')?.textContent ?? '').startsWith('measuring')`;

const row = (name: string, r: Rates, threads?: number): string =>
  `  ${name.padEnd(30)} ${r.cpuPct.toFixed(2).padStart(10)}   ${r.wakeupsPerS.toFixed(1).padStart(10)}   ${r.preemptedPerS.toFixed(1).padStart(11)}   ${threads === undefined ? '' : String(threads).padStart(7)}`;

/** One window's figures per kind of process (and per thread name within it), summed over its processes. */
interface Kind extends Rates {
  threads: number;
  byThread: Map<string, Rates>;
}

const CHROMIUM_TOTAL = '= Chromium, all processes';

function byKind(usage: readonly Usage[]): Map<string, Kind> {
  const kinds = new Map<string, Kind>();
  const add = (role: string, u: Usage): void => {
    const k = kinds.get(role) ?? { cpuPct: 0, wakeupsPerS: 0, preemptedPerS: 0, threads: 0, byThread: new Map() };
    k.cpuPct += u.cpuPct;
    k.wakeupsPerS += u.wakeupsPerS;
    k.preemptedPerS += u.preemptedPerS;
    k.threads += u.threads;
    for (const [name, r] of u.byThread) k.byThread.set(name, sumRates([k.byThread.get(name) ?? { cpuPct: 0, wakeupsPerS: 0, preemptedPerS: 0 }, r]));
    kinds.set(role, k);
  };
  for (const u of usage) {
    add(u.role, u);
    if (u.role !== 'dyno serve host' && u.role !== 'worker') add(CHROMIUM_TOTAL, u);
  }
  return kinds;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/** Per figure, the median over the repeats (a kind absent from a repeat counts as zero there). */
function medianRates(rs: readonly (Rates | undefined)[]): Rates {
  const z = rs.map((r) => r ?? { cpuPct: 0, wakeupsPerS: 0, preemptedPerS: 0 });
  return { cpuPct: median(z.map((r) => r.cpuPct)), wakeupsPerS: median(z.map((r) => r.wakeupsPerS)), preemptedPerS: median(z.map((r) => r.preemptedPerS)) };
}

function printUsage(title: string, windows: readonly Usage[][]): void {
  console.log(`\n${title}`);
  console.log(`  process (threads below it)     % of a core   wake-ups/s   preempted/s   threads${windows.length > 1 ? `   (medians of ${windows.length})` : ''}`);
  const kinds = windows.map(byKind);
  const names = [...new Set(kinds.flatMap((k) => [...k.keys()]))];
  // Chromium's processes by name, then their total, the host and the worker.
  const rank = (n: string): number => [CHROMIUM_TOTAL, 'dyno serve host', 'worker'].indexOf(n);
  const quiet = (r: Rates): boolean => r.cpuPct < 0.05 && r.wakeupsPerS < 0.5;
  for (const name of names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
    const m = medianRates(kinds.map((k) => k.get(name)));
    if (quiet(m) && name !== CHROMIUM_TOTAL) continue;
    console.log(row(name === 'worker' ? '(the worker)' : name, m, kinds.at(-1)?.get(name)?.threads));
    if (!opts['by-thread'] || name === CHROMIUM_TOTAL || name === 'worker') continue;
    const threads = [...new Set(kinds.flatMap((k) => [...(k.get(name)?.byThread.keys() ?? [])]))];
    const per = threads.map((t) => [t, medianRates(kinds.map((k) => k.get(name)?.byThread.get(t)))] as const).filter(([, r]) => !quiet(r));
    for (const [t, r] of per.sort(([, a], [, b]) => b.wakeupsPerS - a.wakeupsPerS)) console.log(row(`    ${t}`, r));
  }
}

async function main(): Promise<void> {
  const model = MODELS[opts.model];
  if (!model) throw new Error(`unknown model ${opts.model} (resnet50, squeezenet)`);
  // Before anything starts: a missing Chromium is one line, not a half-run bench.
  requireChromium();
  const phases = opts.phases.split(',');
  if (opts.screenshots) mkdirSync(opts.screenshots, { recursive: true });
  const home = mkdtempSync(join(tmpdir(), 'dyno-page-cost-'));
  const serve = await startServe(home);
  const hostPid = serve.child.pid ?? -1;
  const page = await (opts.playwright ? playwrightDriver : cdpDriver)(serve.url);
  try {
    console.log(`page-cost — ${basename(model)}, ${THREADS} intra-op thread(s), ${WINDOW_S} s windows, page driven by ${opts.playwright ? 'Playwright' : 'a bare CDP socket'}; ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    // The studio opens its default model by itself: let it, or it could land after ours.
    await until(page, `${text('model-name')} !== ''`, 'the default model');
    await page.evaluate(fill('model-path', model));
    await page.evaluate(`(document.querySelector('[data-testid="model-path"]').form.requestSubmit(), true)`);
    await until(page, `${text('model-name')}.includes(${JSON.stringify(basename(model))})`, 'the model to open');
    await page.evaluate(fill('field-threads', String(THREADS)));
    await page.evaluate(fill('field-minDuration', String(WINDOW_S + 6)));
    await page.evaluate(fill('field-maxDuration', String(WINDOW_S * 4 + 60)));
    await page.evaluate(fill('field-maxIterations', '1000000'));
    // Let the page settle (fonts, plotly's idle-time prefetch) before the floor is read.
    await sleep(3000);
    const windowOver = async (): Promise<Usage[]> => {
      const end = openWindow([page.root, hostPid], hostPid);
      await sleep(WINDOW_S * 1000);
      return end();
    };
    // Rounds of every phase in turn, so the machine's drift falls on every phase alike.
    const windows = new Map<string, Usage[][]>(phases.map((p) => [p, []]));
    const loads = new Map<string, number[]>(phases.map((p) => [p, []]));
    const warnings: string[] = [];
    let runs = 0;
    for (let round = 1; round <= REPEAT; round++) {
      for (const phase of phases) {
        if (phase === 'idle' || phase === 'results') {
          if (phase === 'results' && runs === 0) throw new Error('the results phase needs a run before it');
          windows.get(phase)?.push(await windowOver());
        } else if (phase === 'live' || phase === 'paused' || phase === 'live-keys') {
          const want = phase !== 'paused';
          if ((await page.evaluate(`document.querySelector('[data-testid="live-charts"]').checked`)) !== want) await page.click('live-charts');
          const previous = (await page.evaluate(text('run-id'))) as string;
          if (phase === 'live-keys') await page.runFromField('field-minIterations');
          else await page.click('start-run');
          await until(page, `${text('run-id')} !== ${JSON.stringify(previous)} && ${measuring}`, 'the run to measure', 300);
          // Past the first batches (the chart's first draw and the run's first layout).
          await sleep(2000);
          windows.get(phase)?.push(await windowOver());
          if (!(await page.evaluate(measuring))) warnings.push(`round ${round}, ${phase}: the run ended inside the window`);
          const shot = async (when: string): Promise<void> => {
            if (opts.screenshots) writeFileSync(join(opts.screenshots, `page-cost-${phase}-${round}-${when}.png`), await page.screenshot());
          };
          await shot('mid-run');
          await until(page, `!!document.querySelector('[data-testid="results"], [data-testid="run-error"]')`, 'the run to end', 600);
          runs++;
          await sleep(2000);
          await shot('ended');
        } else throw new Error(`unknown phase ${phase} (idle, live, live-keys, paused, results)`);
        loads.get(phase)?.push(loadavg()[0] ?? 0);
      }
    }
    const titles: Record<string, string> = {
      idle: 'idle Run view (model open, nothing running)',
      live: 'run measuring, live charts on (the default)',
      paused: 'run measuring, "Draw charts while measuring" off',
      'live-keys': 'run measuring, live charts, started by Ctrl+Enter in a text field',
      results: "idle, showing the last run's results",
    };
    for (const phase of phases) {
      const l = loads.get(phase) ?? [];
      printUsage(`${titles[phase]} — load average ${Math.min(...l).toFixed(1)}–${Math.max(...l).toFixed(1)}`, windows.get(phase) ?? []);
    }
    for (const w of warnings) console.log(`WARNING: ${w}`);
  } finally {
    await page.close();
    await serve.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`page-cost: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

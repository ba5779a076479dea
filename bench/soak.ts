/**
 * `npm run soak -- --minutes N`: benchmarks with telemetry, one after another, for N minutes
 * (60 for a release check; `npm test` runs 0.3, about 20 s, since 2 would not fit its budget),
 * through a real studio on a fresh DYNO_HOME as every front end uses it. Prints the host's
 * memory at the start and end, how much the database grows per run, and every failure; exits 1
 * when a run failed or the host's memory grew beyond the bound (a leak per run, not noise).
 *
 * The first run is not counted in the memory figures: it loads modules, the provider probe and
 * ONNX Runtime's binding, which stay for the process's life.
 */
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createStudio } from '../src/main/studio/create-studio';
import { createInProcessApi } from '../src/main/studio/in-process-api';
import { RunConfigSchema } from '../src/shared/run';
import { formatBytes } from '../src/shared/format';

/** Heap growth allowed from after the first run to the end: bounded, whatever N is. */
const MAX_HEAP_GROWTH_BYTES = 32 * 1024 ** 2;
const MAX_RSS_GROWTH_BYTES = 128 * 1024 ** 2;
const MODELS = [resolve('resources/models/conv2d.onnx'), resolve('resources/models/squeezenet.onnx')];

function minutesFlag(argv: string[]): number {
  const at = argv.indexOf('--minutes');
  const value = at >= 0 ? Number(argv[at + 1]) : 2;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--minutes must be a number > 0 (got '${argv[at + 1] ?? ''}')`);
  return value;
}

function dbBytes(home: string): number {
  return ['dyno.db', 'dyno.db-wal'].map((f) => join(home, f)).reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0);
}

async function main(): Promise<number> {
  const minutes = minutesFlag(process.argv.slice(2));
  const home = mkdtempSync(join(tmpdir(), 'dyno-soak-'));
  const handle = createStudio({ home });
  const api = createInProcessApi(handle.studio);
  const failures: string[] = [];
  const memory = (): NodeJS.MemoryUsage => {
    global.gc?.();
    return process.memoryUsage();
  };
  const start = memory();
  let afterFirst = start;
  let dbAfterFirst = 0;
  let runs = 0;
  let samples = 0;
  const end = Date.now() + minutes * 60_000;
  try {
    while (Date.now() < end || runs < 2) {
      const config = RunConfigSchema.parse({
        modelPath: MODELS[runs % MODELS.length],
        stop: { warmupIterations: 5, minIterations: 20, maxIterations: 100_000, minDurationMs: 1000, maxDurationMs: 30_000 },
        label: `soak ${runs + 1}`,
      });
      try {
        const { runId } = await api.call('runs.start', { config });
        const { run } = await api.call('runs.wait', { runId });
        if (run.status !== 'completed') failures.push(`run ${runs + 1} (${runId}): ${run.status}${'error' in run && run.error ? `: ${run.error}` : ''}`);
        if ('stats' in run) samples += run.stats?.count ?? 0;
        const telemetry = await api.call('runs.telemetry', { runId });
        if (telemetry.length === 0) failures.push(`run ${runs + 1} (${runId}): no telemetry`);
      } catch (err) {
        failures.push(`run ${runs + 1}: ${err instanceof Error ? err.message : String(err)}`);
      }
      runs++;
      if (runs === 1) {
        afterFirst = memory();
        dbAfterFirst = dbBytes(home);
      }
    }
    const last = memory();
    const heapGrowth = last.heapUsed - afterFirst.heapUsed;
    const rssGrowth = last.rss - afterFirst.rss;
    const perRun = runs > 1 ? (dbBytes(home) - dbAfterFirst) / (runs - 1) : 0;
    const lines = [
      `soak: ${minutes} min, ${runs} runs, ${samples} measured samples, ${failures.length} failure(s)`,
      `host memory: start rss ${formatBytes(start.rss)} heap ${formatBytes(start.heapUsed)}; after run 1 rss ${formatBytes(afterFirst.rss)} heap ${formatBytes(afterFirst.heapUsed)}; end rss ${formatBytes(last.rss)} heap ${formatBytes(last.heapUsed)}`,
      `growth after run 1: heap ${formatBytes(heapGrowth)} (bound ${formatBytes(MAX_HEAP_GROWTH_BYTES)}), rss ${formatBytes(rssGrowth)} (bound ${formatBytes(MAX_RSS_GROWTH_BYTES)})`,
      `database: ${formatBytes(dbBytes(home))} after ${runs} runs, ${formatBytes(perRun)} per run`,
      ...failures.map((f) => `failure: ${f}`),
    ];
    process.stdout.write(lines.join('\n') + '\n');
    const bounded = heapGrowth <= MAX_HEAP_GROWTH_BYTES && rssGrowth <= MAX_RSS_GROWTH_BYTES;
    if (!bounded) process.stdout.write('soak: host memory grew beyond its bound\n');
    return failures.length === 0 && bounded ? 0 : 1;
  } finally {
    handle.close();
    rmSync(home, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`soak: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

/**
 * `npm run bench:store` (issue 11, item 9): the store and the comparison at a million samples.
 *
 * - persist: 1M latency samples written the way a run writes them (the real RunsRepository,
 *   one row per worker batch of 4,096 samples, each its own transaction), target ≤ 1.5 s;
 * - load: a stored 1M-sample run's measured latencies read back for a comparison, ≤ 300 ms;
 * - compare: `runs.compare` of two 1M-sample runs through the API, as the studio calls it, ≤ 1 s;
 * - the size of those two runs' HTML report, target ≤ 2 MB (the default: exact summaries and
 *   decimated charts; with --embed-samples it grows with the samples, see bench:report).
 *
 * The runs are a real Conv2d run given N synthetic samples (bench/synthetic-stored-run.ts).
 * Each figure is the median of ROUNDS repetitions (default 5), printed with its range.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStudio } from '../src/main/studio/create-studio';
import { createInProcessApi } from '../src/main/studio/in-process-api';
import { openDatabase } from '../src/main/store/database';
import { RunsRepository } from '../src/main/store/runs-repository';
import { RunConfigSchema } from '../src/shared/run';
import { withSamples } from './synthetic-stored-run';

const N = Number(process.env.SAMPLES ?? 1_000_000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const BATCH = 4096;

function summary(name: string, ms: number[], targetMs: number | null): void {
  const s = [...ms].sort((a, b) => a - b);
  const median = s[Math.floor(s.length / 2)]!;
  const target = targetMs === null ? '' : `  target ≤ ${targetMs} ms: ${(median / targetMs).toFixed(2)}× the target ${median <= targetMs ? 'MET' : 'OVER'}`;
  console.log(`  ${name.padEnd(34)} median ${median.toFixed(0).padStart(5)} ms  [range ${s[0]!.toFixed(0)}–${s[s.length - 1]!.toFixed(0)}]${target}`);
}

const home = mkdtempSync(join(tmpdir(), 'dyno-bench-store-'));
try {
  // A real run to give the synthetic samples a real config, environment and results.
  const first = createStudio({ home });
  const api0 = createInProcessApi(first.studio);
  const config = RunConfigSchema.parse({
    modelPath: resolve('resources/models/conv2d.onnx'),
    stop: { warmupIterations: 10, minIterations: 200, maxIterations: 200, minDurationMs: 0, maxDurationMs: 60_000 },
  });
  const { runId } = await api0.call('runs.start', { config });
  const { run } = await api0.call('runs.wait', { runId });
  const { databasePath } = first;
  first.close();

  console.log(`bench:store — ${N.toLocaleString('en')} samples a run, ${ROUNDS} rounds, batches of ${BATCH}`);
  const opened = openDatabase(databasePath);
  const repo = new RunsRepository(opened.db, process.pid, () => true);
  const persistMs: number[] = [];
  const loadMs: number[] = [];
  const ids: string[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const stored = withSamples(run, `store-bench-${r}`, N, r + 1, BATCH);
    const t0 = performance.now();
    repo.save(stored.run);
    for (const b of stored.batches) repo.appendBatch(stored.run.id, b);
    persistMs.push(performance.now() - t0);
    ids.push(stored.run.id);
  }
  for (const id of ids) {
    const t0 = performance.now();
    const latencies = repo.measuredLatencies(id);
    loadMs.push(performance.now() - t0);
    if (latencies.length !== N) throw new Error(`read ${latencies.length} samples back, wrote ${N}`);
  }
  opened.db.close();
  summary(`persist ${N.toLocaleString('en')} samples`, persistMs, 1500);
  summary(`load a ${N.toLocaleString('en')}-sample run`, loadMs, 300);

  // Compare and report through the API, in a studio opened on the same file, as the studio does.
  const handle = createStudio({ home });
  try {
    const api = createInProcessApi(handle.studio);
    const compareMs: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const pair = [ids[r % ids.length]!, ids[(r + 1) % ids.length]!];
      const t0 = performance.now();
      const c = await api.call('runs.compare', { runIds: pair });
      compareMs.push(performance.now() - t0);
      if (c.runs.length !== 1) throw new Error('a comparison of two runs has one result');
    }
    summary(`compare two ${N.toLocaleString('en')}-sample runs`, compareMs, 1000);
    const t0 = performance.now();
    const report = await api.call('reports.create', { runIds: ids.slice(0, 2), format: 'html' });
    const bytes = Buffer.byteLength(report.content);
    console.log(`  two-run HTML report                ${(bytes / 1e6).toFixed(2)} MB (${(bytes / 2e6).toFixed(2)}× the 2 MB target; made in ${(performance.now() - t0).toFixed(0)} ms; --embed-samples: bench:report)`);
  } finally {
    handle.close();
  }
} finally {
  rmSync(home, { recursive: true, force: true });
}

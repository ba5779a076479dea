/**
 * A real run's stored form given N measured samples (log-normal-ish around its median, seeded)
 * under a new id: how the store, compare and report benches get runs of any size without
 * measuring for minutes. The batches are cut as the worker cuts them (one per `batchSize`).
 */
import { mulberry32 } from '../src/shared/random';
import { RunSchema, type Run } from '../src/shared/run';
import type { SampleBatch } from '../src/shared/sample-batch';
import { summarizeLatencies } from '../src/shared/stats';
import type { StoredRun } from '../src/shared/stored-run';

export function withSamples(run: Run, id: string, n: number, seed: number, batchSize = n): StoredRun {
  const rand = mulberry32(seed);
  const median = run.status === 'completed' ? (run.stats.percentiles.p50?.valueMs ?? run.stats.meanMs) : 1;
  const latencyMs = new Float64Array(n);
  const tMs = new Float64Array(n);
  let t = Date.parse(run.createdAt);
  for (let k = 0; k < n; k++) {
    latencyMs[k] = median * Math.exp(0.2 * (rand() + rand() + rand() - 1.5));
    tMs[k] = t;
    t += latencyMs[k]! + 0.005;
  }
  const stats = summarizeLatencies(latencyMs, { measuredWallMs: t - Date.parse(run.createdAt) });
  const batches: SampleBatch[] = [];
  for (let first = 0; first < n; first += batchSize) {
    const end = Math.min(n, first + batchSize);
    batches.push({ phase: 'measure', firstI: first, tMs: tMs.slice(first, end), latencyMs: latencyMs.slice(first, end) });
  }
  return { run: RunSchema.parse({ ...run, id, stats }), warnings: [], batches, telemetry: [] };
}

/**
 * Whole stored runs for report and bundle tests: the hand-made runs (real schemas, real
 * statistics) with deterministic sample batches and telemetry, as the host would have stored
 * them. Latencies are log-normal-ish from a seeded generator, so every test sees the same bytes.
 */
import { mulberry32 } from '../../src/main/engine/inputs';
import { RunSchema, type Run } from '../../src/shared/run';
import { summarizeLatencies } from '../../src/shared/stats';
import type { SampleBatch } from '../../src/shared/sample-batch';
import type { StoredRun } from '../../src/shared/stored-run';
import type { TelemetrySample } from '../../src/shared/telemetry';
import { HAND_MADE_RUNS } from './hand-made-runs';
import { compareSides } from '../../src/shared/compare/compare-sides';
import { comparableFromRun } from '../../src/shared/compare/comparable-run';
import type { Comparison } from '../../src/shared/compare/schema';

export const T0_MS = Date.parse('2026-12-01T10:00:01.000Z');

/** `count` measured iterations around `medianMs` in batches of 250, after 5 warm-ups. */
export function sampleBatches(seed: number, count: number, medianMs: number): SampleBatch[] {
  const rand = mulberry32(seed);
  const batches: SampleBatch[] = [];
  let t = T0_MS;
  const batch = (phase: SampleBatch['phase'], firstI: number, n: number): void => {
    const tMs = new Float64Array(n);
    const latencyMs = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const l = medianMs * Math.exp(0.15 * (rand() + rand() + rand() - 1.5)) * (rand() < 0.01 ? 3 : 1);
      tMs[k] = t;
      latencyMs[k] = l;
      t += l + 0.01;
    }
    batches.push({ phase, firstI, tMs, latencyMs });
  };
  batch('warmup', 0, 5);
  for (let i = 0; i < count; i += 250) batch('measure', i, Math.min(250, count - i));
  return batches;
}

export function telemetrySamples(seed: number, seconds: number, gpu: boolean): TelemetrySample[] {
  const rand = mulberry32(seed);
  return Array.from({ length: Math.round(seconds * 10) }, (_, k) => ({
    tMs: T0_MS + k * 100,
    cpuUtilPct: 40 + 20 * rand(),
    perCorePct: [50 + 10 * rand(), 30 + 10 * rand()],
    memUsedBytes: 4e9,
    cpuSpeedMHz: 2400,
    workerRssBytes: 2.5e8,
    workerCpuPct: 99,
    cpuPowerW: null,
    gpus: gpu
      ? [{ tMs: T0_MS + k * 100, index: 0, uuid: 'GPU-1', name: 'NVIDIA H100 80GB HBM3', utilGpuPct: 80 + 10 * rand(), utilMemPct: 30, memUsedMiB: 2048, memTotalMiB: 81559, powerW: 200 + 30 * rand(), powerLimitW: 700, tempC: 60, smClockMHz: 1980, memClockMHz: 2619, pstate: 'P0', throttleReasons: 0 }]
      : [],
  }));
}

/** A hand-made run with `count` samples, its statistics recomputed from them. */
export function storedRun(kind: keyof typeof HAND_MADE_RUNS, opts: { seed: number; count: number; medianMs: number; id?: string; label?: string; modelName?: string; studyId?: string }): StoredRun {
  const base = HAND_MADE_RUNS[kind];
  if (!base) throw new Error(`no hand-made run ${kind}`);
  const batches = sampleBatches(opts.seed, opts.count, opts.medianMs);
  const measured = batches.filter((b) => b.phase === 'measure').flatMap((b) => [...b.latencyMs]);
  const wall = measured.reduce((a, b) => a + b + 0.01, 0);
  const run: Run = RunSchema.parse({
    ...base,
    ...(opts.id ? { id: opts.id } : {}),
    ...(opts.modelName ? { modelName: opts.modelName } : {}),
    ...(opts.studyId ? { studyId: opts.studyId } : {}),
    config: { ...base.config, ...(opts.label ? { label: opts.label } : {}) },
    ...('stats' in base && base.stats ? { stats: summarizeLatencies(measured, { measuredWallMs: wall }) } : {}),
  });
  const gpu = run.config.session.executionProvider === 'cuda';
  return { run, warnings: [{ code: 'cv-high', message: 'Latency varies by 15.0% (CV).' }], batches, telemetry: telemetrySamples(opts.seed, wall / 1000, gpu) };
}

/** What `runs.compare` answers for these runs (the first is the baseline), from the pure engine. */
export function comparisonOf(runs: readonly StoredRun[]): { comparison: Comparison } {
  const measured = (r: StoredRun): number[] => r.batches.filter((b) => b.phase === 'measure').flatMap((b) => [...b.latencyMs]);
  return { comparison: compareSides(runs.map((r) => [comparableFromRun(r.run, measured(r))])) };
}

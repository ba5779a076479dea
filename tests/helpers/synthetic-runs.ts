/**
 * Runs for the comparison's statistical tests: latencies drawn from a lognormal around a median
 * that itself moves from run to run (the machine's state), summarised by the real statistics
 * and parsed as completed runs, then read the way the host reads them.
 */
import { comparableFromRun, type ComparableRun } from '../../src/shared/compare/comparable-run';
import { mulberry32, standardNormal } from '../../src/shared/random';
import { RunSchema, type RunConfigInput } from '../../src/shared/run';
import { summarizeLatencies } from '../../src/shared/stats';
import { ENVIRONMENT } from './hand-made-runs';
import type { Environment } from '../../src/shared/telemetry';
import type { MeasurementConditions } from '../../src/shared/conditions';

export interface SyntheticRunSpec {
  id: string;
  medianMs: number;
  /** Log-scale spread of iterations within the run. */
  iterationSigma?: number;
  /** Log-scale spread of the run's median from run to run. */
  runSigma?: number;
  iterations?: number;
  seed: number;
  config?: Partial<RunConfigInput>;
  modelName?: string;
  environment?: Environment;
  /** Keep the samples (a stored run) or only the summary (a run file). */
  withSamples?: boolean;
  /** The run's measurement-window medians (its stability check); none by default. */
  windowMediansMs?: number[];
  /** What the run was measured under; not recorded by default. */
  conditions?: MeasurementConditions;
}

export function syntheticLatencies(spec: SyntheticRunSpec): number[] {
  const u = mulberry32(spec.seed);
  const runMedian = spec.medianMs * Math.exp((spec.runSigma ?? 0) * standardNormal(u));
  return Array.from({ length: spec.iterations ?? 200 }, () => runMedian * Math.exp((spec.iterationSigma ?? 0.15) * standardNormal(u)));
}

export function syntheticRun(spec: SyntheticRunSpec): ComparableRun {
  const latencies = syntheticLatencies(spec);
  const wall = latencies.reduce((a, b) => a + b, 0);
  const run = RunSchema.parse({
    id: spec.id,
    modelName: spec.modelName ?? 'tiny.onnx',
    createdAt: '2026-12-01T10:00:00.000Z',
    config: { modelPath: '/models/tiny.onnx', stop: { warmupIterations: 2, minIterations: 10, maxIterations: 100_000, minDurationMs: 0, maxDurationMs: 60_000 }, ...spec.config },
    status: 'completed',
    startedAt: '2026-12-01T10:00:01.000Z',
    finishedAt: '2026-12-01T10:00:05.000Z',
    coldStart: { sessionCreateMs: 40, firstRunMs: 3 },
    stats: summarizeLatencies(latencies, { measuredWallMs: wall }),
    results: {
      memory: { peakRssBytes: 1e8 },
      inputs: [],
      samplesPerIteration: 1,
      stability: { stable: true, windowMediansMs: spec.windowMediansMs ?? [] },
      environment: spec.environment ?? ENVIRONMENT,
      ...(spec.conditions ? { conditions: spec.conditions } : {}),
    },
  });
  return comparableFromRun(run, spec.withSamples === false ? null : latencies);
}

/**
 * What the optimizer is asked: one objective to improve, constraints every candidate must keep,
 * and a time budget. Figures are read from completed runs exactly as the comparison engine
 * reads them, so "better" means the same thing in a trial and in its verdict.
 */
import { z } from 'zod';
import type { Run } from '../run';
import type { MetricKey } from '../compare/schema';
import { minSamplesForPercentile } from '../stats';

export const OBJECTIVES = ['latency', 'p99', 'throughput', 'energy'] as const;
export type Objective = (typeof OBJECTIVES)[number];

/** FP32 knob changes (fusions, thread counts) move outputs by ~1e-5; 1e-3 leaves room without hiding a broken model. */
export const DEFAULT_MAX_ERROR = 1e-3;

export const OptimizerGoalSchema = z
  .object({
    objective: z.enum(OBJECTIVES),
    /** Per-request latency every candidate must keep: on the p99 for the p99 objective, on the p50 otherwise. */
    latencyBudgetMs: z.number().positive().optional(),
    /** Peak resident memory of the worker. */
    memoryCapBytes: z.number().positive().optional(),
    /** Largest absolute output difference from the FP32 baseline on the same inputs. */
    maxError: z.number().nonnegative().default(DEFAULT_MAX_ERROR),
    /**
     * Least accuracy on labelled data (a test_data_set folder's expected outputs): the share of
     * rows whose top-1 class agrees with the expected one, 0..1. Needs the expected outputs.
     */
    minAccuracy: z.number().min(0).max(1).optional(),
    /** Wall time for the whole search, baseline included. */
    timeBudgetMs: z.number().positive(),
  })
  .strict();
export type OptimizerGoal = z.infer<typeof OptimizerGoalSchema>;

/** The comparison metric each objective is judged by (shared/compare). */
export const OBJECTIVE_METRIC: Record<Objective, MetricKey> = {
  latency: 'median',
  p99: 'p99',
  throughput: 'throughput',
  energy: 'energyPerInference',
};

export const OBJECTIVE_WORDS: Record<Objective, string> = {
  latency: 'median latency',
  p99: 'p99 latency',
  throughput: 'throughput',
  energy: 'energy per inference',
};

/** Higher is better only for throughput. */
export const higherIsBetter = (o: Objective): boolean => o === 'throughput';

/** Iterations a trial needs so the objective's percentile is supported (LoadGen's early-stopping count for p99). */
export function minIterationsFor(objective: Objective, floor = 100): number {
  return Math.max(floor, objective === 'p99' ? minSamplesForPercentile(0.99) : 0);
}

type Completed = Extract<Run, { status: 'completed' }>;

/** The objective's figure of a completed run, in its own unit; undefined where the run cannot give it. */
export function objectiveValue(run: Completed, objective: Objective): number | undefined {
  switch (objective) {
    case 'latency':
      return run.stats.percentiles.p50?.valueMs;
    case 'p99': {
      const p99 = run.stats.percentiles.p99;
      return p99?.supported ? p99.valueMs : undefined;
    }
    case 'throughput':
      return run.stats.throughputPerS > 0 ? run.stats.throughputPerS : undefined;
    case 'energy':
      return run.results.telemetry?.energy.perInferenceMj ?? undefined;
  }
}

/** A score where lower is always better, so the search needs one ordering. */
export function scoreOf(value: number, objective: Objective): number {
  return higherIsBetter(objective) ? 1 / value : value;
}

/** The latency the budget is judged on: the p99 for the p99 objective, else the p50. */
export function budgetedLatencyMs(run: Completed, objective: Objective): number | undefined {
  return objective === 'p99' ? run.stats.percentiles.p99?.valueMs : run.stats.percentiles.p50?.valueMs;
}

/** "10m", "90s", "1h", "2500ms" or a bare number of seconds → milliseconds; undefined when unreadable. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?\s*$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  const ms = unit === 'ms' ? n : unit === 's' ? n * 1000 : unit === 'h' ? n * 3_600_000 : n * 60_000;
  return ms > 0 ? ms : undefined;
}

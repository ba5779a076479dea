/**
 * What `dyno optimize --json` prints (and what the recommendation report is written from):
 * `study`, `baseline`, `trials[]` (config, figures, verdict, rejected reason),
 * `recommended.config`, `recommended.gainVsBaseline` (with `ciLow`, `ciHigh`),
 * `recommended.fidelity`, `attribution[]`, plus what was skipped and why the search stopped.
 * Gains are "times better" for the objective (> 1 is better, whichever way the metric points).
 */
import type { RunConfig } from '../run';
import type { Level } from './factors';
import type { Fidelity } from './fidelity-schema';
import type { Objective, OptimizerGoal } from './goal';

export interface TrialFiguresJson {
  /** The objective's figure in `unit`. */
  value: number | null;
  unit: string;
  p50Ms: number | null;
  p99Ms: number | null;
  throughputPerS: number | null;
  energyPerInferenceMj: number | null;
  peakRssBytes: number | null;
}

export interface VerdictJson {
  verdict: string;
  gain: number;
  ciLow: number | null;
  ciHigh: number | null;
  evidence: string;
  sentence: string;
}

export interface TrialJson {
  runId: string;
  phase: string;
  candidate: string;
  status: string;
  reused: boolean;
  config: RunConfig;
  figures: TrialFiguresJson | null;
  fidelity: Fidelity | null;
  verdict: VerdictJson | null;
  rejected: string | null;
}

export interface AttributionJson {
  factor: string;
  level: Level | null;
  gain: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  runId: string | null;
  predicted?: number;
  interaction?: boolean;
}

export interface OptimizeJson {
  study: string;
  model: string;
  objective: Objective;
  goal: OptimizerGoal;
  baseline: { runId: string; config: RunConfig; figures: TrialFiguresJson | null; fidelity: Fidelity | null };
  trials: TrialJson[];
  skipped: { factor: string; reason: string }[];
  batchCurve: { batch: number; throughputPerS: number | null; latencyMs: number | null; withinBudget: boolean; runId: string }[];
  recommended: {
    candidate: string;
    config: RunConfig;
    gainVsBaseline: { value: number; ciLow: number | null; ciHigh: number | null; evidence: string };
    fidelity: Fidelity | null;
    runIds: string[];
    exports: { sessionOptions: Record<string, unknown>; python: string; node: string; cpp: string; perfTest: string; benchCommand: string };
  } | null;
  /**
   * When the baseline is recommended: the candidate that came closest to beating it (its gain < 1,
   * or not measurably > 1): a re-measured one where any was, its paired `rounds`; else one run
   * (`rounds` 1) of `iterations` measured iterations.
   */
  closest: { candidate: string; gain: number; ciLow: number | null; ciHigh: number | null; evidence: string; rounds: number; iterations: number | null } | null;
  attribution: AttributionJson[];
  /** `roundsLeft`: where the time budget cut the re-measurement below MIN_ROUNDS_TO_DECIDE rounds, the rounds it left. */
  stopped: { reason: string; message: string; roundsLeft?: number };
  noCandidate: string | null;
  elapsedMs: number;
}

export const OBJECTIVE_UNIT: Record<Objective, string> = { latency: 'ms', p99: 'ms', throughput: '/s', energy: 'mJ' };

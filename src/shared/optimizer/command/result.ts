/**
 * What `dyno optimize-exec --json` prints, in the model optimizer's shape (shared/optimizer/
 * result.ts): `study`, `baseline`, `trials[]` (config, figures, verdict, rejected reason),
 * `recommended.config`, `recommended.gainVsBaseline` (with `ciLow`, `ciHigh`), `attribution[]`,
 * `stopped`, `noCandidate`. A command's correctness gate is its metric gates, so where a model
 * trial has `fidelity` a command trial has `gates` (each gate's value, limit and verdict); the
 * exports are the winner's command line and its chosen factor levels.
 */
import type { RunConfig } from '../../run';
import type { VerdictJson } from '../result';
import type { CommandObjective, CommandGoal, GateCheck } from './goal';

export interface CommandFiguresJson {
  /** The objective's figure in `unit`. */
  value: number | null;
  unit: string;
  medianWallMs: number | null;
  peakRssBytes: number | null;
  energyPerRunMj: number | null;
  /** Each metric's final value (median across the measured runs). */
  metrics: Record<string, number>;
}

export interface CommandTrialJson {
  runId: string;
  phase: string;
  candidate: string;
  status: string;
  reused: boolean;
  commandLine: string;
  config: RunConfig;
  figures: CommandFiguresJson | null;
  gates: GateCheck[];
  verdict: VerdictJson | null;
  rejected: string | null;
}

export interface CommandOptimizeJson {
  study: string;
  workload: 'command';
  command: string;
  objective: CommandObjective;
  goal: CommandGoal;
  factors: { name: string; kind: 'flag' | 'param'; baseline: string; levels: string[] }[];
  baseline: { runId: string; commandLine: string; config: RunConfig; figures: CommandFiguresJson | null; gates: GateCheck[] };
  trials: CommandTrialJson[];
  recommended: {
    candidate: string;
    config: RunConfig;
    gainVsBaseline: { value: number; ciLow: number | null; ciHigh: number | null; evidence: string };
    gates: GateCheck[];
    runIds: string[];
    exports: {
      /** The winning command, ready to paste. */
      commandLine: string;
      /** The same, measured by Dyno. */
      execCommand: string;
      /** Every factor's chosen level: true/false for a flag, the value for a parameter. */
      parameters: Record<string, string | boolean>;
    };
  } | null;
  attribution: { factor: string; level: string | null; gain: number | null; ciLow: number | null; ciHigh: number | null; runId: string | null; predicted?: number; interaction?: boolean }[];
  /** `roundsLeft`: where the time budget cut the re-measurement below MIN_ROUNDS_TO_DECIDE rounds, the rounds it left. */
  stopped: { reason: string; message: string; roundsLeft?: number };
  noCandidate: string | null;
  elapsedMs: number;
}

/** The CLI's exit codes, as the README lists them (1 is any error, via CliError). */
import type { RunStatus } from '../../shared/run';

/** A regression beyond --fail-if-slower, a failed --target, outputs that differ, or a Server verdict that is not a pass. */
export const EXIT_REGRESSION = 3;
/** Cancelled with Ctrl+C; what was measured is kept as an aborted run. */
export const EXIT_CANCELLED = 130;
/** A run that failed (the message, or the JSON carrying it, says why). */
export const EXIT_ERROR = 1;
export const EXIT_OK = 0;

/** What `dyno bench` knows of a finished run when it picks its exit code. */
export interface BenchVerdicts {
  status: RunStatus;
  /** The comparison with the baseline, when there was one: median ratio (this ÷ baseline) and its 95 % interval's lower bound. */
  baseline?: { ratio: number; ciLow: number | null } | undefined;
  /** --fail-if-slower, in %. */
  failIfSlower?: number | undefined;
  /** The Server verdict, when the run was a Server scenario. */
  serverPassed?: boolean | undefined;
  /** --check-outputs' verdict, when outputs were checked. */
  checkPassed?: boolean | undefined;
  /** Whether any --target failed (one not judged for want of samples is not a failure). */
  targetsFailed?: boolean | undefined;
}

export interface ExitDecision {
  code: number;
  /** The line for stderr that says why, where nothing else on screen says it. */
  reason?: string;
}

/**
 * The line that says a regression is beyond --fail-if-slower: the median's slowdown and the
 * least of it the 95 % interval vouches for (the gate is the interval's lower bound, so a
 * noisy pair of runs does not fail a build). `dyno compare` appends which run it is.
 */
export function regressionReason(ratio: number, ciLow: number, limitPct: number): string {
  return `regression: median ${((ratio - 1) * 100).toFixed(1)}% slower than the baseline (limit ${limitPct}%): at least ${((ciLow - 1) * 100).toFixed(1)}% by the 95 % interval`;
}

/** Whether an interval's lower bound (a ratio, this ÷ baseline) is strictly beyond --fail-if-slower's limit in %. */
export function beyondLimit(ciLow: number | null, limitPct: number): boolean {
  // Stryker disable next-line ConditionalExpression: null > x is false in JS anyway; the check says so for readers and the type.
  return ciLow !== null && ciLow > 1 + limitPct / 100;
}

/**
 * `dyno bench`'s exit code, in the README's order of precedence: a failed run is an error (1);
 * a run that did not complete was cancelled (130); then any broken promise is a regression (3):
 * a median whose 95 % interval lies beyond --fail-if-slower, a failed --target, a Server verdict
 * that is not a pass, or outputs that differ from the expected ones. Otherwise 0.
 */
export function exitCodeFor(v: BenchVerdicts): ExitDecision {
  if (v.status === 'failed') return { code: EXIT_ERROR };
  if (v.status !== 'completed') return { code: EXIT_CANCELLED };
  // Without a baseline to compare with, or without --fail-if-slower, nothing is slow enough.
  // Stryker disable next-line ConditionalExpression: the limit and bound checks only narrow types (beyondLimit is false for a null bound, and for an undefined limit: 1 + NaN).
  if (v.baseline && v.failIfSlower !== undefined && v.baseline.ciLow !== null && beyondLimit(v.baseline.ciLow, v.failIfSlower)) {
    return { code: EXIT_REGRESSION, reason: `${regressionReason(v.baseline.ratio, v.baseline.ciLow, v.failIfSlower)}.` };
  }
  if (v.targetsFailed === true || v.serverPassed === false || v.checkPassed === false) return { code: EXIT_REGRESSION };
  return { code: EXIT_OK };
}

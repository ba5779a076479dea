/** The CLI's exit codes, as the README lists them (1 is any error, via CliError). */
import type { RunStatus } from '../../shared/run';

/** A regression beyond --fail-if-slower, outputs that differ, or a Server verdict that is not a pass. */
export const EXIT_REGRESSION = 3;
/** Cancelled with Ctrl+C; what was measured is kept as an aborted run. */
export const EXIT_CANCELLED = 130;
/** A run that failed (the message, or the JSON carrying it, says why). */
export const EXIT_ERROR = 1;
export const EXIT_OK = 0;

/** What `dyno bench` knows of a finished run when it picks its exit code. */
export interface BenchVerdicts {
  status: RunStatus;
  /** How much slower the median is than the baseline's, in %, when there was a baseline. */
  slowerByPct?: number | undefined;
  /** --fail-if-slower, in %. */
  failIfSlower?: number | undefined;
  /** The Server verdict, when the run was a Server scenario. */
  serverPassed?: boolean | undefined;
  /** --check-outputs' verdict, when outputs were checked. */
  checkPassed?: boolean | undefined;
}

export interface ExitDecision {
  code: number;
  /** The line for stderr that says why, where nothing else on screen says it. */
  reason?: string;
}

/**
 * `dyno bench`'s exit code, in the README's order of precedence: a failed run is an error (1);
 * a run that did not complete was cancelled (130); then any broken promise is a regression (3):
 * a median slower than the baseline by more than --fail-if-slower, a Server verdict that is not
 * a pass, or outputs that differ from the expected ones. Otherwise 0.
 */
export function exitCodeFor(v: BenchVerdicts): ExitDecision {
  if (v.status === 'failed') return { code: EXIT_ERROR };
  if (v.status !== 'completed') return { code: EXIT_CANCELLED };
  // Without a baseline to compare with, or without --fail-if-slower, nothing is slow enough.
  const slowerByPct = v.slowerByPct ?? Number.NEGATIVE_INFINITY;
  const limitPct = v.failIfSlower ?? Number.POSITIVE_INFINITY;
  if (slowerByPct > limitPct) {
    return { code: EXIT_REGRESSION, reason: `regression: median ${slowerByPct.toFixed(1)}% slower than the baseline (limit ${limitPct}%).` };
  }
  if (v.serverPassed === false || v.checkPassed === false) return { code: EXIT_REGRESSION };
  return { code: EXIT_OK };
}

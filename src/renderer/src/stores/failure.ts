/**
 * A failed fetch as the user sees it: what the studio was doing, the host's reason, and, where
 * trying again can help, the action that does. Stores keep one of these instead of dropping
 * the error; components show it with <FailureNotice>.
 */
import { ApiCallError } from '../../../shared/contract';
export interface Failure {
  what: string;
  message: string;
  retry?: () => Promise<void>;
}

/**
 * Host answers that asking again cannot change, so no retry is offered: the thing asked for does
 * not exist, or a run has no per-node profile (its message says to run with profiling on).
 */
const FINAL_CODES: ReadonlySet<string> = new Set(['not-found', 'not-profiled']);
const isFinal = (err: unknown): boolean => err instanceof ApiCallError && FINAL_CODES.has(err.code);

export function failure(what: string, err: unknown, retry?: () => Promise<void>): Failure {
  const message = err instanceof Error ? err.message : String(err);
  return retry && !isFinal(err) ? { what, message, retry } : { what, message };
}

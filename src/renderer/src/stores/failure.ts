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

/** Whether the host said the thing asked for does not exist: asking again cannot help, so no retry is offered. */
const notFound = (err: unknown): boolean => err instanceof ApiCallError && err.code === 'not-found';

export function failure(what: string, err: unknown, retry?: () => Promise<void>): Failure {
  const message = err instanceof Error ? err.message : String(err);
  return retry && !notFound(err) ? { what, message, retry } : { what, message };
}

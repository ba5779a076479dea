/**
 * A failed fetch as the user sees it: what the studio was doing, the host's reason, and, where
 * trying again can help, the action that does. Stores keep one of these instead of dropping
 * the error; components show it with <FailureNotice>.
 */
export interface Failure {
  what: string;
  message: string;
  retry?: () => Promise<void>;
}

export function failure(what: string, err: unknown, retry?: () => Promise<void>): Failure {
  const message = err instanceof Error ? err.message : String(err);
  return retry ? { what, message, retry } : { what, message };
}

/**
 * Stopping a studio for good, as `dyno serve` (Ctrl+C, SIGTERM) and the desktop app (quit) both
 * do: the queued runs and the one in flight are cancelled first, and the stop waits (at most
 * STOP_GRACE_MS) for that one to end and be saved as aborted. A command's process tree is in a
 * process group of its own, so nothing stops it when Dyno exits, and a database closed first
 * leaves its run `running`. Plain Node, so a test drives the same stop the Electron entry does.
 */
import type { StudioHandle } from './create-studio';

/** How long a stop waits for the run in flight to end once cancelled (a model run stops within its current inference). */
export const STOP_GRACE_MS = 10_000;

/** Cancels every queued run and the one running; resolves once that one is saved, or after `graceMs`. */
export async function cancelRunsInFlight(handle: Pick<StudioHandle, 'studio'>, graceMs = STOP_GRACE_MS): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
    timer.unref();
  });
  try {
    await Promise.race([handle.studio.queue.cancelAll(), grace]);
  } finally {
    clearTimeout(timer);
  }
}

export interface StudioStopper {
  /** Cancels the runs (cancelRunsInFlight), then closes the studio; every call gets the same promise. */
  stop(): Promise<void>;
  /** True once stop() has finished: the studio is closed. */
  readonly stopped: boolean;
}

/** The stop, once: Electron's will-quit comes again when the quit it deferred resumes, and must then go through. */
export function studioStopper(handle: StudioHandle, graceMs = STOP_GRACE_MS): StudioStopper {
  let stopping: Promise<void> | undefined;
  let stopped = false;
  return {
    stop() {
      stopping ??= cancelRunsInFlight(handle, graceMs).finally(() => {
        try {
          handle.close();
        } finally {
          stopped = true;
        }
      });
      return stopping;
    },
    get stopped() {
      return stopped;
    },
  };
}

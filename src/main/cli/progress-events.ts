/**
 * What the CLI's progress bar hears: only the runs' progress, at most once per interval (the
 * latest). While a run measures the studio emits some 18 events a second (sample batches,
 * telemetry, progress); the in-process API parses each with the contract's schemas before a
 * listener sees it, so a bar that listened to all of them would parse sample arrays and wake
 * for each, in the process beside the benchmark. The host batches its live events the same way
 * for its clients (live-event-batcher.ts).
 */
import type { StudioEvent } from '../../shared/contract';
import type { StudioCalls } from '../studio/in-process-api';
import { batchLiveEvents } from '../studio/live-event-batcher';

/** Once a second: the bar shows seconds elapsed, and a terminal renders every redraw. */
export const PROGRESS_EVENT_INTERVAL_MS = 1_000;

export function progressEventsOf(studio: StudioCalls, intervalMs = PROGRESS_EVENT_INTERVAL_MS): StudioCalls {
  return {
    call: (method, params) => studio.call(method, params),
    onEvent(listener) {
      let listening = true;
      const batcher = batchLiveEvents((events: StudioEvent[]) => {
        for (const e of events) if (listening) listener(e);
      }, intervalMs);
      const off = studio.onEvent((e) => {
        if (e.type === 'run.progress') batcher.push(e);
      });
      return () => {
        listening = false;
        off();
        // Stops the batcher's timer; what it held goes nowhere.
        batcher.flush();
      };
    },
  };
}

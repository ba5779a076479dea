/**
 * Live events to a front end, fewer and larger. While a run measures, the host hears a sample
 * batch and a progress event every 250 ms and a telemetry sample every 100 ms: some 18 events a
 * second, each of which a client would parse, store and re-render for, on the cores the benchmark
 * measures on. This holds them and sends them together every `intervalMs` (per run: one samples
 * event, one telemetry event, the latest progress), which a chart redrawing every two seconds
 * loses nothing by. Any other event (a run's state change) first sends what is held, so a client
 * never hears that a run ended before its last samples. Nothing is dropped but stale progress.
 */
import type { Progress, StudioEvent } from '../../shared/contract';
import type { Sample } from '../../shared/run';
import type { TelemetrySample } from '../../shared/telemetry';

/** How often held live events go out; the Run view redraws less often than this. */
export const LIVE_EVENT_INTERVAL_MS = 1_000;

interface Held {
  samples: Sample[];
  telemetry: TelemetrySample[];
  progress?: Progress;
}

export interface LiveEventBatcher {
  push(event: StudioEvent): void;
  /** Sends what is held now, and stops the timer. */
  flush(): void;
}

export function batchLiveEvents(send: (event: StudioEvent) => void, intervalMs = LIVE_EVENT_INTERVAL_MS): LiveEventBatcher {
  const held = new Map<string, Held>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    const runs = [...held];
    held.clear();
    for (const [runId, h] of runs) {
      if (h.samples.length > 0) send({ type: 'run.samples', runId, samples: h.samples });
      if (h.telemetry.length > 0) send({ type: 'run.telemetry', runId, samples: h.telemetry });
      // Last: progress then describes samples the client already has.
      if (h.progress) send({ type: 'run.progress', runId, progress: h.progress });
    }
  };

  const hold = (runId: string): Held => {
    let h = held.get(runId);
    if (!h) held.set(runId, (h = { samples: [], telemetry: [] }));
    // A timer only while something is held: an idle host wakes for nothing.
    timer ??= setTimeout(flush, intervalMs);
    return h;
  };

  return {
    push(event) {
      switch (event.type) {
        case 'run.samples':
          hold(event.runId).samples.push(...event.samples);
          return;
        case 'run.telemetry':
          hold(event.runId).telemetry.push(...event.samples);
          return;
        case 'run.progress':
          hold(event.runId).progress = event.progress;
          return;
        default:
          flush();
          send(event);
      }
    },
    flush,
  };
}

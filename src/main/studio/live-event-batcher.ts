/**
 * Live events to a front end, fewer and larger. While a run measures, the host hears a sample
 * batch and a progress event every 250 ms and a telemetry sample every 100 ms: some 18 events a
 * second, each of which a client would parse, store and re-render for, on the cores the benchmark
 * measures on. This holds them and sends them together every `intervalMs` (per run: one samples
 * event, one telemetry event, the latest progress), which a chart redrawing every few batches
 * loses nothing by. Any other event (a run's state change) goes out after what is held, so a client
 * never hears that a run ended before its last samples. Nothing is dropped but stale progress.
 *
 * What goes out at once goes as one list, for the transport to deliver as one message: a page
 * then handles a whole batch in one task, with one render and one frame, where three messages
 * would wake it three times (page-cost, README).
 */
import type { Progress, StudioEvent } from '../../shared/contract';
import { joinOutput, type CommandMetrics, type CommandOutput } from '../../shared/command/live';
import type { Sample } from '../../shared/run';
import type { TelemetrySample } from '../../shared/telemetry';
import { LIVE_EVENT_INTERVAL_MS } from '../../shared/live-events';


interface Held {
  samples: Sample[];
  telemetry: TelemetrySample[];
  /** A command's output per stream, and its metric points per run (each run its own series). */
  output: Partial<Record<CommandOutput['stream'], CommandOutput>>;
  metrics: CommandMetrics[];
  progress?: Progress;
}

export interface LiveEventBatcher {
  push(event: StudioEvent): void;
  /** Sends what is held now, and stops the timer. */
  flush(): void;
}

/** `send` gets each batch as one list, in order (never an empty one). */
export function batchLiveEvents(send: (events: StudioEvent[]) => void, intervalMs = LIVE_EVENT_INTERVAL_MS): LiveEventBatcher {
  const held = new Map<string, Held>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** Takes what is held, in the order a client should apply it. */
  const take = (): StudioEvent[] => {
    clearTimeout(timer);
    timer = undefined;
    const out: StudioEvent[] = [];
    for (const [runId, h] of held) {
      if (h.samples.length > 0) out.push({ type: 'run.samples', runId, samples: h.samples });
      if (h.telemetry.length > 0) out.push({ type: 'run.telemetry', runId, samples: h.telemetry });
      for (const output of Object.values(h.output)) out.push({ type: 'run.output', runId, output });
      for (const metrics of h.metrics) out.push({ type: 'run.metrics', runId, metrics });
      // Last: progress then describes samples the client already has.
      if (h.progress) out.push({ type: 'run.progress', runId, progress: h.progress });
    }
    held.clear();
    return out;
  };

  const flush = (): void => {
    const out = take();
    if (out.length > 0) send(out);
  };

  const hold = (runId: string): Held => {
    let h = held.get(runId);
    if (!h) held.set(runId, (h = { samples: [], telemetry: [], output: {}, metrics: [] }));
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
        case 'run.output': {
          const h = hold(event.runId);
          const earlier = h.output[event.output.stream];
          h.output[event.output.stream] = earlier ? joinOutput(earlier, event.output) : event.output;
          return;
        }
        case 'run.metrics': {
          const h = hold(event.runId);
          const last = h.metrics.at(-1);
          if (last && last.phase === event.metrics.phase && last.i === event.metrics.i) last.points.push(...event.metrics.points);
          else h.metrics.push({ ...event.metrics, points: [...event.metrics.points] });
          return;
        }
        default:
          send([...take(), event]);
      }
    },
    flush,
  };
}

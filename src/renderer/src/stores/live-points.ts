/**
 * The live view's points: appended from `run.samples` events, and refilled from the stored
 * series after the socket was down (a dropped tunnel, a sleeping laptop) while the run went on.
 * The host stores every batch before it sends the event, so the stored series covers at least
 * what was missed; samples heard twice (an event the host held while the series was read) are
 * told apart by their place on the run's x-axis, which only grows.
 */
import type { Progress, SeriesPoint } from '../../../shared/contract';
import type { Sample } from '../../../shared/run';
import { mergeSorted, quantileSorted, sortedCopy } from '../../../shared/stats';
import type { WorkloadKind } from '../../../shared/warnings';
import { PHASE_WORDS, phaseCount } from '../../../shared/progress-words';

export interface LivePoints {
  x: number[];
  /** Start of each iteration on the shared time base, to align with telemetry. */
  tMs: number[];
  latencyMs: number[];
  warmupCount: number;
}

export const emptyPoints = (): LivePoints => ({ x: [], tMs: [], latencyMs: [], warmupCount: 0 });

function push(p: LivePoints, x: number, tMs: number, latencyMs: number): void {
  // Not past the last point: a sample already drawn (heard in the refill and again live).
  const last = p.x.at(-1);
  if (last !== undefined && x <= last) return;
  p.x.push(x);
  p.tMs.push(tMs);
  p.latencyMs.push(latencyMs);
}

/** Appends a batch in place: warm-up iterations first on the x-axis, measured ones after. */
export function appendSamples(p: LivePoints, samples: readonly Sample[]): void {
  for (const s of samples) {
    if (s.phase === 'warmup') p.warmupCount = Math.max(p.warmupCount, s.i + 1);
    push(p, s.phase === 'warmup' ? s.i : p.warmupCount + s.i, s.tMs, s.latencyMs);
  }
}

/**
 * The stored series (already on the run's x-axis), followed by whatever was heard live beyond
 * its end while it was being fetched.
 */
export function refilledPoints(stored: readonly SeriesPoint[], heard: LivePoints): LivePoints {
  const p = emptyPoints();
  for (const s of stored) {
    if (s.phase === 'warmup') p.warmupCount = Math.max(p.warmupCount, s.i + 1);
    push(p, s.i, s.tMs, s.latencyMs);
  }
  p.warmupCount = Math.max(p.warmupCount, heard.warmupCount);
  heard.x.forEach((x, k) => push(p, x, heard.tMs[k] ?? 0, heard.latencyMs[k] ?? 0));
  return p;
}

export interface LiveSummary {
  warmupDone: number;
  measuredDone: number;
  /** Median of the measured points drawn (live batches are thinned for very fast models, so then approximate). */
  medianMs?: number;
}

/**
 * What the progress line says, read from the points the live chart draws, so the two agree: the
 * count is the chart's last place on the x-axis (exact even when a batch was thinned, as LTTB
 * keeps each batch's last sample), the median that of the measured points on it.
 */
export function liveSummary(p: LivePoints): LiveSummary {
  const lastX = p.x.at(-1);
  const measuredDone = lastX === undefined ? 0 : Math.max(0, lastX + 1 - p.warmupCount);
  const measured = sortedMeasured(p);
  return { warmupDone: p.warmupCount, measuredDone, ...(measured.length > 0 ? { medianMs: quantileSorted(measured, 0.5) } : {}) };
}

/** The progress line's words for the run's phase: "measuring · 1 iteration", "warm-up · 5 iterations". */
export function progressWords(phase: Progress['phase'] | undefined, s: LiveSummary, workload: WorkloadKind): string {
  if (phase === undefined || phase === 'starting') return 'starting worker…';
  return `${PHASE_WORDS[phase]} · ${phaseCount({ phase, ...s }, workload)}`;
}

/**
 * The measured points' latencies sorted, kept per points object: points only grow in place (a
 * refill makes a new object), so each batch merges only its own samples in, in linear time,
 * where sorting the whole run again on every batch grew with the run (n log n, on the page's
 * main thread, while the worker measures).
 */
const sortedCache = new WeakMap<LivePoints, { firstMeasured: number; merged: number; sorted: Float64Array }>();

function sortedMeasured(p: LivePoints): Float64Array {
  // Points, not x positions: a thinned warm-up leaves fewer points than warm-up iterations.
  const firstMeasured = p.x.findIndex((x) => x >= p.warmupCount);
  if (firstMeasured === -1) return new Float64Array(0);
  let c = sortedCache.get(p);
  if (c?.firstMeasured !== firstMeasured) sortedCache.set(p, (c = { firstMeasured, merged: 0, sorted: new Float64Array(0) }));
  const count = p.latencyMs.length - firstMeasured;
  if (c.merged < count) {
    c.sorted = mergeSorted(c.sorted, sortedCopy(p.latencyMs.slice(firstMeasured + c.merged)));
    c.merged = count;
  }
  return c.sorted;
}

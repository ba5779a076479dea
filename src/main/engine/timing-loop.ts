/**
 * The measurement loop: warm-up, then measured iterations until the stop rule holds (at least
 * N iterations AND at least T milliseconds, as hyperfine and LoadGen require, capped by a
 * maximum of either). The clock is injected so the loop is tested deterministically; in the
 * worker it is performance.now(). Nothing but the timed call sits between the two clock reads.
 */
import type { Sample, StopRule } from '../../shared/run';

export interface TimingLoopOptions {
  runOnce: () => Promise<unknown>;
  stop: StopRule;
  /** Monotonic milliseconds. */
  now: () => number;
  /** Converts a `now()` reading to the shared time base (ms since the epoch). */
  toEpochMs: (t: number) => number;
  onSample: (sample: Sample) => void;
  /** Called between iterations at most every `yieldEveryMs`: flush batches, hear a cancel. */
  onYield: () => Promise<void>;
  yieldEveryMs: number;
  isCancelled: () => boolean;
}

export interface TimingLoopResult {
  firstRunMs: number;
  measuredIterations: number;
  measuredWallMs: number;
  aborted: boolean;
}

export function stopRuleSatisfied(stop: StopRule, iterations: number, elapsedMs: number): boolean {
  if (iterations >= stop.maxIterations || elapsedMs >= stop.maxDurationMs) return true;
  return iterations >= stop.minIterations && elapsedMs >= stop.minDurationMs;
}

export async function runTimingLoop(o: TimingLoopOptions): Promise<TimingLoopResult> {
  let firstRunMs = Number.NaN;
  let lastYield = o.now();
  const maybeYield = async (t: number): Promise<void> => {
    if (t - lastYield >= o.yieldEveryMs) {
      await o.onYield();
      lastYield = o.now();
    }
  };

  for (let i = 0; i < o.stop.warmupIterations && !o.isCancelled(); i++) {
    const t0 = o.now();
    await o.runOnce();
    const t1 = o.now();
    if (i === 0) firstRunMs = t1 - t0;
    o.onSample({ i, phase: 'warmup', tMs: o.toEpochMs(t0), latencyMs: t1 - t0 });
    await maybeYield(t1);
  }

  const start = o.now();
  let end = start;
  let i = 0;
  while (!o.isCancelled() && !stopRuleSatisfied(o.stop, i, end - start)) {
    const t0 = o.now();
    await o.runOnce();
    end = o.now();
    if (Number.isNaN(firstRunMs)) firstRunMs = end - t0;
    o.onSample({ i, phase: 'measure', tMs: o.toEpochMs(t0), latencyMs: end - t0 });
    i++;
    await maybeYield(end);
  }
  await o.onYield();
  return { firstRunMs, measuredIterations: i, measuredWallMs: end - start, aborted: o.isCancelled() };
}

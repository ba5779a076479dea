/**
 * The measurement loop: warm-up, then measured iterations until the stop rule holds (at least
 * N iterations AND at least T milliseconds, as hyperfine and LoadGen require, capped by a
 * maximum of either). The clock is injected so the loop is tested deterministically; in the
 * worker it is performance.now(). Nothing but the timed call sits between the two clock reads.
 */
import type { StopRule } from '../../shared/run';

export interface TimingLoopOptions {
  runOnce: () => Promise<unknown>;
  stop: StopRule;
  /** Monotonic milliseconds. */
  now: () => number;
  /** Converts a `now()` reading to the shared time base (ms since the epoch). */
  toEpochMs: (t: number) => number;
  /** Called once per iteration; four numbers, no object, so measuring allocates nothing. */
  onSample: (phase: 'warmup' | 'measure', i: number, tMs: number, latencyMs: number) => void;
  /** Called between iterations at most every `yieldEveryMs`: flush batches, hear a cancel. */
  onYield: () => Promise<void>;
  yieldEveryMs: number;
  isCancelled: () => boolean;
  /**
   * Server scenario: the gap to the next query's arrival (ms). Queries then start no earlier
   * than they arrive, and latency runs from arrival, so time spent queued behind a slow
   * query counts, as in LoadGen's Server scenario.
   */
  nextArrivalGapMs?: () => number;
  /** Waits about `ms`; the loop spins out the last fraction itself. */
  sleep?: (ms: number) => Promise<void>;
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

/** Sleep until close to `t`, then spin the last half millisecond (timers are coarse). */
async function waitUntil(t: number, now: () => number, sleep?: (ms: number) => Promise<void>): Promise<void> {
  const SPIN_MS = 0.5;
  let left = t - now();
  while (sleep && left > SPIN_MS + 1) {
    await sleep(left - SPIN_MS);
    left = t - now();
  }
  while (now() < t) {
    /* spin: sub-millisecond precision for the arrival time */
  }
}

/** Exponential gaps with mean 1/qps: the arrivals of a Poisson process (LoadGen's Server). */
export function poissonGaps(targetQps: number, random: () => number): () => number {
  const meanMs = 1000 / targetQps;
  return () => -Math.log(1 - random()) * meanMs;
}

export async function runTimingLoop(o: TimingLoopOptions): Promise<TimingLoopResult> {
  let firstRunMs = Number.NaN;
  let lastYield = o.now();
  // Checked inline, not in an async helper: awaiting one per iteration cost a promise and a
  // microtask turn each time (bench/loop-costs.ts); now only an iteration that yields awaits.
  const yieldDue = (t: number): boolean => t - lastYield >= o.yieldEveryMs;
  const yieldNow = async (): Promise<void> => {
    await o.onYield();
    lastYield = o.now();
  };

  for (let i = 0; i < o.stop.warmupIterations && !o.isCancelled(); i++) {
    const t0 = o.now();
    await o.runOnce();
    const t1 = o.now();
    if (i === 0) firstRunMs = t1 - t0;
    o.onSample('warmup', i, o.toEpochMs(t0), t1 - t0);
    if (yieldDue(t1)) await yieldNow();
  }

  const start = o.now();
  let end = start;
  let i = 0;
  let arrival = start;
  while (!o.isCancelled() && !stopRuleSatisfied(o.stop, i, end - start)) {
    let t0 = o.now();
    if (o.nextArrivalGapMs) {
      arrival += o.nextArrivalGapMs();
      await waitUntil(arrival, o.now, o.sleep);
      t0 = arrival; // a query that arrived while the previous one ran has been waiting since then
    }
    await o.runOnce();
    end = o.now();
    if (Number.isNaN(firstRunMs)) firstRunMs = end - t0;
    o.onSample('measure', i, o.toEpochMs(t0), end - t0);
    i++;
    if (yieldDue(end)) await yieldNow();
  }
  await o.onYield();
  return { firstRunMs, measuredIterations: i, measuredWallMs: end - start, aborted: o.isCancelled() };
}

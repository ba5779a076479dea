import { describe, expect, it } from 'vitest';
import { poissonGaps, runTimingLoop, stopRuleSatisfied } from '../../../src/main/engine/timing-loop';
import type { Sample, StopRule } from '../../../src/shared/run';

/** A clock that only moves when the "model" runs: each call takes exactly `stepMs`. */
function fakeModel(stepMs: number) {
  let t = 0;
  return { now: () => t, runOnce: async () => void (t += stepMs) };
}

const rule = (r: Partial<StopRule>): StopRule => ({
  warmupIterations: 0,
  minIterations: 1,
  minDurationMs: 0,
  maxIterations: 1_000_000,
  maxDurationMs: 1_000_000,
  ...r,
});

async function run(stop: StopRule, stepMs: number, cancelAfter?: number) {
  const m = fakeModel(stepMs);
  const samples: Sample[] = [];
  let yields = 0;
  const result = await runTimingLoop({
    runOnce: m.runOnce,
    stop,
    now: m.now,
    toEpochMs: (t) => 1_000 + t,
    onSample: (phase, i, tMs, latencyMs) => samples.push({ phase, i, tMs, latencyMs }),
    onYield: async () => void yields++,
    yieldEveryMs: 10,
    isCancelled: () => cancelAfter !== undefined && samples.length >= cancelAfter,
  });
  return { result, samples, yields };
}

describe('the stop rule needs both minimum iterations and minimum duration', () => {
  it('keeps measuring past min iterations until the minimum duration is reached', async () => {
    const { result, samples } = await run(rule({ minIterations: 5, minDurationMs: 100 }), 2);
    expect(result.measuredIterations).toBe(50);
    expect(result.measuredWallMs).toBe(100);
    expect(samples.filter((s) => s.phase === 'measure')).toHaveLength(50);
  });
  it('keeps measuring past min duration until min iterations', async () => {
    const { result } = await run(rule({ minIterations: 40, minDurationMs: 10 }), 2);
    expect(result.measuredIterations).toBe(40);
  });
  it('stops at the iteration cap or the duration cap, whichever first', async () => {
    expect((await run(rule({ minIterations: 100, maxIterations: 100, minDurationMs: 10_000, maxDurationMs: 50 }), 1)).result.measuredIterations).toBe(50);
    expect((await run(rule({ minIterations: 7, maxIterations: 7, minDurationMs: 10_000 }), 1)).result.measuredIterations).toBe(7);
  });
  it('is the same predicate the loop uses', () => {
    expect(stopRuleSatisfied(rule({ minIterations: 10, minDurationMs: 5 }), 10, 4)).toBe(false);
    expect(stopRuleSatisfied(rule({ minIterations: 10, minDurationMs: 5 }), 10, 5)).toBe(true);
  });
});

describe('warm-up and samples', () => {
  it('runs warm-up first, unmeasured, and times every iteration on the shared time base', async () => {
    const { result, samples } = await run(rule({ warmupIterations: 3, minIterations: 4 }), 2.5);
    expect(samples.map((s) => s.phase)).toEqual(['warmup', 'warmup', 'warmup', 'measure', 'measure', 'measure', 'measure']);
    expect(samples.every((s) => s.latencyMs === 2.5)).toBe(true);
    expect(samples[3]).toEqual({ i: 0, phase: 'measure', tMs: 1_007.5, latencyMs: 2.5 });
    expect(result.firstRunMs).toBe(2.5);
  });
  it('yields to the host on a schedule, not every iteration', async () => {
    const { yields } = await run(rule({ minIterations: 100 }), 1);
    expect(yields).toBeGreaterThanOrEqual(9);
    expect(yields).toBeLessThanOrEqual(11);
  });
  it('stops promptly when cancelled and says so', async () => {
    const { result } = await run(rule({ minIterations: 1000 }), 1, 12);
    expect(result.aborted).toBe(true);
    expect(result.measuredIterations).toBe(12);
  });
});

describe('the server scenario (arrivals on a schedule)', () => {
  async function serve(gapMs: number, serviceMs: number, n: number) {
    let t = 0;
    const samples: Sample[] = [];
    await runTimingLoop({
      runOnce: async () => void (t += serviceMs),
      stop: rule({ minIterations: n, maxIterations: n }),
      // Like a real clock, time passes a little on every reading (the loop spins on it).
      now: () => (t += 0.001),
      toEpochMs: (x) => x,
      onSample: (phase, i, tMs, latencyMs) => samples.push({ phase, i, tMs, latencyMs }),
      onYield: async () => undefined,
      yieldEveryMs: 1e9,
      isCancelled: () => false,
      nextArrivalGapMs: () => gapMs,
      sleep: async (ms) => void (t += ms),
    });
    return samples;
  }
  it('waits for each arrival when the model keeps up: latency is the service time', async () => {
    const s = await serve(10, 4, 5);
    s.forEach((x, i) => {
      expect(x.latencyMs).toBeCloseTo(4, 1);
      expect(x.tMs).toBeCloseTo(10 * (i + 1), 1);
    });
  });
  it('counts queueing when arrivals outpace the model', async () => {
    const s = await serve(5, 10, 4);
    // Arrivals at 5, 10, 15, 20; service 10 ms each, back to back from 5: ends 15, 25, 35, 45.
    [10, 15, 20, 25].forEach((want, i) => expect(s[i]!.latencyMs).toBeCloseTo(want, 1));
  });
  it('draws exponential gaps with the requested mean', () => {
    let a = 1;
    const gaps = poissonGaps(200, () => ((a = (a * 16807) % 2147483647) / 2147483647));
    const mean = Array.from({ length: 20_000 }, gaps).reduce((x, y) => x + y, 0) / 20_000;
    expect(mean).toBeCloseTo(5, 1);
  });
});

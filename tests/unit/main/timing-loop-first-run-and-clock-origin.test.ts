/**
 * The timing loop on a clock that does not start at 0 (performance.now() never does) and with a
 * slow first inference: cold start is the first call of all (warm-up or measured), wall time
 * and the stop rule run from the start of measuring, and the host is yielded to exactly every
 * `yieldEveryMs`. Found unpinned by a mutation run.
 */
import { describe, expect, it } from 'vitest';
import { runTimingLoop } from '../../../src/main/engine/timing-loop';
import type { StopRule } from '../../../src/shared/run';

const rule = (r: Partial<StopRule>): StopRule => ({ warmupIterations: 0, minIterations: 1, minDurationMs: 0, maxIterations: 1_000_000, maxDurationMs: 1_000_000, ...r });

/** The first call takes `firstMs`, every later one `stepMs`, on a clock starting at 5000 ms. */
async function run(stop: StopRule, firstMs: number, stepMs: number, yieldEveryMs = 1e9) {
  let t = 5_000;
  let calls = 0;
  let yields = 0;
  const latencies: number[] = [];
  const result = await runTimingLoop({
    runOnce: async () => void (t += calls++ === 0 ? firstMs : stepMs),
    stop,
    now: () => t,
    toEpochMs: (x) => x,
    onSample: (_phase, _i, _tMs, latencyMs) => latencies.push(latencyMs),
    onYield: async () => void yields++,
    yieldEveryMs,
    isCancelled: () => false,
  });
  return { result, latencies, yields };
}

describe('cold start and wall time on a real-looking clock', () => {
  it('cold start is the first warm-up call, not a later one', async () => {
    const { result, latencies } = await run(rule({ warmupIterations: 3, minIterations: 4 }), 30, 2);
    expect(result.firstRunMs).toBe(30);
    expect(latencies).toEqual([30, 2, 2, 2, 2, 2, 2]);
    expect(result.measuredWallMs).toBe(8);
  });
  it('without warm-up, cold start is the first measured call', async () => {
    const { result } = await run(rule({ minIterations: 3 }), 30, 2);
    expect(result.firstRunMs).toBe(30);
    expect(result.measuredWallMs).toBe(34);
  });
  it('the minimum duration counts from the start of measuring', async () => {
    const { result } = await run(rule({ warmupIterations: 1, minIterations: 1, minDurationMs: 100 }), 2, 2);
    expect(result.measuredIterations).toBe(50);
    expect(result.measuredWallMs).toBe(100);
  });
});

describe('yielding to the host', () => {
  it('yields when exactly yieldEveryMs have passed (every call here), and once at the end', async () => {
    const { yields } = await run(rule({ minIterations: 5 }), 10, 10, 10);
    expect(yields).toBe(6);
  });
  it('yields during warm-up too, when due and only then (a long warm-up must still flush and hear a cancel)', async () => {
    // 4 warm-up calls of 10 ms with a yield due every 20 ms: after the 2nd and the 4th, then the final one.
    expect((await run(rule({ warmupIterations: 4, minIterations: 0, maxIterations: 0 }), 10, 10, 20)).yields).toBe(3);
    // Never due: the final yield alone.
    expect((await run(rule({ warmupIterations: 4, minIterations: 0, maxIterations: 0 }), 10, 10)).yields).toBe(1);
  });
});

describe('waiting for a Server arrival', () => {
  it('sleeps through most of the gap and spins only the last fraction of a millisecond', async () => {
    let t = 5_000;
    let reads = 0;
    let sleeps = 0;
    await runTimingLoop({
      runOnce: async () => void (t += 4),
      stop: rule({ minIterations: 5, maxIterations: 5 }),
      now: () => ((reads += 1), (t += 0.001)),
      toEpochMs: (x) => x,
      onSample: () => undefined,
      onYield: async () => undefined,
      yieldEveryMs: 1e9,
      isCancelled: () => false,
      nextArrivalGapMs: () => 10,
      sleep: async (ms) => void ((sleeps += 1), (t += ms)),
    });
    expect(sleeps).toBeGreaterThanOrEqual(5);
    // Spinning the whole 6 ms left per query would take ~6,000 clock reads each.
    expect(reads).toBeLessThan(5 * 1_000);
  });
});

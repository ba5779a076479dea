/**
 * The progress a running benchmark reports says the phase it is really in: a command's measured
 * runs can each take seconds, and its first batch of samples lands only after one has ended, so
 * "warm-up · 0" used to show all through the first measured run (seen in issue 14's screenshot).
 */
import { describe, expect, it } from 'vitest';
import { RunProgress } from '../../../src/main/studio/run-progress';
import type { SampleBatch } from '../../../src/shared/sample-batch';
import type { StopRule } from '../../../src/shared/run';

const stop = (warmupIterations: number): StopRule => ({ warmupIterations, minIterations: 4, minDurationMs: 0, maxIterations: 1000, maxDurationMs: 60_000 });
const batch = (phase: SampleBatch['phase'], firstI: number, n: number): SampleBatch => ({
  phase,
  firstI,
  tMs: Float64Array.from({ length: n }, (_, k) => 1000 * (firstI + k)),
  latencyMs: Float64Array.from({ length: n }, () => 900),
});

describe('run progress', () => {
  it('is measuring from the start when there is no warm-up, before the first measured run has ended', () => {
    const p = new RunProgress(stop(0));
    expect(p.now('starting').phase).toBe('starting');
    expect(p.now()).toEqual({ phase: 'measure', warmupDone: 0, measuredDone: 0, elapsedMs: 0, fraction: 0 });
    p.add(batch('measure', 0, 1));
    expect(p.now()).toMatchObject({ phase: 'measure', measuredDone: 1, fraction: 0.25 });
  });

  it('warms up until every warm-up iteration is in, then measures, counting only measured iterations', () => {
    const p = new RunProgress(stop(3));
    expect(p.now()).toMatchObject({ phase: 'warmup', warmupDone: 0, measuredDone: 0 });
    p.add(batch('warmup', 0, 2));
    expect(p.now()).toMatchObject({ phase: 'warmup', warmupDone: 2, measuredDone: 0 });
    p.add(batch('warmup', 2, 1));
    // The last warm-up is in: the first measured run is going, none has ended yet.
    expect(p.now()).toMatchObject({ phase: 'measure', warmupDone: 3, measuredDone: 0, fraction: 0 });
    p.add(batch('measure', 0, 3));
    expect(p.now()).toMatchObject({ phase: 'measure', warmupDone: 3, measuredDone: 3, elapsedMs: 2900, fraction: 0.75 });
  });
});

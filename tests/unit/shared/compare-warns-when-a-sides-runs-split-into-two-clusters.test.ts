/**
 * The two-cluster rule on one side's per-run medians (shared/compare/bimodal-runs.ts): the runs
 * of the 2-vCPU VM (each whole run's p50 at 6.0–6.8 ms or at 8.3–10.7 ms) split; ordinary
 * ±3 % run-to-run noise, a wide but even spread, a single stray run and too few runs do not.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/shared/random';
import { MIN_RUNS, twoClusters, twoClustersMessage } from '../../../src/shared/compare/bimodal-runs';

// 6 fast runs and 10 slow ones, the slow evenly across 8.3–10.7 ms: the widest a slow cluster
// of the VM's can be, so the hardest case of its figures for the rule.
const FAST = [6.0, 6.2, 6.3, 6.5, 6.6, 6.8];
const SLOW = Array.from({ length: 10 }, (_, i) => 8.3 + (i * 2.4) / 9);

describe('bimodal sets split', () => {
  it("the VM's 16 runs: 6 fast at 6.0–6.8 ms, 10 slow at 8.3–10.7 ms, in any order", () => {
    const shuffled = [...SLOW.slice(0, 5), ...FAST.slice(3), ...SLOW.slice(5), ...FAST.slice(0, 3)];
    const split = twoClusters(shuffled);
    expect(split?.fast).toEqual({ runs: 6, lowMs: 6.0, highMs: 6.8 });
    expect(split?.slow.runs).toBe(10);
    expect(split?.slow.lowMs).toBeCloseTo(8.3, 9);
    expect(split?.slow.highMs).toBeCloseTo(10.7, 9);
    expect(split?.gapMs).toBeCloseTo(1.5, 9);
  });

  it('as few as four runs, two in each mode', () => {
    expect(twoClusters([9.6, 6.2, 8.6, 6.6])).toMatchObject({ fast: { runs: 2, lowMs: 6.2, highMs: 6.6 }, slow: { runs: 2, lowMs: 8.6, highMs: 9.6 } });
  });

  it('a few runs of each mode drawn from the figures (3 fast, 5 slow)', () => {
    expect(twoClusters([6.1, 6.4, 6.8, 8.3, 8.8, 9.3, 9.8, 10.3])).toMatchObject({ fast: { runs: 3 }, slow: { runs: 5 } });
  });
});

describe('unimodal sets do not', () => {
  it('ordinary run-to-run noise (±3 %) never splits, whatever the number of runs', () => {
    const rand = mulberry32(7);
    for (let n = MIN_RUNS; n <= 20; n++) {
      for (let trial = 0; trial < 200; trial++) {
        const medians = Array.from({ length: n }, () => 8 * (1 + 0.03 * (2 * rand() - 1)));
        expect(twoClusters(medians), medians.join(', ')).toBeNull();
      }
    }
  });

  it('a wide but even spread (6.0–10.7 ms over 16 runs) has no gap worth the name', () => {
    expect(twoClusters(Array.from({ length: 16 }, (_, i) => 6.0 + (i * 4.7) / 15))).toBeNull();
  });

  it('one stray slow run is an outlier, not a second mode', () => {
    expect(twoClusters([8.0, 8.1, 8.2, 8.1, 12])).toBeNull();
  });

  it('a gap smaller than the clusters are wide is not a split', () => {
    // A gap of 1.1 ms (14 % of the median), but each side of it spans 1.5 ms.
    expect(twoClusters([6.0, 6.5, 7.0, 7.5, 8.6, 9.1, 9.6, 10.1])).toBeNull();
  });
});

describe('too few runs to say', () => {
  it('fewer than four runs never split, however far apart', () => {
    expect(twoClusters([6.0, 6.1, 9.0])).toBeNull();
    expect(twoClusters([6.0, 9.0])).toBeNull();
    expect(twoClusters([])).toBeNull();
  });

  it('runs without a positive, finite median do not count', () => {
    expect(twoClusters([6.0, 6.1, 9.0, 0, Number.NaN])).toBeNull();
    expect(twoClusters([6.0, 6.1, 9.0, 9.2, 0])).not.toBeNull();
  });
});

describe('the warning', () => {
  it('names the side, both clusters and what to do', () => {
    const split = twoClusters([...FAST, ...SLOW]);
    if (!split) throw new Error('the VM runs split');
    expect(twoClustersMessage('run a1 (all threads)', split)).toBe(
      "The 16 runs of run a1 (all threads)'s side split into two clusters (6 runs at p50 6.00–6.80 ms; 10 runs at p50 8.30–10.7 ms): the verdict depends on which cluster each side's runs landed in; compare more runs a side, or find what changes between runs: thread placement, other load, CPU frequency.",
    );
  });
});

import { describe, expect, it } from 'vitest';
import { judgeServer } from '../../../src/shared/server-verdict';
import { maxOverLatency, minQueriesWithOver } from '../../../src/shared/quantile-intervals';

// 1,000 queries at 1, 2, …, 1000 ms, over 10 s: 100 QPS achieved. numpy.percentile(…, 99) = 990.01;
// LoadGen's early stopping allows t* = 2 over at n = 1000, so its p99 estimate is the 2nd largest, 999 ms.
const latencies = Array.from({ length: 1000 }, (_, i) => i + 1);
const server = (latencyBudgetMs: number, targetQps = 100) => ({ targetQps, latencyBudgetMs, percentile: 0.99 });

describe('the Server verdict judges LoadGen’s early-stopping estimate', () => {
  it('passes when the estimate is within budget, showing both figures', () => {
    expect(judgeServer(server(999), latencies, 10_000)).toEqual({
      targetQps: 100,
      achievedQps: 100,
      latencyBudgetMs: 999,
      percentile: 0.99,
      percentileMs: expect.closeTo(990.01, 9) as number,
      earlyStoppingMs: 999,
      overBudget: 1,
      queriesNeeded: 0,
      judgedBy: 'early-stopping',
      outcome: 'pass',
      passed: true,
    });
  });
  it('is over budget when only the interpolated percentile is within it, and says how many more queries would do', () => {
    const v = judgeServer(server(995), latencies, 10_000);
    expect(v.percentileMs).toBeLessThan(995);
    expect(v).toMatchObject({ earlyStoppingMs: 999, overBudget: 5, outcome: 'over-budget', passed: false });
    // scipy (stats-reference.py): 1,453 queries are needed with 6 over; 1,000 were run.
    expect(v.queriesNeeded).toBe(453);
  });
  it('cannot pass with fewer queries than LoadGen’s minimum for the percentile', () => {
    const v = judgeServer(server(10_000), latencies.slice(0, 100), 1_000);
    expect(v).toMatchObject({ earlyStoppingMs: null, overBudget: 0, queriesNeeded: 562, outcome: 'too-few-queries', passed: false });
  });
  it('fails a run that did not keep up with the offered load, whatever its latency', () => {
    const v = judgeServer(server(10_000, 200), latencies, 10_000);
    expect(v).toMatchObject({ achievedQps: 100, earlyStoppingMs: 999, queriesNeeded: 0, outcome: 'did-not-keep-up', passed: false });
  });
  it('needs the query counts LoadGen’s formula gives (scipy: 662, 1001, 1453 with 1, 3, 6 over)', () => {
    expect([1, 3, 6].map((t) => minQueriesWithOver(t, 0.99))).toEqual([662, 1001, 1453]);
  });
});

describe('judging the estimate against LoadGen’s own Server count test', () => {
  it('passes exactly when at most t* − 1 queries are over budget, so every pass is a LoadGen pass', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 200; trial++) {
      const n = 662 + Math.floor(random() * 3000);
      const lat = Array.from({ length: n }, () => -Math.log(1 - random()));
      const budget = 3 + random() * 3; // around exp(1)'s p99, 4.6
      const v = judgeServer(server(budget), lat, (n * 1000) / 100);
      const tStar = maxOverLatency(n, 0.99);
      expect(v.passed, `n = ${n}, budget ${budget}`).toBe(v.overBudget! <= tStar - 1);
      if (v.passed) {
        expect(v.overBudget!).toBeLessThanOrEqual(tStar); // LoadGen's early stopping: n ≥ h(t) + t
        const sorted = [...lat].sort((a, b) => a - b);
        expect(sorted[Math.floor(n * 0.99)]!).toBeLessThanOrEqual(budget); // LoadGen's performance constraint
      }
    }
  });
});

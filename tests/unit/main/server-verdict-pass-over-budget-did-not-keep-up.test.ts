/**
 * The Server scenario's verdict in its states, from known latencies: it passes when LoadGen's
 * early-stopping estimate of the percentile is within the budget AND the offered load was kept up
 * with (LoadGen fails a run that falls behind: here, below 90 % of the target QPS). The expected
 * estimates were computed independently with scipy: for n = 1000, t* = max{t : P(Bin(n, 1−p) ≤ t)
 * < 1 %} is 2 for p99 and 78 for p90, so the estimate is the t*-th largest latency: 999 and 923 ms
 * of 1…1000 ms (the interpolated figures are 990.01 and 900.1 ms).
 */
import { describe, expect, it } from 'vitest';
import { serverVerdict } from '../../../src/main/studio/finish-run';
import { RunConfigSchema, type RunConfig } from '../../../src/shared/run';

const stop = { warmupIterations: 0, minIterations: 1000, maxIterations: 1000, minDurationMs: 0, maxDurationMs: 60_000 };
const server = (targetQps: number, latencyBudgetMs: number, percentile = 0.99): RunConfig =>
  RunConfigSchema.parse({ modelPath: 'm.onnx', stop, scenario: { kind: 'server', targetQps, latencyBudgetMs, percentile } });

// 1000 queries of 1…1000 ms in a 10 s window: 100 QPS achieved.
const LATENCIES = Array.from({ length: 1000 }, (_, i) => 1000 - i);
const WALL_MS = 10_000;

describe('the Server verdict', () => {
  it('passes: the early-stopping p99 within the budget at the offered load, both figures shown', () => {
    expect(serverVerdict(server(100, 1000), LATENCIES, WALL_MS)).toEqual({
      targetQps: 100,
      achievedQps: 100,
      latencyBudgetMs: 1000,
      percentile: 0.99,
      percentileMs: expect.closeTo(990.01, 9),
      earlyStoppingMs: 999,
      overBudget: 0,
      queriesNeeded: 0,
      judgedBy: 'early-stopping',
      outcome: 'pass',
      passed: true,
    });
  });

  it('passes with the estimate exactly at the budget (within means ≤)', () => {
    expect(serverVerdict(server(100, 999), LATENCIES, WALL_MS)).toMatchObject({ outcome: 'pass', passed: true });
  });

  it('fails over budget although the interpolated p99 is within it, and says how many more queries would do', () => {
    expect(serverVerdict(server(100, 998.5), LATENCIES, WALL_MS)).toMatchObject({ percentileMs: expect.closeTo(990.01, 9), overBudget: 2, queriesNeeded: 1, outcome: 'over-budget', passed: false });
  });

  it('fails when it did not keep up: under 90 % of the target QPS, however fast each query', () => {
    // 100 achieved vs 112 asked: 89.3 % of the target.
    expect(serverVerdict(server(112, 5000), LATENCIES, WALL_MS)).toMatchObject({ targetQps: 112, achievedQps: 100, outcome: 'did-not-keep-up', passed: false });
    // 100 achieved vs 111 asked: 90.1 %, which counts as keeping up; exactly 90 % does too.
    expect(serverVerdict(server(111, 5000), LATENCIES, WALL_MS)?.passed).toBe(true);
    expect(serverVerdict(server(100, 5000), LATENCIES.slice(0, 900), WALL_MS)).toMatchObject({ achievedQps: 90, passed: true });
  });

  it('cannot pass with fewer queries than LoadGen needs for the percentile (662 for p99)', () => {
    expect(serverVerdict(server(100, 5000), LATENCIES.slice(0, 100), 1000)).toMatchObject({ earlyStoppingMs: null, queriesNeeded: 562, outcome: 'too-few-queries', passed: false });
  });

  it('judges the percentile the config names', () => {
    expect(serverVerdict(server(100, 923, 0.9), LATENCIES, WALL_MS)).toMatchObject({ percentile: 0.9, percentileMs: expect.closeTo(900.1, 9), earlyStoppingMs: 923, passed: true });
    expect(serverVerdict(server(100, 922.5, 0.9), LATENCIES, WALL_MS)?.passed).toBe(false);
  });

  it('reports 0 QPS for an empty window rather than dividing by zero, and fails', () => {
    expect(serverVerdict(server(100, 5000), LATENCIES, 0)).toMatchObject({ achievedQps: 0, passed: false });
  });

  it('is absent for the other scenarios', () => {
    const single = RunConfigSchema.parse({ modelPath: 'm.onnx', stop });
    expect(serverVerdict(single, LATENCIES, WALL_MS)).toBeUndefined();
  });
});

/**
 * The Server scenario's verdict in its three states, from known latencies: it passes when the
 * judged percentile is within the budget AND the offered load was kept up with (LoadGen fails a
 * run that falls behind: here, below 90 % of the target QPS).
 */
import { describe, expect, it } from 'vitest';
import { serverVerdict } from '../../../src/main/studio/finish-run';
import { RunConfigSchema, type RunConfig } from '../../../src/shared/run';

const stop = { warmupIterations: 0, minIterations: 100, maxIterations: 100, minDurationMs: 0, maxDurationMs: 60_000 };
const server = (targetQps: number, latencyBudgetMs: number, percentile = 0.99): RunConfig =>
  RunConfigSchema.parse({ modelPath: 'm.onnx', stop, scenario: { kind: 'server', targetQps, latencyBudgetMs, percentile } });

// 100 queries of 1…100 ms in a 1 s window: 100 QPS achieved; type-7 p99 = 99 + 0.01·1 = 99.01 ms.
const LATENCIES = Array.from({ length: 100 }, (_, i) => 100 - i);
const WALL_MS = 1000;

describe('the Server verdict', () => {
  it('passes: p99 within the budget at the offered load', () => {
    expect(serverVerdict(server(100, 100), LATENCIES, WALL_MS)).toEqual({
      targetQps: 100,
      achievedQps: 100,
      latencyBudgetMs: 100,
      percentile: 0.99,
      percentileMs: expect.closeTo(99.01, 9),
      passed: true,
    });
  });

  it('passes with the percentile exactly at the budget (within means ≤)', () => {
    expect(serverVerdict(server(100, 99.01), LATENCIES, WALL_MS)?.passed).toBe(true);
  });

  it('fails over budget: p99 above the budget although the load was kept up with', () => {
    const v = serverVerdict(server(100, 99), LATENCIES, WALL_MS);
    expect(v).toMatchObject({ achievedQps: 100, percentileMs: expect.closeTo(99.01, 9), passed: false });
  });

  it('fails when it did not keep up: under 90 % of the target QPS, however fast each query', () => {
    // 100 achieved vs 112 asked: 89.3 % of the target.
    expect(serverVerdict(server(112, 1000), LATENCIES, WALL_MS)).toMatchObject({ targetQps: 112, achievedQps: 100, passed: false });
    // 100 achieved vs 111 asked: 90.1 %, which counts as keeping up; exactly 90 % does too.
    expect(serverVerdict(server(111, 1000), LATENCIES, WALL_MS)?.passed).toBe(true);
    expect(serverVerdict(server(100, 1000), LATENCIES.slice(0, 90), WALL_MS)).toMatchObject({ achievedQps: 90, passed: true });
  });

  it('judges the percentile the config names', () => {
    // p90 of 1…100 (type 7): 90 + 0.1·1 = 90.1 ms.
    expect(serverVerdict(server(100, 90.11, 0.9), LATENCIES, WALL_MS)).toMatchObject({ percentile: 0.9, percentileMs: expect.closeTo(90.1, 9), passed: true });
    expect(serverVerdict(server(100, 90, 0.9), LATENCIES, WALL_MS)?.passed).toBe(false);
  });

  it('reports 0 QPS for an empty window rather than dividing by zero, and fails', () => {
    expect(serverVerdict(server(100, 1000), LATENCIES, 0)).toMatchObject({ achievedQps: 0, passed: false });
  });

  it('is absent for the other scenarios', () => {
    const single = RunConfigSchema.parse({ modelPath: 'm.onnx', stop });
    expect(serverVerdict(single, LATENCIES, WALL_MS)).toBeUndefined();
  });
});

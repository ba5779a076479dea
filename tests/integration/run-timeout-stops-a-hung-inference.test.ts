/**
 * `--timeout` (stop.timeoutMs) ends a run whose single inference outlasts it: the timing loop's
 * own caps are checked between iterations, so only a kill can end an inference that does not
 * return. A real model whose one inference takes many seconds stands in for a hang.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../src/main/models/zoo/onnx-builder';
import { useInProcessStudio } from '../helpers/in-process-studio';
import { CONV2D } from '../helpers/temp-home';

const studio = useInProcessStudio();

/** Y = A·A for A [n, n]: at n = 4000 one inference is ~128 GFLOP, seconds on any CPU. */
function slowModel(file: string): string {
  const g = new GraphBuilder('slow-matmul');
  const a = g.input('a', ['n', 'n']);
  g.output(g.op('MatMul', [a, a], {}, 'y'), ['n', 'n']);
  writeFileSync(file, g.toBytes({ version: 'test' }));
  return file;
}

describe('a run timeout', () => {
  it('stops a run stuck inside one inference, fails it with the reason, and the next run works', async () => {
    const model = slowModel(join(studio.home, 'slow.onnx'));
    const started = Date.now();
    const { runId } = await studio.api.call('runs.start', {
      config: { modelPath: model, dims: { n: 4000 }, stop: { warmupIterations: 10, minIterations: 10, maxIterations: 10, minDurationMs: 0, maxDurationMs: 600_000, timeoutMs: 2_000 } },
    });
    const { run } = await studio.api.call('runs.wait', { runId });
    const tookMs = Date.now() - started;
    expect(run.status).toBe('failed');
    expect(run.status === 'failed' && run.error).toMatch(/still going after its timeout of 2 s \(--timeout\)/);
    // Twenty inferences of seconds each would take minutes; the kill came at the limit.
    expect(tookMs).toBeLessThan(60_000);

    const next = await studio.api.call('runs.start', { config: { modelPath: CONV2D, stop: { warmupIterations: 1, minIterations: 20, maxIterations: 20, minDurationMs: 0, maxDurationMs: 30_000, timeoutMs: 60_000 } } });
    expect((await studio.api.call('runs.wait', { runId: next.runId })).run.status).toBe('completed');
  }, 120_000);

  it('is refused below one second, naming the setting', async () => {
    await expect(
      studio.api.call('runs.start', { config: { modelPath: CONV2D, stop: { warmupIterations: 1, minIterations: 1, maxIterations: 1, minDurationMs: 0, maxDurationMs: 1_000, timeoutMs: 10 } } }),
    ).rejects.toThrow(/Timeout \(--timeout\)/);
  });
});

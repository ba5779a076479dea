/**
 * threads = 0 leaves the intra-op pool to ONNX Runtime, which cannot report its size back:
 * Dyno computes it as ORT does. Checked here against ORT itself (a pool of n threads adds
 * n − 1 threads to the process, counted in /proc), and end to end into a run's results.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { createStudio } from '../../src/main/studio/create-studio';
import { intraOpThreadsUsed } from '../../src/main/engine/ort-threads';
import { RunConfigSchema } from '../../src/shared/run';
import { CONV2D, tempHome } from '../helpers/temp-home';

const threadsOfThisProcess = (): number => readdirSync('/proc/self/task').length;

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('the intra-op thread count ONNX Runtime uses', () => {
  it.runIf(process.platform === 'linux')('is what ORT actually starts when left at 0', async () => {
    // The first session also starts ORT's environment threads: create one before counting.
    await (await ort.InferenceSession.create(CONV2D, { intraOpNumThreads: 1 })).release();
    const before = threadsOfThisProcess();
    const session = await ort.InferenceSession.create(CONV2D, { executionProviders: ['cpu'] });
    const added = threadsOfThisProcess() - before;
    await session.release();
    expect(added + 1).toBe(intraOpThreadsUsed(0));
  });

  it("is recorded in a run's results, resolved when threads = 0 and as set otherwise", async () => {
    const t = tempHome();
    const handle = createStudio({ home: t.home });
    cleanup = () => {
      handle.close();
      t.cleanup();
    };
    const stop = { warmupIterations: 1, minIterations: 5, maxIterations: 5, minDurationMs: 0, maxDurationMs: 60_000 };
    const results = [];
    for (const intraOpThreads of [0, 3]) {
      const config = RunConfigSchema.parse({ modelPath: CONV2D, session: { intraOpThreads }, telemetry: { enabled: false }, stop });
      const { runId } = (await handle.studio.call('runs.start', { config })) as { runId: string };
      const run = await handle.studio.queue.whenFinished(runId);
      if (run.status !== 'completed') throw new Error(`run ${run.status}: ${run.status === 'failed' ? run.error : ''}`);
      results.push(run.results.intraOpThreads);
    }
    expect(results).toEqual([intraOpThreadsUsed(0), 3]);
  });
});

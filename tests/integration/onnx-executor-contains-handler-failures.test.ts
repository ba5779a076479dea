/**
 * The ONNX executor with a real worker process: a handler that throws while the host takes in
 * the worker's samples (a failing save) must become the run's error outcome and stop the worker,
 * not an uncaught exception in the host.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { defaultWorkerSpec } from '../../src/main/studio/create-studio';
import { onnxWorkerExecutor } from '../../src/main/executor/onnx-worker';
import { RunConfigSchema } from '../../src/shared/run';
import { SQUEEZENET } from '../helpers/temp-home';
import { isAlive } from '../helpers/process-alive';

describe('the ONNX worker executor', () => {
  it('turns a handler that throws into an error outcome and stops the worker', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown): void => void uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const config = RunConfigSchema.parse({
        modelPath: SQUEEZENET,
        telemetry: { enabled: false },
        stop: { warmupIterations: 2, minIterations: 1000, maxIterations: 1000, minDurationMs: 0, maxDurationMs: 60_000 },
      });
      let ready = 0;
      const run = onnxWorkerExecutor(defaultWorkerSpec()).start(
        { runId: 'throwing-handler', config, artifactsDir: join(tmpdir(), 'dyno-artifacts') },
        {
          onReady: (r) => void (ready = r.samplesPerIteration),
          onSamples: () => {
            throw new Error('SQLITE_FULL: database or disk is full');
          },
        },
      );
      const outcome = await run.outcome;
      expect(outcome).toEqual({ kind: 'error', message: "Dyno could not record the run's samples: SQLITE_FULL: database or disk is full" });
      expect(ready).toBe(1);
      const pid = run.pid;
      if (pid === undefined) throw new Error('the worker has no pid');
      await expect.poll(() => isAlive(pid), { timeout: 5_000 }).toBe(false);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});

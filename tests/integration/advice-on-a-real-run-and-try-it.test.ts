/**
 * Advice on a real run (real ONNX Runtime in the worker, real SQLite): one intra-op thread on
 * this machine's cores gets the idle-cores advice, and "try it" (runs.rerun with the advice id)
 * queues a run whose configuration differs from the original in that knob alone. Where the
 * CPU has VNNI/AVX-512, the INT8 item's try runs a transformed copy of the model, made by the
 * transforms and kept under the studio's folder.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { RunConfigSchema } from '../../src/shared/run';
import { adviceFor } from '../../src/shared/advice/advice';
import { INT8_CPU_FLAGS, noCoreToSpare } from '../../src/shared/advice/rules';
import { useInProcessStudio } from '../helpers/in-process-studio';
import { corpusPath } from '../helpers/onnx-corpus';

const studio = useInProcessStudio();
const config = RunConfigSchema.parse({
  modelPath: corpusPath('light/light_squeezenet.onnx'),
  session: { intraOpThreads: 1 },
  profile: true,
  stop: { warmupIterations: 2, minIterations: 20, maxIterations: 20, minDurationMs: 0, maxDurationMs: 60_000 },
});

describe('advice on a real run', () => {
  it('one intra-op thread on a multi-core machine: idle-cores advice, and try it changes only the threads', { timeout: 180_000 }, async () => {
    expect(cpus().length).toBeGreaterThan(1); // the rule needs a core to spare; CI has 2
    const { runId } = await studio.api.call('runs.start', { config });
    const { run } = await studio.api.call('runs.wait', { runId });
    expect(run.status).toBe('completed');
    const advice = adviceFor(run);
    const idle = advice.find((a) => a.id === 'idle-cores');
    if (run.status === 'completed' && noCoreToSpare(run)) {
      // The shared machine was busy while it ran: no core was idle, and the advice says nothing of it.
      expect(idle).toBeUndefined();
      await expect(studio.api.call('runs.rerun', { runId, advice: 'idle-cores' })).rejects.toThrow(/has no "idle-cores" advice/);
    } else {
      expect(idle?.evidence).toMatch(/^Ran with 1 intra-op thread on the worker's \d+ cores/);
      expect(idle?.change?.threads).toBeGreaterThan(1);

      const tried = await studio.api.call('runs.rerun', { runId, advice: 'idle-cores' });
      const { run: after } = await studio.api.call('runs.wait', { runId: tried.runId });
      expect(after.status).toBe('completed');
      expect(after.config.session.intraOpThreads).toBe(idle?.change?.threads);
      expect({ ...after.config, session: { ...after.config.session, intraOpThreads: 1 } }).toEqual(run.config);
      // The stored run ran with what it was given: its conditions record the new thread count.
      expect(after.status === 'completed' && after.results.intraOpThreads).toBe(idle?.change?.threads);
    }

    // An item the run does not have is refused with the reason, and nothing is queued.
    await expect(studio.api.call('runs.rerun', { runId, advice: 'gpu-underused' })).rejects.toThrow(/has no "gpu-underused" advice: its measurements do not show that pattern/);

    const flags = run.status === 'completed' ? (run.results.environment.cpuFlags ?? []) : [];
    const int8 = advice.find((a) => a.id === 'int8');
    if (!INT8_CPU_FLAGS.some((f) => flags.includes(f))) {
      expect(int8).toBeUndefined();
      return;
    }
    expect(int8?.evidence).toMatch(/Conv took \d+% of kernel time/);
    const q = await studio.api.call('runs.rerun', { runId, advice: 'int8' });
    const { run: quantized } = await studio.api.call('runs.wait', { runId: q.runId });
    expect(quantized.status === 'failed' ? quantized.error : quantized.status).toBe('completed');
    expect(quantized.config.modelPath).toMatch(/advice\/[0-9a-f]{16}\/models\/light_squeezenet\.int8-dynamic\.onnx$/);
    expect(quantized.config.modelPath.startsWith(studio.home)).toBe(true);
    expect(existsSync(quantized.config.modelPath)).toBe(true);
    expect({ ...quantized.config, modelPath: config.modelPath }).toEqual(run.config);
  });
});

/**
 * A real benchmark run (real worker, real ONNX Runtime, real SQLite) whose GPU telemetry comes
 * from the NVML stand-in through koffi, with no nvidia-smi on PATH: the run records NVML as its
 * source, the worker's own GPU memory and utilisation, the other tenant on the GPU with a
 * warning, and keeps going (and is kept) when the GPU is lost mid-run.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createStudio } from '../../src/main/studio/create-studio';
import { RunConfigSchema, type Run } from '../../src/shared/run';
import type { TelemetrySample } from '../../src/shared/telemetry';
import type { RunDetail } from '../../src/shared/contract';
import { SQUEEZENET } from '../helpers/temp-home';
import { fakeNvmlUnavailable, nvmlTestHome, withFakeNvmlEnv } from '../helpers/fake-nvml';

const t = nvmlTestHome('dyno-nvml-run-');

async function runWith(env: Record<string, string>, home: string): Promise<{ run: Run; samples: TelemetrySample[]; warnings: RunDetail['warnings'] }> {
  return withFakeNvmlEnv(env, async () => {
    const handle = createStudio({ home, pathEnv: t.emptyPath, nvmlLibrary: t.lib.fresh() });
    try {
      const config = RunConfigSchema.parse({
        modelPath: SQUEEZENET,
        telemetry: { intervalMs: 10, idleBaselineMs: 300 },
        stop: { warmupIterations: 2, minIterations: 10, maxIterations: 100_000, minDurationMs: 2000, maxDurationMs: 10_000 },
      });
      const { runId } = (await handle.studio.call('runs.start', { config })) as { runId: string };
      const run = await handle.studio.queue.whenFinished(runId);
      const samples = (await handle.studio.call('runs.telemetry', { runId })) as TelemetrySample[];
      const { warnings } = (await handle.studio.call('runs.get', { runId })) as RunDetail;
      return { run, samples, warnings };
    } finally {
      handle.close();
    }
  });
}

describe.skipIf(fakeNvmlUnavailable !== undefined)(`a run with NVML telemetry${fakeNvmlUnavailable ? ` (skipped: ${fakeNvmlUnavailable})` : ''}`, () => {
  it('records NVML as the source, the worker’s GPU figures and the other tenant, at 10 ms', async () => {
    // The worker at normal priority: raised above the host on a busy 2-core machine, it can starve
    // the host's timers for the whole window, and the utilisation is polled while it runs.
    const env = { DYNO_FAKE_NVML_OTHER_PID: String(process.pid), DYNO_FAKE_NVML_PERIOD_MS: '100', DYNO_WORKER_PRIORITY: '0' };
    const { run, samples, warnings } = await runWith(env, join(t.home, 'a'));
    expect(run.status).toBe('completed');
    if (run.status !== 'completed') return;
    const tel = run.results.telemetry!;
    expect(tel.intervalMs).toBe(10);
    expect(tel.gpu).toMatchObject({ available: true, source: 'nvml', peakPowerW: expect.any(Number) });
    expect(tel.gpu.reason).toBeUndefined();
    expect(tel.gpu.workerMemoryMiB).toBe(15690);
    expect(tel.gpu.workerSmUtilPct!).toBeGreaterThan(0);
    expect(tel.gpu.workerSmUtilPct!).toBeLessThanOrEqual(100);
    expect(tel.gpu.perGpu[0]).toMatchObject({ index: 0, name: 'NVIDIA H100 80GB HBM3' });
    expect([tel.gpu.perGpu[0]!.energyMethod, tel.gpu.perGpu[0]!.energyNote]).toEqual(['counter', undefined]);
    // Between the capture's idle and load power, from the counter.
    expect(tel.gpu.avgPowerW!).toBeGreaterThan(69.85);
    expect(tel.gpu.avgPowerW!).toBeLessThan(631.95);
    expect(tel.gpu.otherProcesses).toContainEqual({ gpu: 0, pid: process.pid, name: expect.any(String), usedMemoryMiB: 512 });
    expect(warnings.find((w) => w.code === 'gpu-shared')?.message).toMatch(/Other processes held GPU memory while this run measured \(.*on GPU 0 \(512 MiB\)/);
    // The stored samples carry NVML's extra readings.
    const gpuSamples = samples.flatMap((s) => s.gpus);
    expect(gpuSamples.some((g) => [1200, 52000].includes(g.pcieTxKBps!) && [69.62, 625.68].includes(g.powerInstantW!))).toBe(true);
    expect(run.results.environment.gpus[0]).toMatchObject({ name: 'NVIDIA H100 80GB HBM3', driver: '590.48.01' });
  }, 60_000);

  it('keeps the run and its CPU telemetry when the GPU is lost mid-run, and says why', async () => {
    const { run, samples } = await runWith({ DYNO_FAKE_NVML_LOST_AFTER_MS: '600' }, join(t.home, 'b'));
    expect(run.status).toBe('completed');
    if (run.status !== 'completed') return;
    const tel = run.results.telemetry!;
    expect(tel.gpu.reason).toMatch(/NVML_ERROR_GPU_IS_LOST.*CPU telemetry continues/);
    expect(tel.gpu.source).toBe('nvml');
    expect(tel.cpu.avgUtilPct).not.toBeNull();
    // CPU samples go on after the loss: the last one is well past the last GPU reading.
    const lastGpu = Math.max(...samples.flatMap((s) => s.gpus.map((g) => g.tMs)));
    expect(samples.at(-1)!.tMs - lastGpu).toBeGreaterThan(500);
  }, 60_000);
});

/**
 * The real sampler and nvidia-smi stream against a stand-in `nvidia-smi` on PATH that replays
 * a real H100 capture at the pace it is asked for (tests/fixtures/nvidia-smi).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import { NvidiaSmiStream, queryFields } from '../../src/main/telemetry/nvidia-smi-stream';
import { RunConfigSchema, type Run } from '../../src/shared/run';
import type { TelemetrySample } from '../../src/shared/telemetry';
import { SQUEEZENET, tempHome } from '../helpers/temp-home';

const FAKE = resolve('tests/fixtures/nvidia-smi/fake-nvidia-smi.mjs');
let t: ReturnType<typeof tempHome>;
let bin: string;
beforeAll(() => {
  t = tempHome('dyno-gpu-');
  bin = join(t.home, 'bin');
  mkdirSync(bin);
  chmodSync(FAKE, 0o755);
  symlinkSync(FAKE, join(bin, 'nvidia-smi'));
});
afterAll(() => t.cleanup());

describe.runIf(process.platform !== 'win32')('GPU telemetry', () => {
  it('streams one nvidia-smi process, parsing each line as it comes', async () => {
    const stream = new NvidiaSmiStream({ smi: join(bin, 'nvidia-smi'), intervalMs: 50, gpus: [], fields: queryFields('clocks_event_reasons.active'), now: () => performance.now() });
    stream.start();
    // The stand-in is a Node process: on a loaded machine it can take seconds to start, so wait
    // for lines (at most 10 s) rather than a fixed time.
    for (let i = 0; i < 100 && stream.readings.length < 4 && !stream.failure; i++) await new Promise((r) => setTimeout(r, 100));
    stream.stop();
    expect(stream.failure).toBeUndefined();
    expect(stream.readings.length).toBeGreaterThanOrEqual(4);
    expect(new Set(stream.readings.map((r) => r.powerW))).toEqual(new Set([69.85, 631.95]));
    expect(stream.latest()).toHaveLength(1);
  });

  it('kills a stream that goes silent and says why', async () => {
    process.env.FAKE_SMI_MODE = 'hang';
    try {
      const stream = new NvidiaSmiStream({ smi: join(bin, 'nvidia-smi'), intervalMs: 50, gpus: [], fields: queryFields('clocks_event_reasons.active'), now: () => performance.now(), silenceTimeoutMs: 400 });
      stream.start();
      await new Promise((r) => setTimeout(r, 900));
      expect(stream.failure).toMatch(/sent nothing for 0\.4 s and was stopped/);
      stream.stop();
    } finally {
      delete process.env.FAKE_SMI_MODE;
    }
  });

  it("lists the workers its caller started and no other process's, as the driver would list this run's", async () => {
    const sleeper = 'setTimeout(() => undefined, 20_000)';
    // A worker lookalike this process started, and one a stranger started (not this caller's child).
    const own = spawn(process.execPath, ['-e', sleeper, 'out/main/worker.js'], { stdio: 'ignore' });
    // (The stranger's own command line must not name a worker: the path is put together inside it.)
    const stranger = spawn(process.execPath, ['-e', `require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(sleeper)}, 'out/main/' + 'worker.js'], { stdio: 'ignore' }); ${sleeper}`], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 500));
      const { stdout } = await promisify(execFile)(join(bin, 'nvidia-smi'), ['--query-compute-apps=pid,used_memory', '--format=csv,noheader,nounits']);
      expect(stdout).toBe(`${own.pid}, 15690\n`);
    } finally {
      own.kill('SIGKILL');
      stranger.kill('SIGKILL');
    }
  });

  it('puts GPU power, utilisation, temperature and energy into a real benchmark run', async () => {
    const handle: StudioHandle = createStudio({ home: t.home, pathEnv: `${bin}:${process.env.PATH}` });
    try {
      const config = RunConfigSchema.parse({
        modelPath: SQUEEZENET,
        telemetry: { intervalMs: 50, idleBaselineMs: 300 },
        // Long enough for the stand-in's alternating idle and load rows to land in the window even when it starts late on a loaded machine.
        stop: { warmupIterations: 2, minIterations: 10, maxIterations: 100_000, minDurationMs: 2_500, maxDurationMs: 10_000 },
      });
      const { runId } = (await handle.studio.call('runs.start', { config })) as { runId: string };
      const run: Run = await handle.studio.queue.whenFinished(runId);
      expect(run.status).toBe('completed');
      if (run.status !== 'completed') return;
      const tel = run.results.telemetry!;
      expect(tel.gpu, tel.gpu.reason).toMatchObject({ available: true, maxTempC: 59 });
      expect(tel.gpu.avgPowerW!).toBeGreaterThan(69.85);
      expect(tel.gpu.avgPowerW!).toBeLessThan(631.95);
      expect(tel.gpu.peakPowerW).toBe(631.95);
      expect(tel.gpu.avgUtilPct!).toBeGreaterThan(0);
      expect(tel.gpu.throttledShare).toBe(0); // only the idle bit was ever set
      expect(tel.gpu.workerMemoryMiB).toBe(15690); // the worker's own footprint, by its pid
      // A CPU-provider run is charged CPU (RAPL) energy only; the GPU's energy is reported beside it as a whole-device figure.
      expect(['rapl', 'none']).toContain(tel.energy.source);
      expect(tel.gpu.energyJ!).toBeGreaterThan(0.8 * 69.85 * 0.5); // ≥ idle power over the window
      expect(tel.gpu.perGpu).toHaveLength(1);
      expect(tel.gpu.perGpu[0]).toMatchObject({ index: 0, uuid: 'GPU-00000000-0000-0000-0000-000000000000', energyJ: tel.gpu.energyJ, peakPowerW: 631.95 });
      expect(tel.gpu.peakPowerW!).toBeGreaterThanOrEqual(tel.gpu.avgPowerW!);
      // The inventory comes from `nvidia-smi -q -x` (here the stand-in's two-P100 capture).
      expect(run.results.environment.gpus.map((g) => [g.name, g.driver, g.powerLimitW])).toEqual([
        ['Tesla P100-PCIE-12GB', '375.66', 250],
        ['Tesla P100-PCIE-12GB_2', '375.66', 250],
      ]);
      const samples = (await handle.studio.call('runs.telemetry', { runId })) as TelemetrySample[];
      expect(samples.some((s) => s.gpus.length === 1)).toBe(true);
    } finally {
      handle.close();
    }
  }, 60_000);
});

/**
 * The energy arithmetic on NVML's hardware counter: deltas across the 64-bit wrap, a counter that
 * restarts, a phase's ends interpolated between readings, the idle baseline's power from the
 * counter, net of idle per GPU, charged only to the GPUs the run used, and the trapezoid where
 * the counter is absent.
 */
import { describe, expect, it } from 'vitest';
import { counterMeanW, counterTrace, counterWindowJ, energySinceMj } from '../../../src/main/telemetry/gpu-energy-counter';
import { summarizeTelemetry } from '../../../src/main/telemetry/summarize';
import { gpuFigures } from '../../../src/main/telemetry/gpu-figures';
import type { GpuReading, TelemetrySample } from '../../../src/shared/telemetry';

/** A reading with the H100 capture's idle figures, at a given power and counter value. */
const reading = (index: number, tMs: number, powerW: number, energyMj: number | null): GpuReading => ({
  tMs, index, uuid: `GPU-${index}`, name: 'NVIDIA H100 80GB HBM3', utilGpuPct: 0, utilMemPct: 0, memUsedMiB: 0, memTotalMiB: 81559,
  powerW, powerLimitW: 700, tempC: 41, smClockMHz: 345, memClockMHz: 2619, pstate: 'P0', throttleReasons: 1, energyMj,
});
const sample = (tMs: number): TelemetrySample => ({ tMs, cpuUtilPct: 10, perCorePct: [10], memUsedBytes: 1, cpuSpeedMHz: null, workerRssBytes: 1, workerCpuPct: 100, cpuPowerW: null, gpus: [] });

describe('counter deltas', () => {
  it('are exact across the unsigned 64-bit wrap', () => {
    expect(energySinceMj(123n, 123n)).toBe(0);
    expect(energySinceMj(1_000n, 351_000n)).toBe(350_000);
    expect(energySinceMj(2n ** 64n - 10n, 5n)).toBe(15);
    expect(energySinceMj(2n ** 64n - 1n, 2n ** 64n - 1n + 0n)).toBe(0);
  });

  it('refuse a counter that went backwards (driver reload, GPU reset) and one with no readings', () => {
    expect(counterTrace([reading(0, 0, 70, 0), reading(0, 100, 70, 7000), reading(0, 200, 70, 5)])).toEqual({ unusable: expect.stringMatching(/went backwards/) });
    expect(counterTrace([reading(0, 0, 70, null), reading(0, 100, 70, null)])).toEqual({ unusable: expect.stringMatching(/no energy counter readings/) });
  });

  it('interpolate a window’s ends between readings, and only inside the readings', () => {
    // 100 W for 1 s between readings 1 s apart: 100,000 mJ; a window of the middle 0.5 s is 50 J.
    const points = [{ tMs: 0, watts: 0 }, { tMs: 1000, watts: 100_000 }, { tMs: 2000, watts: 400_000 }];
    expect(counterWindowJ(points, 250, 750)).toBeCloseTo(50, 9);
    expect(counterWindowJ(points, 500, 1500)).toBeCloseTo(50 + 150, 9);
    expect(counterWindowJ(points, -1, 1000)).toBeNull();
    expect(counterWindowJ(points, 0, 2001)).toBeNull();
    expect(counterMeanW(points, 0, 1000)).toBeCloseTo(100, 9);
    expect(counterMeanW(points, 1500, 1600)).toBeNull();
  });
});

describe('a run’s energy from the counter', () => {
  // Idle baseline −1000…0 ms: both GPUs at 70 W. Measured 0…2000 ms: GPU 1 (the run's) at 300 W,
  // GPU 0 (another tenant's) at 500 W. Readings every 100 ms carry the counter, which says so exactly.
  const readings: GpuReading[] = [];
  const energy = [0, 0];
  for (let t = -1000; t <= 2500; t += 100) {
    for (const index of [0, 1]) {
      const w = t <= 0 ? 70 : index === 1 ? 300 : 500;
      if (t > -1000) energy[index]! += w * 100; // W × ms = mJ over the 100 ms just ended
      // The sampled power is deliberately off (a 1 s average lagging): the counter must win.
      readings.push(reading(index, t, w * 0.8, energy[index]!));
    }
  }
  const idleSamples = Array.from({ length: 11 }, (_, i) => sample(-1000 + i * 100));
  const samples = Array.from({ length: 26 }, (_, i) => sample(i * 100));
  const summarize = (device: Parameters<typeof summarizeTelemetry>[0]['device'], rs = readings, workerGpus?: number[]) =>
    summarizeTelemetry({ samples, gpuReadings: rs, idleSamples, windowStartMs: 0, windowEndMs: 2000, inferences: 400, intervalMs: 100, gpu: { available: true, source: 'nvml' }, device, ...(workerGpus ? { workerGpus } : {}) });

  it('charges the run’s GPU the counter’s difference, net of that GPU’s idle power', () => {
    const t = summarize({ kind: 'gpu', index: 1 });
    expect(t.energy.source).toBe('gpu-energy-counter');
    expect(t.energy.totalJ).toBeCloseTo(600, 6); // 300 W × 2 s
    expect(t.energy.idleW).toBeCloseTo(70, 6);
    expect(t.energy.netJ).toBeCloseTo(600 - 140, 6);
    expect(t.energy.perInferenceMj).toBeCloseTo(1500, 6);
    expect(t.gpu.perGpu.map((g) => [g.index, g.energyMethod, Math.round(g.energyJ!)])).toEqual([[0, 'counter', 1000], [1, 'counter', 600]]);
    // The counter's average exceeds every sampled reading (they lag); the peak is held at least there.
    expect(t.gpu.perGpu[1]!.avgPowerW).toBeCloseTo(300, 6);
    expect(t.gpu.perGpu[1]!.peakPowerW).toBeGreaterThanOrEqual(300);
    expect(t.gpu.source).toBe('nvml');
  });

  it('charges a WebGPU run only the GPUs its worker held memory on', () => {
    expect(summarize({ kind: 'all-gpus' }, readings, [1]).energy).toMatchObject({ source: 'gpu-energy-counter', device: expect.stringMatching(/worker used \(1\)/) });
    expect(summarize({ kind: 'all-gpus' }, readings, [1]).energy.totalJ).toBeCloseTo(600, 6);
    expect(summarize({ kind: 'all-gpus' }).energy.totalJ).toBeCloseTo(1600, 6);
  });

  it('integrates sampled power where the counter is unsupported, and says so', () => {
    const noCounter = readings.map((r) => ({ ...r, energyMj: null }));
    const t = summarize({ kind: 'gpu', index: 1 }, noCounter);
    expect(t.energy.source).toBe('gpu-power-integral');
    expect(t.energy.totalJ).toBeCloseTo(240 * 2 - (240 - 56) * 0.1 * 0.5, 6); // the trapezoid ramps up over the first 100 ms
    expect(t.gpu.perGpu[1]).toMatchObject({ energyMethod: 'power-integral', energyNote: expect.stringMatching(/no energy counter.*integrated instead/) });
  });

  it('falls back for one GPU whose counter restarted, keeping the counter for the other', () => {
    const reset = readings.map((r) => (r.index === 1 && r.tMs >= 1000 ? { ...r, energyMj: r.energyMj! - 500_000 } : r));
    const t = summarize({ kind: 'all-gpus' }, reset);
    expect(t.gpu.perGpu.map((g) => g.energyMethod)).toEqual(['counter', 'power-integral']);
    expect(t.gpu.perGpu[1]!.energyNote).toMatch(/went backwards/);
    expect(t.energy.source).toBe('gpu-power-integral');
  });
});

describe('a short window between two readings', () => {
  it('still gets the GPU’s figures: the counter and the trace are defined across it', () => {
    // 200 W throughout; readings 1 s apart, the window 400–600 ms between them.
    const rs = [reading(0, 0, 200, 0), reading(0, 1000, 200, 200_000)];
    const g = gpuFigures(rs, 400, 600).perGpu[0]!;
    expect(g).toMatchObject({ index: 0, energyMethod: 'counter', avgUtilPct: null });
    expect(g.energyJ).toBeCloseTo(40, 9);
    expect(g.avgPowerW).toBeCloseTo(200, 9);
    // A GPU read only before the window is not in it.
    expect(gpuFigures(rs, 1200, 1400).perGpu).toEqual([]);
  });
});

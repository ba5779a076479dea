import { describe, expect, it } from 'vitest';
import { energyFigures, trapezoidJ } from '../../../src/main/telemetry/energy';
import { summarizeTelemetry, windowEnergyJ } from '../../../src/main/telemetry/summarize';
import type { TelemetrySample } from '../../../src/shared/telemetry';

describe('energy from power samples', () => {
  it('integrates a known trace with the trapezoid rule', () => {
    // 100 W for 1 s, ramping linearly to 200 W over the next second: 100 + 150 = 250 J.
    expect(trapezoidJ([{ tMs: 0, watts: 100 }, { tMs: 1000, watts: 100 }, { tMs: 2000, watts: 200 }])).toBe(250);
    expect(trapezoidJ([{ tMs: 0, watts: 50 }])).toBe(0);
  });
  it('reports per inference, per joule, and net of an idle baseline', () => {
    const f = energyFigures({ totalJ: 30, durationMs: 2000, inferences: 600, peakW: 18, idleW: 5 });
    expect(f).toEqual({ totalJ: 30, averageW: 15, peakW: 18, idleW: 5, netJ: 20, perInferenceMj: 50, netPerInferenceMj: (20 / 600) * 1000, inferencesPerJ: 20 });
  });
});

const sample = (tMs: number, cpuPowerW: number | null, cpuUtilPct = 50): TelemetrySample => ({
  tMs,
  cpuUtilPct,
  perCorePct: [cpuUtilPct],
  memUsedBytes: 1,
  cpuSpeedMHz: null,
  workerRssBytes: 100 + tMs,
  workerCpuPct: cpuUtilPct * 2,
  cpuPowerW,
  gpus: [],
});

describe('a run’s telemetry summary', () => {
  it('counts only the measured window, clipping the intervals at its edges', () => {
    // Each sample holds the average power of the interval that ends at it.
    const samples = [sample(0, null), sample(100, 10), sample(200, 20), sample(300, 30)];
    expect(windowEnergyJ(samples, 0, 300)).toBeCloseTo(6, 10); // 10·0.1 + 20·0.1 + 30·0.1
    expect(windowEnergyJ(samples, 150, 250)).toBeCloseTo(2.5, 10); // half of 20·0.1 + half of 30·0.1
    expect(windowEnergyJ([sample(0, null), sample(100, null)], 0, 100)).toBeNull();
  });
  it('averages utilisation over the window and takes energy and idle from RAPL samples', () => {
    const s = summarizeTelemetry({
      samples: [sample(0, null, 10), sample(1000, 40, 90), sample(2000, 60, 70)],
      idleSamples: [sample(-200, 5), sample(-100, 7)],
      windowStartMs: 0,
      windowEndMs: 2000,
      inferences: 1000,
      intervalMs: 100,
      gpu: { available: false, reason: 'nvidia-smi not found' },
      device: { kind: 'cpu' },
    });
    expect(s.cpu.avgUtilPct).toBeCloseTo((10 + 90 + 70) / 3, 10);
    expect(s.cpu.peakUtilPct).toBe(90);
    expect(s.cpu.workerPeakRssBytes).toBe(2100);
    expect(s.energy).toEqual({
      source: 'rapl',
      device: 'CPU package and DRAM (RAPL): the whole package, every process on it',
      totalJ: 100,
      averageW: 50,
      peakW: 60,
      idleW: 6,
      netJ: 88,
      perInferenceMj: 100,
      netPerInferenceMj: 88,
      inferencesPerJ: 10,
    });
    expect(s.cpu.energyJ).toBe(100);
  });
  it('says why there is no energy figure instead of printing zero', () => {
    const s = summarizeTelemetry({
      samples: [sample(0, null), sample(100, null)],
      idleSamples: [],
      windowStartMs: 0,
      windowEndMs: 100,
      inferences: 10,
      intervalMs: 100,
      gpu: { available: false },
      device: { kind: 'cpu' },
      energyUnavailableReason: 'no RAPL interface',
    });
    expect(s.energy).toMatchObject({ source: 'none', reason: 'no RAPL interface', totalJ: null, perInferenceMj: null });
  });
});

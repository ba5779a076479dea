import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { headerFields, parseRow } from '../../../src/main/telemetry/nvidia-smi-csv';
import { energyDeviceFor, summarizeTelemetry } from '../../../src/main/telemetry/summarize';
import type { GpuReading, TelemetrySample } from '../../../src/shared/telemetry';

/*
 * A two-GPU stream built from real rows: the H100 capture's idle row (69.85 W, 0 MiB) and load
 * row (631.95 W, 19,818 MiB), byte for byte except the `index` and `uuid` columns, which are
 * rewritten to make two GPUs (the capture has one). GPU 0 reports at 0, 100, …, 2000 ms and is
 * under load until 900 ms; GPU 1 reports 50 ms later and is under load from 950 ms on. The
 * measured window is 0–2,000 ms.
 */
const capture = (name: string) => readFileSync(resolve('tests/fixtures/nvidia-smi', name), 'utf8').split('\n');
const [header, idleRow] = capture('h100-590.48.01-idle.csv') as [string, string];
const loadRow = capture('h100-590.48.01-load.csv')[1] as string;
const fields = headerFields(header);
const INDEX = fields.indexOf('index');
const UUID = fields.indexOf('uuid');

function asGpu(row: string, index: number): string {
  const cols = row.split(', ');
  cols[INDEX] = String(index);
  cols[UUID] = `GPU-00000000-0000-0000-0000-00000000000${index}`;
  return cols.join(', ');
}
const reading = (row: string, index: number, tMs: number): GpuReading => parseRow(fields, asGpu(row, index), tMs)!;

const readings: GpuReading[] = [];
for (let t = 0; t <= 2000; t += 100) {
  readings.push(reading(t < 1000 ? loadRow : idleRow, 0, t));
  if (t + 50 <= 2000) readings.push(reading(t + 50 < 950 ? idleRow : loadRow, 1, t + 50));
}

const sample = (tMs: number, cpuPowerW: number | null, gpus: GpuReading[] = []): TelemetrySample => ({
  tMs, cpuUtilPct: 50, perCorePct: [50], memUsedBytes: 1, cpuSpeedMHz: null, workerRssBytes: 1, workerCpuPct: 100, cpuPowerW, gpus,
});
// Idle baseline: both GPUs at the idle row, the CPU package at 10 W; during the run the package draws 40 W.
const idleSamples = [sample(-200, 10, [reading(idleRow, 0, -200), reading(idleRow, 1, -150)]), sample(-100, 10, [reading(idleRow, 0, -100), reading(idleRow, 1, -50)])];
const runSamples = Array.from({ length: 21 }, (_, i) => sample(i * 100, i === 0 ? null : 40));

const summarize = (device: Parameters<typeof summarizeTelemetry>[0]['device'], samples = runSamples) =>
  summarizeTelemetry({ samples, gpuReadings: readings, idleSamples, windowStartMs: 0, windowEndMs: 2000, inferences: 1000, intervalMs: 100, gpu: { available: true }, device });

/** The test's own model of each GPU's power: linear between its readings, flat beyond them, evaluated every 1 ms. */
function expected() {
  const powerAt = (index: number, t: number): number => {
    const rs = readings.filter((r) => r.index === index);
    const after = rs.findIndex((r) => r.tMs >= t);
    if (after === 0) return rs[0]!.powerW!;
    if (after === -1) return rs[rs.length - 1]!.powerW!;
    const a = rs[after - 1]!;
    const b = rs[after]!;
    return a.powerW! + ((b.powerW! - a.powerW!) * (t - a.tMs)) / (b.tMs - a.tMs);
  };
  const energy = [0, 0];
  let peakSum = 0;
  const peak = [0, 0];
  for (let t = 0; t <= 2000; t++) {
    const p = [powerAt(0, t), powerAt(1, t)];
    peakSum = Math.max(peakSum, p[0]! + p[1]!);
    peak[0] = Math.max(peak[0]!, p[0]!);
    peak[1] = Math.max(peak[1]!, p[1]!);
    // Midpoint of each millisecond: exact for a trace that is linear between whole milliseconds.
    if (t < 2000) for (const g of [0, 1]) energy[g]! += powerAt(g, t + 0.5) / 1000;
  }
  return { energy, peak, peakSum };
}

describe('two GPUs: per-GPU figures and totals that cannot contradict each other', () => {
  const s = summarize({ kind: 'gpu', index: 1 });
  const ref = expected();

  it('reports each GPU by index and uuid with its own energy, average and peak power', () => {
    expect(s.gpu.perGpu.map((g) => [g.index, g.uuid])).toEqual([
      [0, 'GPU-00000000-0000-0000-0000-000000000000'],
      [1, 'GPU-00000000-0000-0000-0000-000000000001'],
    ]);
    for (const g of [0, 1]) {
      const figures = s.gpu.perGpu[g]!;
      expect(figures.energyJ).toBeCloseTo(ref.energy[g]!, 6);
      expect(figures.avgPowerW).toBeCloseTo(ref.energy[g]! / 2, 6);
      expect(figures.peakPowerW).toBeCloseTo(ref.peak[g]!, 9);
      expect(figures.peakPowerW!).toBeGreaterThanOrEqual(figures.avgPowerW!);
      expect(figures.idlePowerW).toBe(69.85);
      expect(figures.maxTempC).toBe(59);
      expect(figures.peakMemUsedMiB).toBe(19818);
    }
  });
  it('totals: energy is the sum of the GPUs’, power the sum at each instant, its peak never below its average', () => {
    expect(s.gpu.energyJ).toBeCloseTo(ref.energy[0]! + ref.energy[1]!, 6);
    expect(s.gpu.avgPowerW).toBeCloseTo((ref.energy[0]! + ref.energy[1]!) / 2, 6);
    expect(s.gpu.peakPowerW).toBeCloseTo(ref.peakSum, 9);
    expect(s.gpu.peakPowerW!).toBeGreaterThanOrEqual(s.gpu.avgPowerW!);
    // Both under load at once only around the hand-over at 1,000 ms: memory peaks at both GPUs' sum.
    expect(s.gpu.peakMemUsedMiB).toBe(2 * 19818);
    expect(s.gpu.maxTempC).toBe(59);
    // The mean of the GPUs’ means: GPU 0 at 100 % in 10 of 21 readings, GPU 1 in 11 of 20.
    expect(s.gpu.avgUtilPct).toBeCloseTo(((10 / 21) * 100 + (11 / 20) * 100) / 2, 9);
  });
  it('charges a CUDA run on GPU 1 with GPU 1’s energy alone, net of GPU 1’s idle baseline', () => {
    expect(energyDeviceFor({ executionProvider: 'cuda', cuda: { deviceId: 1 } })).toEqual({ kind: 'gpu', index: 1 });
    expect(s.energy.source).toBe('gpu-power-integral');
    expect(s.energy.device).toBe('GPU 1 (NVIDIA H100 80GB HBM3): the whole device, every process on it');
    expect(s.energy.totalJ).toBeCloseTo(ref.energy[1]!, 6);
    expect(s.energy.idleW).toBe(69.85);
    expect(s.energy.netJ).toBeCloseTo(ref.energy[1]! - 69.85 * 2, 6);
    expect(s.energy.perInferenceMj).toBeCloseTo(ref.energy[1]!, 6); // J per 1,000 inferences = mJ each
    expect(s.energy.peakW).toBeCloseTo(ref.peak[1]!, 9);
  });
  it('charges a CPU-provider run with CPU (RAPL) energy and no GPU energy', () => {
    const cpu = summarize(energyDeviceFor({ executionProvider: 'cpu', cuda: { deviceId: 0 } }));
    expect(cpu.energy).toMatchObject({ source: 'rapl', totalJ: 80, idleW: 10, netJ: 60, perInferenceMj: 80, netPerInferenceMj: 60 });
    // The GPUs are still reported, as whole-system figures, but not charged to the run.
    expect(cpu.gpu.energyJ).toBeCloseTo(ref.energy[0]! + ref.energy[1]!, 6);
  });
  it('gives a CPU-provider run no energy figure at all without RAPL, rather than the GPUs’', () => {
    const cpu = summarize({ kind: 'cpu' }, runSamples.map((x) => ({ ...x, cpuPowerW: null })));
    expect(cpu.energy).toMatchObject({ source: 'none', totalJ: null, perInferenceMj: null });
    expect(cpu.energy.reason).toMatch(/not charged GPU power/);
  });
  it('charges a WebGPU run (device unknown) with every GPU together, net of both idle baselines', () => {
    const all = summarize(energyDeviceFor({ executionProvider: 'webgpu', cuda: { deviceId: 0 } }));
    expect(all.energy.device).toBe('every GPU together (2): whole devices');
    expect(all.energy.totalJ).toBeCloseTo(ref.energy[0]! + ref.energy[1]!, 6);
    expect(all.energy.idleW).toBeCloseTo(2 * 69.85, 9);
    expect(all.energy.peakW).toBeCloseTo(ref.peakSum, 9);
  });
  it('takes a GPU’s idle baseline from every reading streamed while idle, when there are any', () => {
    // Idle-period readings: GPU 1 at the load row (a neighbour busy on it), GPU 0 at the idle row.
    const streamedIdle = [reading(idleRow, 0, -180), reading(loadRow, 1, -170), reading(loadRow, 1, -120)];
    const s2 = summarizeTelemetry({
      samples: runSamples, gpuReadings: [...streamedIdle, ...readings], idleSamples, windowStartMs: 0, windowEndMs: 2000,
      inferences: 1000, intervalMs: 100, gpu: { available: true }, device: { kind: 'gpu', index: 1 },
    });
    expect(s2.gpu.perGpu.map((g) => g.idlePowerW)).toEqual([69.85, 631.95]);
    expect(s2.energy.netJ).toBe(0); // the run drew less than that baseline: net energy is floored at 0
  });
});

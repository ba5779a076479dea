import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { headerFields, parseQueryGpuCsv, parseRow } from '../../../src/main/telemetry/nvidia-smi-csv';

// Real `nvidia-smi --query-gpu=<all fields> --format=csv` output: H100 80GB HBM3, driver 590.48.01.
const fixture = (name: string) => readFileSync(resolve('tests/fixtures/nvidia-smi', name), 'utf8');

describe('nvidia-smi CSV, parsed by its header (real H100 capture)', () => {
  it('reads the idle GPU', () => {
    const [gpu] = parseQueryGpuCsv(fixture('h100-590.48.01-idle.csv'), 1000);
    expect(gpu).toEqual({
      tMs: 1000,
      index: 0,
      uuid: 'GPU-00000000-0000-0000-0000-000000000000',
      name: 'NVIDIA H100 80GB HBM3',
      utilGpuPct: 0,
      utilMemPct: 0,
      memUsedMiB: 0,
      memTotalMiB: 81559,
      powerW: 69.85,
      powerLimitW: 700,
      tempC: 41,
      smClockMHz: 345,
      memClockMHz: 2619,
      pstate: 'P0',
      throttleReasons: 1, // GPU idle
    });
  });
  it('reads the GPU under load, units stripped', () => {
    const [gpu] = parseQueryGpuCsv(fixture('h100-590.48.01-load.csv'), 2000);
    expect(gpu).toMatchObject({ utilGpuPct: 100, utilMemPct: 11, memUsedMiB: 19818, powerW: 631.95, tempC: 59, smClockMHz: 1980, throttleReasons: 0 });
  });
  it('strips units from header names and keeps the field order nvidia-smi printed', () => {
    const fields = headerFields(fixture('h100-590.48.01-idle.csv').split('\n')[0]!);
    expect(fields).toHaveLength(212);
    expect(fields.slice(0, 3)).toEqual(['timestamp', 'driver_version', 'vgpu_driver_capability.heterogenous_multivGPU']);
    expect(fields).toContain('power.draw');
    expect(fields).toContain('clocks_event_reasons.active');
  });
  it('turns [N/A], [Not Supported] and deprecated values into null, never 0', () => {
    const fields = ['index', 'power.draw', 'temperature.gpu', 'utilization.gpu', 'clocks_throttle_reasons.active', 'pstate'];
    expect(parseRow(fields, '1, [Not Supported], [N/A], N/A, [Requested functionality has been deprecated], [N/A]', 5)).toMatchObject({
      index: 1,
      powerW: null,
      tempC: null,
      utilGpuPct: null,
      throttleReasons: null,
      pstate: null,
    });
  });
  it('reads several GPUs and skips malformed lines', () => {
    const out = 'index, power.draw [W]\n0, 20.5\n1, 300.25\ngarbage\n';
    expect(parseQueryGpuCsv(out, 0).map((g) => [g.index, g.powerW])).toEqual([
      [0, 20.5],
      [1, 300.25],
    ]);
  });
});

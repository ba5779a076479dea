/**
 * The GPU check (bench/gpu-check.ts) as far as it runs without a GPU: its arguments, the
 * comparison of Dyno's energy with the independent counter over the same window, and the clear
 * refusal on a machine with no NVIDIA driver.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { compareGpuEnergy, comparisonLine, parseCounterLines, parseGpuCheckArgs } from '../../../bench/gpu-check-compare';

const exec = promisify(execFile);

describe('gpu-check arguments', () => {
  it('has defaults, takes each option, and refuses bad values in one line', () => {
    expect(parseGpuCheckArgs([])).toEqual({ model: undefined, gpu: 0, seconds: 20, out: undefined, help: false });
    expect(parseGpuCheckArgs(['--model', 'm.onnx', '--gpu', '1', '--seconds', '5', '--out', 'o'])).toEqual({ model: 'm.onnx', gpu: 1, seconds: 5, out: 'o', help: false });
    expect(parseGpuCheckArgs(['-h'])).toMatchObject({ help: true });
    expect(parseGpuCheckArgs(['--gpu', 'x'])).toEqual({ error: "--gpu must be a GPU index (0, 1, …), not 'x'" });
    expect(parseGpuCheckArgs(['--seconds', '1'])).toEqual({ error: "--seconds must be between 2 and 600, not '1'" });
    const unknown = parseGpuCheckArgs(['--power-limit', '300']);
    expect('error' in unknown && unknown.error).toMatch(/^Unknown option '--power-limit'/);
  });
});

describe('Dyno against the independent counter', () => {
  // A counter that advances 300 W (300 mJ per ms) from t = 1000 ms, read every 10 ms.
  const counter = Array.from({ length: 301 }, (_, i) => ({ t_ms: 1000 + 10 * i, energy_mj: 5e9 + 3000 * i }));

  it('interpolates the counter at the window ends and judges the ratio against 2 %', () => {
    // 1005 → 3995 ms: 2.99 s at 300 W = 897 J.
    const exact = compareGpuEnergy(897, counter, 1005, 3995);
    expect(exact).toMatchObject({ nvmlJ: 897, ratio: 1, deviationPct: 0, within: true });
    const high = compareGpuEnergy(897 * 1.025, counter, 1005, 3995);
    expect(high).toMatchObject({ within: false });
    expect('ratio' in high && high.ratio).toBeCloseTo(1.025, 10);
    const low = compareGpuEnergy(880, counter, 1005, 3995);
    expect(low).toMatchObject({ within: true });
    expect(comparisonLine(0, low, 2.99)).toBe('GPU 0: Dyno 880.00 J, NVML counter via nvidia-ml-py 897.00 J over the same 3.0 s window: ratio 0.9810 (1.90 % off; target within 2 %) — within target');
  });

  it('says why it cannot compare rather than printing a ratio', () => {
    expect(compareGpuEnergy(null, counter, 1005, 3995)).toEqual({ reason: 'Dyno has no GPU energy for this GPU (not used by the run, or no energy source)' });
    expect(compareGpuEnergy(10, counter, 500, 3995)).toEqual({ reason: "the independent counter readings (301) do not cover the run's measured window" });
    const flat = counter.map((c) => ({ ...c, energy_mj: 7 }));
    expect(compareGpuEnergy(10, flat, 1005, 3995)).toEqual({ reason: 'the independent counter did not advance over the window' });
    expect(comparisonLine(1, { reason: 'x' }, 1)).toBe('GPU 1: not compared: x');
  });

  it('reads the sampler’s JSON lines, skipping blank ones', () => {
    expect(parseCounterLines('{"t_ms": 1.5, "energy_mj": 10}\n\n{"t_ms": 2.5, "energy_mj": 12}\n')).toEqual([
      { t_ms: 1.5, energy_mj: 10 },
      { t_ms: 2.5, energy_mj: 12 },
    ]);
  });
});

describe('gpu-check on a machine without the NVIDIA driver', () => {
  const run = async (args: string[], path: string): Promise<{ code: number; stdout: string; stderr: string }> => {
    // node is found by its path; PATH holds no nvidia-smi (and no python3) on purpose.
    const env = { ...process.env, PATH: path };
    try {
      const r = await exec(process.execPath, ['--import', 'tsx', 'bench/gpu-check.ts', ...args], { env });
      return { code: 0, ...r };
    } catch (err) {
      return err as { code: number; stdout: string; stderr: string };
    }
  };

  it('refuses in one line with exit 3, and bad arguments with exit 2 and the usage', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'dyno-no-gpu-'));
    try {
      const noGpu = await run([], empty);
      expect(noGpu.code).toBe(3);
      expect(noGpu.stderr).toBe('gpu-check: no NVIDIA driver here (nvidia-smi is not on PATH): this check needs a machine with an NVIDIA GPU and its driver.\n');
      const bad = await run(['--seconds', 'soon'], `${empty}:${dirname(process.execPath)}`);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^gpu-check: --seconds must be between 2 and 600, not 'soon'\nusage: npm run gpu-check/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }, 60_000);
});

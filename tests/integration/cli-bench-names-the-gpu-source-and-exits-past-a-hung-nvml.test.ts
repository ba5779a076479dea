/**
 * The built `dyno bench` with GPU telemetry from the NVML stand-in (tests/fixtures/nvml): the
 * run JSON and the text summary name the GPU source and the energy method, and an NVML call that
 * never returns (a wedged driver) stops GPU telemetry with the reason without keeping the
 * process from exiting with its own exit code.
 */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { SQUEEZENET } from '../helpers/temp-home';
import { fakeNvmlUnavailable, nvmlTestHome } from '../helpers/fake-nvml';

const exec = promisify(execFile);
const t = nvmlTestHome('dyno-cli-nvml-');

/** The CLI with the stand-in as its NVML and no nvidia-smi on PATH; the exit code, output and wall time. */
async function dyno(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string; wallMs: number }> {
  const t0 = Date.now();
  const options = { env: { ...process.env, ...env, DYNO_HOME: t.home, DYNO_NVML_LIBRARY: t.lib.fresh(), PATH: `${t.emptyPath}:${process.env.PATH ?? ''}` }, timeout: 90_000 };
  try {
    const { stdout, stderr } = await exec(process.execPath, [resolve('bin/dyno.js'), ...args], options);
    return { code: 0, stdout, stderr, wallMs: Date.now() - t0 };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string; killed?: boolean };
    return { code: e.killed ? -1 : e.code, stdout: e.stdout, stderr: e.stderr, wallMs: Date.now() - t0 };
  }
}

const BENCH = ['bench', SQUEEZENET, '--iterations', '40', '--warmup', '2'];

describe.skipIf(fakeNvmlUnavailable !== undefined)(`dyno bench with NVML${fakeNvmlUnavailable ? ` (skipped: ${fakeNvmlUnavailable})` : ''}`, () => {
  it('names the GPU source and energy method in the run JSON and in one text line', async () => {
    const json = await dyno({}, ...BENCH, '--json');
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out.telemetry.gpu).toMatchObject({ available: true, source: 'nvml' });
    expect(out.telemetry.gpu.perGpu[0]).toMatchObject({ index: 0, name: 'NVIDIA H100 80GB HBM3', energyMethod: 'counter' });
    // The measured window, on the wall clock an independent reader (bench/gpu-check.ts) compares against.
    const { start_epoch_ms: from, end_epoch_ms: to } = out.telemetry.window;
    expect(to - from).toBeCloseTo(out.stats.measured_wall_ms, 0);
    expect(Math.abs(from - Date.now())).toBeLessThan(120_000);

    const text = await dyno({}, ...BENCH);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').filter((l) => l.includes('gpu source:'))).toEqual(["  gpu source: NVML, read in this process; energy from NVML's hardware energy counter"]);
  });

  it('exits with its own code when an NVML call hangs for good, the reason kept in the run', async () => {
    // Every device call sleeps for good 300 ms after the first reading: the reader thread is stuck
    // inside the library, where terminate() cannot reach it. A target the run must fail makes the
    // exit code 3, so the test also sees that the code survives the exit past the stuck thread.
    const r = await dyno({ DYNO_FAKE_NVML_HANG_AFTER_MS: '300', DYNO_FAKE_NVML_HANG_MS: '-1' }, ...BENCH, '--json', '--target', 'p50<=0.001ms');
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout);
    expect(out.run.status).toBe('completed');
    expect(out.telemetry.gpu.reason).toBe('NVML did not answer within 2.0 s (driver hung?): GPU telemetry stopped; CPU telemetry continues.');
    expect(out.telemetry.cpu.avgUtil_pct).toBeGreaterThan(0);
  });
});

/**
 * The NVML source through koffi against a stand-in libnvidia-ml.so.1 built from C during the
 * test (tests/fixtures/nvml), replaying the real H100 capture, and its failure modes: init
 * failure, version mismatch, a GPU lost mid-run, a hung call, no energy counter, counter wrap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { openNvml, type NvmlLibrary } from '../../src/main/telemetry/nvml-library';
import { NvmlSource } from '../../src/main/telemetry/nvml-source';
import { gpuFigures } from '../../src/main/telemetry/gpu-figures';
import { windowJ } from '../../src/main/telemetry/energy';
import { fakeNvmlBuilder, fakeNvmlUnavailable, withFakeNvmlEnv } from '../helpers/fake-nvml';

let lib: ReturnType<typeof fakeNvmlBuilder>;
beforeAll(() => {
  if (!fakeNvmlUnavailable) lib = fakeNvmlBuilder();
});
afterAll(() => lib?.cleanup());

const root = resolve('.');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function open(env: Record<string, string> = {}): Promise<NvmlLibrary> {
  const r = await withFakeNvmlEnv(env, () => openNvml(lib.fresh()));
  if (!('nvml' in r)) throw new Error(r.reason);
  return r.nvml;
}

async function sample(env: Record<string, string>, ms: number, intervalMs = 20, callTimeoutMs?: number): Promise<NvmlSource> {
  const nvml = await open(env);
  const source = new NvmlSource(nvml, { intervalMs, gpus: [], root, ...(callTimeoutMs ? { callTimeoutMs } : {}) });
  source.start();
  await source.ready();
  await sleep(ms);
  await source.drain();
  source.stop();
  return source;
}

describe.skipIf(fakeNvmlUnavailable !== undefined)(`NVML through koffi${fakeNvmlUnavailable ? ` (skipped: ${fakeNvmlUnavailable})` : ''}`, () => {
  it('reads every field the stream gave, plus PCIe, instant/average power and the energy counter', async () => {
    const source = await sample({ DYNO_FAKE_NVML_PERIOD_MS: '100' }, 700);
    expect(source.failure).toBeUndefined();
    expect(source.readings.length).toBeGreaterThanOrEqual(15);
    const r = source.readings;
    expect(new Set(r.map((x) => x.powerW))).toEqual(new Set([69.85, 631.95]));
    expect(new Set(r.map((x) => x.powerInstantW))).toEqual(new Set([69.62, 625.68]));
    expect(new Set(r.map((x) => x.tempC))).toEqual(new Set([41, 59]));
    expect(r[0]).toMatchObject({ index: 0, name: 'NVIDIA H100 80GB HBM3', memTotalMiB: 81559, powerLimitW: 700, pstate: 'P0', memClockMHz: 2619 });
    expect(new Set(r.map((x) => x.throttleReasons))).toEqual(new Set([0, 1]));
    // PCIe is read twice a second, off the main thread: each reading carries the latest pair.
    expect(r.some((x) => x.pcieTxKBps !== null)).toBe(true);
    expect(r.every((x) => x.pcieTxKBps === null || [1200, 52000].includes(x.pcieTxKBps!))).toBe(true);
    // The counter, relative to the first reading, only grows; between two readings it advanced by
    // at least idle and at most load power over the time between them.
    const first = r[0]!;
    const last = r[r.length - 1]!;
    expect(first.energyMj).toBe(0);
    const seconds = (last.tMs - first.tMs) / 1000;
    const joules = last.energyMj! / 1000;
    expect(joules).toBeGreaterThan(69.85 * seconds * 0.95);
    expect(joules).toBeLessThan(631.95 * seconds * 1.05);
    expect(source.latest()).toHaveLength(1);
  });

  it('charges energy from the counter, close to the integral of the sampled power', async () => {
    const source = await sample({ DYNO_FAKE_NVML_PERIOD_MS: '200' }, 1200);
    const rs = source.readings;
    const from = rs[2]!.tMs;
    const to = rs[rs.length - 3]!.tMs;
    const { perGpu } = gpuFigures(rs, from, to);
    const g = perGpu[0]!;
    expect(g.energyMethod).toBe('counter');
    const trapezoid = windowJ(rs.map((x) => ({ tMs: x.tMs, watts: x.powerW! })), from, to);
    expect(Math.abs(g.energyJ! - trapezoid) / g.energyJ!).toBeLessThan(0.12);
    expect(g.avgPowerW!).toBeLessThanOrEqual(g.peakPowerW!);
  });

  it('follows the 64-bit counter across its wrap', async () => {
    // 3 J below 2^64 mJ: at 69.85 W idle the counter wraps within ~45 ms.
    const source = await sample({ DYNO_FAKE_NVML_ENERGY_BASE_MJ: (2n ** 64n - 3000n).toString(), DYNO_FAKE_NVML_PERIOD_MS: '10000' }, 300);
    const mj = source.readings.map((r) => r.energyMj!);
    expect(mj.every((v, i) => i === 0 || v > mj[i - 1]!)).toBe(true);
    const seconds = (source.readings.at(-1)!.tMs - source.readings[0]!.tMs) / 1000;
    expect(mj.at(-1)! / 1000 / seconds).toBeCloseTo(69.85, 0);
  });

  it('falls back to the integral of sampled power where the counter is unsupported', async () => {
    const source = await sample({ DYNO_FAKE_NVML_NO_ENERGY: '1' }, 400);
    expect(source.readings.every((r) => r.energyMj === null)).toBe(true);
    const rs = source.readings;
    const g = gpuFigures(rs, rs[1]!.tMs, rs.at(-2)!.tMs).perGpu[0]!;
    expect(g.energyMethod).toBe('power-integral');
    expect(g.energyNote).toMatch(/no energy counter readings.*sampled power integrated instead/);
    expect(g.energyJ!).toBeGreaterThan(0);
  });

  it('says why when NVML fails to initialise, or the driver and library disagree', async () => {
    const notLoaded = await withFakeNvmlEnv({ DYNO_FAKE_NVML_INIT: 'driver-not-loaded' }, () => openNvml(lib.fresh()));
    expect(notLoaded).toEqual({ reason: 'nvmlInit failed with NVML_ERROR_DRIVER_NOT_LOADED (Driver Not Loaded): no NVIDIA kernel driver is loaded' });
    const mismatch = await withFakeNvmlEnv({ DYNO_FAKE_NVML_INIT: 'version-mismatch' }, () => openNvml(lib.fresh()));
    expect('reason' in mismatch && mismatch.reason).toMatch(/NVML_ERROR_LIB_RM_VERSION_MISMATCH.*different versions/);
    const missing = await openNvml('/nonexistent/libnvidia-ml.so.1');
    expect('reason' in missing && missing.reason).toMatch(/^NVML library \/nonexistent\/libnvidia-ml\.so\.1 could not be loaded/);
  });

  it('stops with the reason when the GPU is lost mid-run, keeping the readings so far', async () => {
    const source = await sample({ DYNO_FAKE_NVML_LOST_AFTER_MS: '200' }, 500);
    expect(source.failure).toMatch(/NVML_ERROR_GPU_IS_LOST.*CPU telemetry continues/);
    expect(source.readings.length).toBeGreaterThanOrEqual(4);
    expect(source.readings.at(-1)!.tMs).toBeLessThan(source.readings[0]!.tMs + 300);
  });

  it('a hung call trips the watchdog while the host stays responsive', async () => {
    let beats = 0;
    const heart = setInterval(() => beats++, 20);
    const source = await sample({ DYNO_FAKE_NVML_HANG_AFTER_MS: '150', DYNO_FAKE_NVML_HANG_MS: '1500' }, 800, 20, 300);
    clearInterval(heart);
    expect(source.failure).toMatch(/NVML did not answer within 0\.3 s \(driver hung\?\)/);
    expect(beats).toBeGreaterThan(25); // the event loop kept running through the hang
    expect(source.readings.length).toBeGreaterThan(2);
    await sleep(1000); // let the stand-in's sleeping call return before the library is dropped
  });

  it('lists the other processes on the GPU, and the worker by its pid', async () => {
    const nvml = await open({ DYNO_FAKE_NVML_OTHER_PID: String(process.pid) });
    const source = new NvmlSource(nvml, { intervalMs: 50, gpus: [], root });
    source.start();
    const snap = await source.processes(999_999_999);
    source.stop();
    expect(snap.workerMemoryMiB).toBeNull();
    expect(snap.others).toContainEqual({ gpu: 0, pid: process.pid, name: expect.any(String), usedMemoryMiB: 512 });
  });
});

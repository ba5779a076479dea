import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findOnPath, probeGpus } from '../../../src/main/telemetry/gpu-presence';
import { readProcStats } from '../../../src/main/telemetry/proc-stats';
import { tempHome } from '../../helpers/temp-home';

let t: ReturnType<typeof tempHome> | undefined;
afterEach(() => t?.cleanup());

/** A stand-in `nvidia-smi` on a private PATH: a shell script that behaves as told. */
function fakeNvidiaSmi(body: string): string {
  t = tempHome('dyno-fake-smi-');
  const file = join(t.home, 'nvidia-smi');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return t.home;
}

describe.runIf(process.platform !== 'win32')('NVIDIA presence', () => {
  it('reports no GPU, with the reason, when nvidia-smi is not on PATH', async () => {
    // PATH is an empty folder of our own, so this holds on a machine with a real nvidia-smi too.
    t = tempHome('dyno-empty-path-');
    expect(findOnPath('nvidia-smi', t.home)).toBeUndefined();
    const r = await probeGpus(t.home);
    expect(r).toEqual({ available: false, reason: 'nvidia-smi not found on PATH (no NVIDIA driver): GPU telemetry is off; CPU telemetry continues.', gpus: [] });
  });
  it('reads names and driver of every GPU, and N/A as unknown', async () => {
    const dir = fakeNvidiaSmi(`printf 'Tesla P100-PCIE-12GB, 375.66\\nNVIDIA A10, [N/A]\\n'`);
    expect(findOnPath('nvidia-smi', dir)).toBe(join(dir, 'nvidia-smi'));
    expect(await probeGpus(dir)).toEqual({
      available: true,
      smi: join(dir, 'nvidia-smi'),
      gpus: [
        { name: 'Tesla P100-PCIE-12GB', driver: '375.66' },
        { name: 'NVIDIA A10', driver: null },
      ],
    });
  });
  it('turns a failing nvidia-smi into a reason', async () => {
    const dir = fakeNvidiaSmi(`echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver." >&2; exit 9`);
    const r = await probeGpus(dir);
    expect(r.available).toBe(false);
    expect(r.reason).toMatch(/^nvidia-smi failed: /);
  });
  it('kills a hung nvidia-smi after the timeout and says so', async () => {
    const dir = fakeNvidiaSmi('sleep 30');
    const started = Date.now();
    const r = await probeGpus(dir);
    expect(r.reason).toMatch(/did not answer within 5 s and was stopped/);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 15_000);
});

describe.runIf(process.platform === 'linux')("a process's own footprint from /proc", () => {
  it('reads this process: resident memory and CPU time agree with Node', () => {
    const s = readProcStats(process.pid)!;
    const rss = process.memoryUsage().rss;
    expect(s.rssBytes).toBeGreaterThan(rss * 0.5);
    expect(s.rssBytes).toBeLessThan(rss * 2);
    const cpu = process.cpuUsage();
    expect(s.cpuSeconds).toBeGreaterThan(0);
    expect(Math.abs(s.cpuSeconds - (cpu.user + cpu.system) / 1e6)).toBeLessThan(0.5);
  });
  it('is undefined for a process that does not exist', () => {
    expect(readProcStats(2 ** 22 + 7)).toBeUndefined();
  });
});

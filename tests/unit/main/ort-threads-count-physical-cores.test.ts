import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intraOpThreadsUsed, physicalCoresFromSysfs } from '../../../src/main/engine/ort-threads';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

/** A sysfs cpu folder: one entry per logical CPU as [package, core], or null for an offline CPU. */
function sysfs(cpus: ([number, number] | null)[]): string {
  dir = mkdtempSync(join(tmpdir(), 'dyno-sysfs-'));
  mkdirSync(join(dir, 'cpufreq'));
  cpus.forEach((cpu, k) => {
    const topology = join(dir!, `cpu${k}`, 'topology');
    mkdirSync(join(dir!, `cpu${k}`));
    if (!cpu) return;
    mkdirSync(topology);
    writeFileSync(join(topology, 'physical_package_id'), `${cpu[0]}\n`);
    writeFileSync(join(topology, 'core_id'), `${cpu[1]}\n`);
  });
  return dir;
}

describe("ONNX Runtime's default intra-op thread count", () => {
  it('is one per physical core: hyper-threads of a core count once, across packages', () => {
    // Two packages of two cores, two hyper-threads each: 8 logical CPUs, 4 cores.
    const cpus: [number, number][] = [[0, 0], [0, 1], [1, 0], [1, 1], [0, 0], [0, 1], [1, 0], [1, 1]];
    expect(physicalCoresFromSysfs(sysfs(cpus))).toBe(4);
  });

  it('skips CPUs without a topology (offline)', () => {
    expect(physicalCoresFromSysfs(sysfs([[0, 0], null, [0, 2]]))).toBe(2);
  });

  it('is unknown without a sysfs cpu folder', () => {
    expect(physicalCoresFromSysfs(join(tmpdir(), 'dyno-no-such-sysfs'))).toBeUndefined();
  });

  it('is the configured count whenever one is set', () => {
    expect(intraOpThreadsUsed(3, sysfs([[0, 0], [0, 1]]))).toBe(3);
  });

  it.runIf(process.platform === 'linux')('resolves 0 to the physical cores on Linux', () => {
    expect(intraOpThreadsUsed(0, sysfs([[0, 0], [0, 0], [0, 1], [0, 1], [0, 2], [0, 2]]))).toBe(3);
  });
});

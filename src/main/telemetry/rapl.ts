/**
 * Linux RAPL energy counters (/sys/class/powercap/intel-rapl:*): package and DRAM energy in
 * microjoules. Counters wrap at max_energy_range_uj; a delta across a wrap adds the range.
 * Unreadable counters (non-root on recent kernels, AMD without the driver, VMs) are reported as
 * absent with the reason, never as zero.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RaplDomain {
  /** e.g. "package-0", "dram" */
  name: string;
  path: string;
  maxRangeUj: number;
}

export const POWERCAP_ROOT = '/sys/class/powercap';

export function findRaplDomains(root = POWERCAP_ROOT): { domains: RaplDomain[]; reason?: string } {
  if (!existsSync(root)) return { domains: [], reason: 'no RAPL interface (/sys/class/powercap is absent: not Linux on Intel/AMD, or a VM)' };
  const domains: RaplDomain[] = [];
  let unreadable = 0;
  for (const entry of readdirSync(root).filter((e) => /^intel-rapl:\d+(:\d+)?$/.test(e)).sort()) {
    const dir = join(root, entry);
    try {
      const name = readFileSync(join(dir, 'name'), 'utf8').trim();
      readFileSync(join(dir, 'energy_uj'), 'utf8');
      const maxRangeUj = Number(readFileSync(join(dir, 'max_energy_range_uj'), 'utf8').trim());
      if (name.startsWith('package') || name === 'dram') domains.push({ name, path: join(dir, 'energy_uj'), maxRangeUj });
    } catch {
      unreadable++;
    }
  }
  if (domains.length === 0) {
    return { domains, reason: unreadable > 0 ? 'RAPL counters are not readable (they need root on Linux 5.10+)' : 'no RAPL package or DRAM domains found' };
  }
  return { domains };
}

export function readCounterUj(domain: RaplDomain): number {
  return Number(readFileSync(domain.path, 'utf8').trim());
}

/** Energy between two readings of one counter, in joules, across at most one wraparound. */
export function counterDeltaJ(beforeUj: number, afterUj: number, maxRangeUj: number): number {
  const delta = afterUj >= beforeUj ? afterUj - beforeUj : afterUj + maxRangeUj - beforeUj;
  return delta / 1e6;
}

import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { counterDeltaJ, findRaplDomains, readCounterUj } from '../../../src/main/telemetry/rapl';
import { tempHome } from '../../helpers/temp-home';

let t: ReturnType<typeof tempHome> | undefined;
afterEach(() => t?.cleanup());

/** A powercap tree laid out as the kernel does (intel-rapl:N with name, energy_uj, max_energy_range_uj). */
function powercap(domains: Record<string, { name: string; energyUj: number; maxUj: number }>): string {
  t = tempHome('dyno-rapl-');
  for (const [dir, d] of Object.entries(domains)) {
    mkdirSync(join(t.home, dir));
    writeFileSync(join(t.home, dir, 'name'), `${d.name}\n`);
    writeFileSync(join(t.home, dir, 'energy_uj'), `${d.energyUj}\n`);
    writeFileSync(join(t.home, dir, 'max_energy_range_uj'), `${d.maxUj}\n`);
  }
  return t.home;
}

describe('RAPL counters', () => {
  it('finds package and DRAM domains and reads their counters', () => {
    const root = powercap({
      'intel-rapl:0': { name: 'package-0', energyUj: 123456, maxUj: 262143328850 },
      'intel-rapl:0:0': { name: 'core', energyUj: 1, maxUj: 262143328850 },
      'intel-rapl:0:1': { name: 'dram', energyUj: 777, maxUj: 65712999613 },
    });
    const { domains, reason } = findRaplDomains(root);
    expect(reason).toBeUndefined();
    expect(domains.map((d) => d.name)).toEqual(['package-0', 'dram']);
    expect(domains.map(readCounterUj)).toEqual([123456, 777]);
  });
  it('handles a counter that wrapped between two readings', () => {
    expect(counterDeltaJ(262_143_000_000, 328_850, 262_143_328_850)).toBeCloseTo(0.65770, 5);
    expect(counterDeltaJ(1_000_000, 3_500_000, 262_143_328_850)).toBe(2.5);
  });
  it('says why when there is no interface, or the counters are not readable', () => {
    expect(findRaplDomains('/nonexistent/powercap').reason).toMatch(/no RAPL interface/);
    const root = powercap({ 'intel-rapl:0': { name: 'package-0', energyUj: 1, maxUj: 2 } });
    chmodSync(join(root, 'intel-rapl:0', 'energy_uj'), 0o000);
    const r = findRaplDomains(root);
    if (process.getuid?.() !== 0) expect(r.reason).toMatch(/not readable/);
    else expect(r.domains).toHaveLength(1); // root reads anything
  });
});

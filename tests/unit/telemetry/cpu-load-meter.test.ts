import { describe, expect, it } from 'vitest';
import { CpuLoadMeter } from '../../../src/main/telemetry/cpu-load';

describe('CPU load from kernel counters', () => {
  it('sees this process keep a core busy', async () => {
    const meter = new CpuLoadMeter();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const until = Date.now() + 500;
    while (Date.now() < until) {
      /* spin one core */
    }
    const load = meter.read();
    const cpu = process.cpuUsage(cpu0);
    const wallMs = performance.now() - t0;
    expect(load.perCorePct.length).toBeGreaterThan(0);
    expect(load.perCorePct.every((p) => p >= 0 && p <= 100)).toBe(true);
    // The machine was at least as busy as this process alone: the CPU time the spin actually got
    // (on a loaded machine, less than a whole core: other test files share it), as a share of all
    // cores, less the counters' 10 ms tick granularity.
    const ownPct = ((cpu.user + cpu.system) / 1000 / wallMs) * (100 / load.perCorePct.length);
    expect(ownPct).toBeGreaterThan(5);
    expect(load.totalPct).toBeGreaterThan(ownPct * 0.8);
  });
});

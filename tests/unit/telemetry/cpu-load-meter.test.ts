import { describe, expect, it } from 'vitest';
import { CpuLoadMeter } from '../../../src/main/telemetry/cpu-load';

describe('CPU load from kernel counters', () => {
  it('sees this process keep a core busy', async () => {
    const meter = new CpuLoadMeter();
    const until = Date.now() + 300;
    while (Date.now() < until) {
      /* spin one core */
    }
    const load = meter.read();
    expect(load.perCorePct.length).toBeGreaterThan(0);
    expect(load.perCorePct.every((p) => p >= 0 && p <= 100)).toBe(true);
    // One of n cores spun flat out: at least ~1/n of the machine, minus scheduler slack.
    expect(load.totalPct).toBeGreaterThan(80 / load.perCorePct.length);
  });
});

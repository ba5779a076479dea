import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BusyProcessWatch } from '../../../src/main/telemetry/busy-processes';
import { allowedCpus, countCpuList } from '../../../src/main/telemetry/cpu-affinity';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A /proc-shaped folder: one stat line per pid with utime and stime in clock ticks. */
function fakeProc(procs: Record<number, { name: string; ticks: number }>, root?: string): string {
  const dir = root ?? mkdtempSync(join(tmpdir(), 'dyno-proc-'));
  if (!root) dirs.push(dir);
  for (const [pid, { name, ticks }] of Object.entries(procs)) {
    mkdirSync(join(dir, pid), { recursive: true });
    // pid (comm) state ppid … utime (14th field) stime (15th).
    writeFileSync(join(dir, pid, 'stat'), `${pid} (${name}) R 1 1 1 0 -1 4194560 100 0 0 0 ${ticks} 0 0 0 20 0 1 0 100 1000 100\n`);
  }
  return dir;
}

describe('busy processes over a run', () => {
  it('are the CPU time each used between two snapshots, busiest first, leaving out the worker', () => {
    let now = 0;
    const root = fakeProc({ 100: { name: 'worker', ticks: 0 }, 200: { name: 'tsc', ticks: 50 }, 300: { name: 'idle thing', ticks: 7 }, 400: { name: 'node', ticks: 0 } });
    const watch = new BusyProcessWatch(root, () => now);
    watch.begin();
    // Two seconds later: tsc used 1.5 s (75 % of a core), the idle one 0.02 s (1 %), the host 0.1 s (5 %).
    fakeProc({ 100: { name: 'worker', ticks: 400 }, 200: { name: 'tsc', ticks: 200 }, 300: { name: 'idle thing', ticks: 9 }, 400: { name: 'node', ticks: 10 } }, root);
    now = 2000;
    expect(watch.end(new Set([100]), 400)).toEqual([
      { pid: 200, name: 'tsc', cpuPct: 75 },
      { pid: 400, name: 'node', cpuPct: 5, dynoHost: true },
    ]);
  });

  it('names a real busy process from the real /proc', async () => {
    const watch = new BusyProcessWatch();
    const busy = spawn(process.execPath, ['-e', 'const end = Date.now() + 4000; while (Date.now() < end);'], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 200));
    watch.begin();
    await new Promise((r) => setTimeout(r, 1500));
    const seen = watch.end(new Set(), process.pid, Number.POSITIVE_INFINITY);
    busy.kill();
    // A spinning process gets a share of a core that depends on the machine's load: it is named,
    // with a plausible share (never more than the machine's cores).
    const found = seen?.find((p) => p.pid === busy.pid);
    expect(found?.name).toBe('node');
    expect(found?.cpuPct ?? 0).toBeGreaterThan(2);
    expect(found?.cpuPct ?? 0).toBeLessThanOrEqual(100 * availableParallelism() + 5);
  });

  it('is nothing to report where /proc cannot be read', () => {
    const watch = new BusyProcessWatch('/no/such/proc');
    watch.begin();
    expect(watch.end(new Set())).toBeUndefined();
  });
});

describe('the cores a process may use', () => {
  it('count the kernel’s CPU lists', () => {
    expect(countCpuList('0-3')).toBe(4);
    expect(countCpuList('0-3,6,8-9')).toBe(7);
    expect(countCpuList('5')).toBe(1);
  });

  it('are read for this process from the real /proc', () => {
    const mine = allowedCpus(process.pid);
    expect(mine?.count).toBeGreaterThanOrEqual(1);
    expect(mine?.count).toBeLessThanOrEqual(countCpuList(mine?.list ?? ''));
  });
});

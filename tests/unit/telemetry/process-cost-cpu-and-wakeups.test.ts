import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProcessCostWatch } from '../../../src/main/telemetry/process-cost';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A /proc-shaped folder for one pid: its stat (utime in clock ticks) and each thread's voluntary switches. */
function fakeProc(pid: number, ticks: number, switchesByTid: Record<number, number>, root?: string): string {
  const dir = root ?? mkdtempSync(join(tmpdir(), 'dyno-proc-'));
  if (!root) dirs.push(dir);
  rmSync(join(dir, String(pid), 'task'), { recursive: true, force: true });
  mkdirSync(join(dir, String(pid), 'task'), { recursive: true });
  writeFileSync(join(dir, String(pid), 'stat'), `${pid} (node) S 1 1 1 0 -1 4194560 100 0 0 0 ${ticks} 0 0 0 20 0 1 0 100 1000 100\n`);
  for (const [tid, n] of Object.entries(switchesByTid)) {
    mkdirSync(join(dir, String(pid), 'task', tid));
    writeFileSync(join(dir, String(pid), 'task', tid, 'status'), `Name:\tnode\nvoluntary_ctxt_switches:\t${n}\nnonvoluntary_ctxt_switches:\t3\n`);
  }
  return dir;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe("the cost of one of Dyno's processes over a window", () => {
  it('is its CPU time and its threads’ voluntary switches between two snapshots, a thread born in the window counting from zero', () => {
    let now = 0;
    const root = fakeProc(7, 100, { 7: 40, 8: 10, 9: 5 });
    const watch = new ProcessCostWatch(7, root, () => now);
    watch.begin();
    // Four seconds later: 0.2 s of CPU (5 % of a core); thread 9 ended, thread 10 was born.
    fakeProc(7, 120, { 7: 60, 8: 14, 10: 6 }, root);
    now = 4000;
    expect(watch.end()).toEqual({ pid: 7, cpuPct: 5, wakeupsPerS: 7.5, threads: 3 });
  });

  it('is undefined for a process that is gone, or an empty window', () => {
    const watch = new ProcessCostWatch(123456789);
    watch.begin();
    expect(watch.end()).toBeUndefined();
    const still = new ProcessCostWatch(process.pid, '/proc', () => 5);
    still.begin();
    expect(still.end()).toBeUndefined();
  });

  it('tells a real process that wakes 100 times a second from one that sleeps', async () => {
    const ticking = spawn(process.execPath, ['-e', 'setInterval(() => {}, 10); setTimeout(() => process.exit(0), 5000);'], { stdio: 'ignore' });
    const sleeping = spawn(process.execPath, ['-e', 'setTimeout(() => process.exit(0), 5000);'], { stdio: 'ignore' });
    try {
      await sleep(700); // past Node's start-up
      const watches = [new ProcessCostWatch(ticking.pid!), new ProcessCostWatch(sleeping.pid!)];
      for (const w of watches) w.begin();
      await sleep(1500);
      const [tick, idle] = watches.map((w) => w.end());
      console.log(`ticking: ${JSON.stringify(tick)}; sleeping: ${JSON.stringify(idle)}`);
      // A 10 ms timer sleeps and wakes about 100 times a second; a busy machine can only delay
      // the wakes, and coalescing cannot bring them near the sleeper's handful.
      expect(tick?.wakeupsPerS).toBeGreaterThan(30);
      expect(idle?.wakeupsPerS).toBeLessThan(10);
      expect(tick?.threads).toBeGreaterThan(1);
    } finally {
      ticking.kill();
      sleeping.kill();
      await Promise.all([once(ticking, 'exit'), once(sleeping, 'exit')]);
    }
  });
});

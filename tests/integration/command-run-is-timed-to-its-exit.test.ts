/**
 * One command run (run-once.ts) on real processes: its wall time stops when Dyno first knows
 * the program exited — at its pipes' end-of-file when it is gone by then, a loop turn before
 * Node's 'exit' — but never before it exits (a program that closes its output early is still
 * timed to its end), what it leaves behind is killed, and its exit code and CPU time stay right.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { CommandWorkloadSchema, type CommandWorkloadInput } from '../../src/shared/command/workload';
import { metricLineReader } from '../../src/shared/command/metric-lines';
import { runEnv, runOnce, type OnceResult } from '../../src/main/executor/command/run-once';
import { childHasExited } from '../../src/main/executor/command/child-exited';
import { killGroup } from '../../src/main/executor/command/group-kill';
import { isAlive } from '../helpers/process-alive';

async function once(input: CommandWorkloadInput): Promise<{ r: OnceResult; elapsedMs: number }> {
  const w = CommandWorkloadSchema.parse(input);
  const t = performance.now();
  const r = await runOnce({ workload: w, readLine: metricLineReader(w.metrics), onOutput: () => undefined, onMetric: () => undefined, sampleIntervalMs: 20, env: runEnv(w) }).result;
  return { r, elapsedMs: performance.now() - t };
}

async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 40 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !isAlive(pid);
}

describe('a command run is timed from spawn to its exit', () => {
  it('covers the whole life of the program and no more than Dyno waited', async () => {
    const { r, elapsedMs } = await once({ argv: ['sleep', '0.2'] });
    expect(r.end).toBe('exited');
    expect(r.exitCode).toBe(0);
    expect(r.wallMs).toBeGreaterThanOrEqual(200);
    expect(r.wallMs).toBeLessThanOrEqual(elapsedMs);
  });

  it('times a program that closes its output early to its exit, not to the end of its output', async () => {
    // The pipes reach end-of-file at the redirect, 300 ms before the program ends.
    const { r } = await once({ argv: ['exec >/dev/null 2>&1; sleep 0.3; exit 4'], shell: true });
    expect(r.wallMs).toBeGreaterThanOrEqual(300);
    expect(r.exitCode).toBe(4);
  });

  it('times a program to its own exit when a child it left holds its pipes, and kills that child', async () => {
    const { r } = await once({ argv: ['sleep 30 & echo $!'], shell: true });
    const stray = Number(r.stdout.text.trim());
    expect(stray).toBeGreaterThan(0);
    expect(r.wallMs).toBeLessThan(10_000);
    expect(await gone(stray)).toBe(true);
  });

  it('still reads the output to its last line, the exit code and the CPU time of a short run', async () => {
    const busy = 'const t = Date.now(); while (Date.now() - t < 150); console.log(JSON.stringify({ dyno: { loss: 0.25 } })); process.stdout.write("last line without newline"); process.exitCode = 2';
    const { r } = await once({ argv: [process.execPath, '-e', busy] });
    expect(r.exitCode).toBe(2);
    expect(r.metrics).toEqual({ loss: 0.25 });
    expect(r.stdout.text.endsWith('last line without newline')).toBe(true);
    expect(r.userMs).not.toBeNull();
    expect((r.userMs ?? 0) + (r.sysMs ?? 0)).toBeGreaterThanOrEqual(100);
    expect(r.wallMs).toBeGreaterThanOrEqual(150);
  });
});

describe('the kernel calls behind it', () => {
  it.runIf(process.platform === 'linux')('childHasExited sees an exited child before Node reaps it, and leaves it for Node to reap', async () => {
    const child = spawn('sh', ['-c', 'exit 3'], { stdio: 'ignore' });
    const pid = child.pid as number;
    const exitCode = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // The loop is held here, so Node cannot reap the child while it is asked.
    let seen = false;
    const t = performance.now();
    while (!seen && performance.now() - t < 5000) seen = childHasExited(pid);
    expect(seen).toBe(true);
    expect(await exitCode).toBe(3);
    expect(childHasExited(pid)).toBe(false); // reaped now
  });

  it('childHasExited is false while the child runs', async () => {
    const child = spawn('sleep', ['5'], { stdio: 'ignore' });
    expect(childHasExited(child.pid as number)).toBe(false);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  });

  it('killGroup stops every process of a group, and is quiet about a group that is gone', async () => {
    const leader = spawn('sh', ['-c', 'sleep 30 & echo $!; wait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
    const stray = Number(await new Promise<string>((resolve) => leader.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()))));
    const exited = new Promise((r) => leader.once('exit', r));
    killGroup(leader.pid);
    await exited;
    expect(await gone(stray)).toBe(true);
    expect(() => killGroup(leader.pid)).not.toThrow();
  });
});

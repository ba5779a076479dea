/**
 * `dyno bench --json` says what Dyno's own processes cost while the run measured (from /proc,
 * Linux): the CLI itself, which hosts the run, and the worker. A real run of the built command.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQUEEZENET, tempHome } from '../helpers/temp-home';

const exec = promisify(execFile);
let t: ReturnType<typeof tempHome>;
beforeAll(() => (t = tempHome()));
afterAll(() => t.cleanup());

describe.runIf(process.platform === 'linux')("dyno bench --json: Dyno's own processes", () => {
  it('are the CLI host and the worker, with their CPU and wake-ups over the measured window', async () => {
    const { stdout } = await exec(process.execPath, [resolve('bin/dyno.js'), 'bench', SQUEEZENET, '--threads', '1', '--min-duration', '2', '--json'], {
      env: { ...process.env, DYNO_HOME: t.home },
    });
    const out = JSON.parse(stdout);
    const { host, worker } = out.conditions.dynoProcesses;
    console.log(`CLI host ${JSON.stringify(host)}; worker ${JSON.stringify(worker)}`);
    expect(host.pid).not.toBe(worker.pid);
    expect(host.pid).not.toBe(process.pid);
    for (const p of [host, worker]) {
      expect(p.cpu_pct).toBeGreaterThanOrEqual(0);
      expect(p.threads).toBeGreaterThanOrEqual(1);
    }
    expect(host.event_loop_pct).toBeGreaterThanOrEqual(0);
    // The host wakes for the telemetry tick (10 a second) and the worker's sample batches (4 a
    // second), nothing more: a host that polled, or handled every sample, would wake hundreds of times.
    expect(host.wakeups_per_s).toBeLessThan(60);
    // The worker is the one doing the work: one intra-op thread timing inferences back to back.
    expect(worker.cpu_pct).toBeGreaterThan(host.cpu_pct);
  });
});

/**
 * `dyno bench --target`, through the built CLI on a real run: each target is judged from the
 * figure's interval and printed, a fail exits 3, not enough samples says so without failing,
 * the JSON carries the judgements, and a malformed target is refused before measuring.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { CONV2D, tempHome } from '../helpers/temp-home';

const exec = promisify(execFile);
let t: ReturnType<typeof tempHome>;
beforeAll(() => (t = tempHome()));
afterAll(() => t.cleanup());

async function dyno(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [resolve('bin/dyno.js'), ...args], { env: { ...process.env, DYNO_HOME: t.home } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const RUN = ['bench', CONV2D, '--iterations', '40', '--warmup', '2', '--no-telemetry'];

describe('dyno bench --target', () => {
  it('passes, fails (exit 3) and lacks samples, each from the interval', async () => {
    const r = await dyno(...RUN, '--target', 'p50<=10s', '--target', 'p99<=1s', '--target', 'memory<=64GiB', '--json');
    expect(r.code, r.stderr).toBe(0);
    const targets = (JSON.parse(r.stdout) as { targets: { text: string; outcome: string }[] }).targets;
    expect(targets.map((x) => [x.text, x.outcome])).toEqual([
      ['p50 ≤ 10 s', 'pass'],
      ['p99 ≤ 1 s', 'not enough samples'],
      ['memory ≤ 64 GiB', 'pass'],
    ]);
    expect(r.stderr).toMatch(/dyno: target p99 ≤ 1 s: not enough samples \(p99 needs more iterations than 40 \(LoadGen: 662\)\)/);

    const fail = await dyno(...RUN, '--target', 'p50<=1ns');
    expect(fail.code).toBe(3);
    expect(fail.stderr).toMatch(/dyno: target p50 ≤ 1 ns: fail \(.+ 95 % CI .+\)/);
  });

  it('refuses a malformed target before measuring, as commander refuses any bad option', async () => {
    const r = await dyno(...RUN, '--target', 'p99 15ms');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(
      "error: option '--target <spec>' argument 'p99 15ms' is invalid. --target 'p99 15ms' is not a target: give a metric, <= or >=, and a value with its unit (e.g. 'p99<=15ms', 'throughput>=500/s', 'energy<=2J', 'memory<=512MiB').",
    );
  });
});

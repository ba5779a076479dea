/**
 * `dyno bench --target`, through the built CLI on a real run: each target is judged from the
 * figure's interval and printed, a fail exits 3, not enough samples says so without failing,
 * the JSON carries the judgements, and a malformed target is refused before measuring.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
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

  it('stores the targets and verdicts with the run: reports show them, and report --target adds its own', async () => {
    const r = await dyno(...RUN, '--target', 'p50<=10s', '--json');
    const id = (JSON.parse(r.stdout) as { run: { id: string } }).run.id;
    const stored = JSON.parse((await dyno('report', id, '--format', 'json')).stdout) as { config: { targets: { text: string }[] }; targets: { text: string; outcome: string }[] };
    expect(stored.config.targets.map((x) => x.text)).toEqual(['p50 ≤ 10 s']);
    expect(stored.targets.map((x) => [x.text, x.outcome])).toEqual([['p50 ≤ 10 s', 'pass']]);

    const md = await dyno('report', id, '--format', 'markdown', '--target', 'p50<=1ns');
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/> ✓ target p50 ≤ 10 s: pass/);
    expect(md.stdout).toMatch(/> ✗ target p50 ≤ 1 ns: fail/);
    const csv = (await dyno('report', id, '--format', 'csv')).stdout.split('\n');
    expect(csv[0]).toMatch(/,targets$/);
    expect(csv[1]).toMatch(/,p50 ≤ 10 s: pass$/);
  });

  it('dyno compare --target judges every side, in every format, and exits 3 when one fails', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) ids.push((JSON.parse((await dyno(...RUN, '--json')).stdout) as { run: { id: string } }).run.id);
    const [a = '', b = ''] = ids;
    const ok = await dyno('compare', a, b, '--target', 'p50<=10s', '--target', 'p99<=1s', '--format', 'json');
    expect(ok.code, ok.stderr).toBe(0);
    const sides = (JSON.parse(ok.stdout) as { targets: { baseline: boolean; outcome: string; runs: { runId: string; targets: { outcome: string }[] }[] }[] }).targets;
    expect(sides.map((s) => [s.baseline, s.outcome, s.runs.map((x) => x.runId)])).toEqual([
      [true, 'not enough samples', [a]],
      [false, 'not enough samples', [b]],
    ]);
    expect(sides[0]?.runs[0]?.targets.map((x) => x.outcome)).toEqual(['pass', 'not enough samples']);

    const text = await dyno('compare', a, b, '--target', 'p50<=1ns');
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/targets:\n {2}run .+ \(baseline\): fail\n {4}p50 ≤ 1 ns: fail/);
    expect(text.stderr).toMatch(/dyno: target failed: /);
    const md = await dyno('compare', a, b, '--target', 'p50<=10s', '--format', 'markdown');
    expect(md.stdout).toMatch(/\| side \| run \| target \| outcome \| judged from \|/);
    expect(md.stdout).toContain(`| ${b} | p50 ≤ 10 s | pass |`);
  });

  it('dyno sweep --target holds every point to the targets, keeps them in the study, and exits 3 when one fails', async () => {
    const r = await dyno('sweep', CONV2D, '--thread-counts', '1,2', '--iterations', '20', '--warmup', '2', '--no-telemetry', '--target', 'p50<=1ns', '--json');
    expect(r.code, r.stderr).toBe(3);
    const out = JSON.parse(r.stdout) as { studyId: string; points: { targets: { text: string; outcome: string }[] }[] };
    expect(out.points.map((p) => p.targets)).toEqual([
      [{ text: 'p50 ≤ 1 ns', outcome: 'fail' }],
      [{ text: 'p50 ≤ 1 ns', outcome: 'fail' }],
    ]);
    const db = new Database(join(t.home, 'dyno.db'), { readonly: true });
    const spec = JSON.parse((db.prepare('SELECT spec_json FROM studies WHERE id = ?').get(out.studyId) as { spec_json: string }).spec_json) as { targets: { text: string }[] };
    db.close();
    expect(spec.targets.map((x) => x.text)).toEqual(['p50 ≤ 1 ns']);
  });

  it('refuses a malformed target before measuring, as commander refuses any bad option', async () => {
    const r = await dyno(...RUN, '--target', 'p99 15ms');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(
      "dyno: option '--target <spec>' argument 'p99 15ms' is invalid. --target 'p99 15ms' is not a target: give a metric, <= or >=, and a value with its unit (e.g. 'p99<=15ms', 'throughput>=500/s', 'energy<=2J', 'memory<=512MiB'). (run with --help for usage)",
    );
  });
});

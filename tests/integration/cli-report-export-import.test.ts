/**
 * `dyno report`, `dyno export` and `dyno import` as a user runs them (the built bin/dyno.js):
 * files written whole, one-line errors with exit 1, and a bad file among good ones stopping
 * nothing but itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempHome } from '../helpers/temp-home';
import { storedRun } from '../helpers/stored-runs';
import { toBundle } from '../../src/main/report/bundle-codec';

const exec = promisify(execFile);
let a: ReturnType<typeof tempHome>;
let b: ReturnType<typeof tempHome>;
beforeAll(() => {
  a = tempHome();
  b = tempHome();
});
afterAll(() => {
  a.cleanup();
  b.cleanup();
});

async function dyno(home: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [resolve('bin/dyno.js'), ...args], { env: { ...process.env, DYNO_HOME: home }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const machine = { id: 'm', hostname: 'h', platform: 'linux-x64', cpuModel: 'c', logicalCores: 2, totalMemoryBytes: 1 };
const runs = [storedRun('completed on a GPU with energy', { seed: 7, count: 500, medianMs: 1, id: 'cli-a' }), storedRun('completed, profiled', { seed: 8, count: 500, medianMs: 1.1, id: 'cli-b' })];

describe('dyno import, report and export', () => {
  it('imports good files and names the bad one in one line, exiting 1', async () => {
    const bundle = join(a.home, 'in.dyno');
    writeFileSync(bundle, JSON.stringify(toBundle(runs, [], 'dyno@0.1.0', new Date(), machine)));
    const junk = join(a.home, 'junk.json');
    writeFileSync(junk, '{"hello": ');
    const r = await dyno(a.home, 'import', junk, bundle, 'tests/fixtures/hyperfine/sleep-0.01-vs-0.02.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('dyno: junk.json is not complete JSON (Unexpected end of JSON input): was it cut short? Nothing was imported.\n');
    expect(r.stdout).toBe(`${bundle}: 2 runs added (dyno-bundle)\ntests/fixtures/hyperfine/sleep-0.01-vs-0.02.json: 2 runs added (hyperfine)\n`);
  });

  it('writes Markdown to stdout and an HTML report to a file, which another database imports', async () => {
    const md = await dyno(a.home, 'report', 'cli-a', 'cli-b', '--format', 'markdown');
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^\| metric \| cli-a \| cli-b \|\n/);
    expect(md.stdout).toContain('**Against cli-a**');
    const file = join(a.home, 'report.html');
    const html = await dyno(a.home, 'report', 'cli-a', 'cli-b', '-o', file);
    expect(html).toMatchObject({ code: 0, stdout: '' });
    expect(html.stderr).toMatch(/^dyno: wrote .*report\.html \(1\.\d\d MB\)\n$/);
    expect(readFileSync(file, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect((await dyno(b.home, 'import', file)).stdout).toBe(`${file}: 2 runs added (dyno-report)\n`);
  });

  it('exports a bundle, and importing it where the runs already are adds nothing', async () => {
    const out = join(a.home, 'out.dyno');
    expect((await dyno(a.home, 'export', 'cli-a', 'cli-b', '-o', out)).code).toBe(0);
    expect((await dyno(b.home, 'import', out)).stdout).toBe(`${out}: 0 runs added (dyno-bundle), 2 already here\n`);
  });

  it('names an id that is neither a run nor a study, and writes no file', async () => {
    const file = join(a.home, 'none.csv');
    const r = await dyno(a.home, 'report', 'cli-a', 'nope', '--format', 'csv', '-o', file);
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe("dyno: nope is neither a stored run id nor a study id (dyno lists runs in the studio's Sessions).\n");
    expect(() => readFileSync(file)).toThrow();
  });
});

/**
 * `dyno compare` on real runs of zoo models, through the built CLI: two runs of one
 * configuration (A/A) never read faster or slower, repeats of a configuration become the
 * machine's run-to-run band, files and ids compare alike, and interleaved rounds detect a
 * real change (1 against 2 intra-op threads on a CNN) with a paired interval.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tempHome } from '../helpers/temp-home';
import { ComparisonSchema, type Comparison } from '../../src/shared/compare/schema';

const exec = promisify(execFile);
let t: ReturnType<typeof tempHome>;
let mlp: string;
let cnn: string;

async function dyno(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [resolve('bin/dyno.js'), ...args], { env: { ...process.env, DYNO_HOME: t.home } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const QUICK = ['--iterations', '60', '--warmup', '3', '--no-telemetry', '--batch', '1'];

async function bench(model: string, ...extra: string[]): Promise<{ id: string; json: string }> {
  const r = await dyno('bench', model, ...QUICK, ...extra, '--json');
  expect(r.code, r.stderr).toBe(0);
  return { id: (JSON.parse(r.stdout) as { run: { id: string } }).run.id, json: r.stdout };
}

async function compare(...args: string[]): Promise<Comparison> {
  const r = await dyno('compare', ...args, '--json');
  expect(r.code, r.stderr).toBe(0);
  return ComparisonSchema.parse(JSON.parse(r.stdout));
}

beforeAll(async () => {
  t = tempHome();
  mlp = join(t.home, 'mlp.onnx');
  cnn = join(t.home, 'resnet.onnx');
  expect((await dyno('zoo', 'mlp', '--size', 'small', '-o', mlp)).code).toBe(0);
  expect((await dyno('zoo', 'resnet', '--size', 'medium', '-o', cnn)).code).toBe(0);
});
afterAll(() => t.cleanup());

describe('A/A on real runs', () => {
  it('two runs of one configuration: inconclusive, with the reason, never faster or slower', async () => {
    const a = await bench(mlp);
    const b = await bench(mlp);
    const c = await compare(a.id, b.id);
    expect(c.baseline).toBe(a.id);
    const [r] = c.runs;
    expect(r?.runId).toBe(b.id);
    expect(['inconclusive', 'no meaningful difference']).toContain(r?.verdict);
    // ±30 % by default, or wider where the runs drifted more than that within themselves (a busy machine).
    expect(r?.evidence.level).toBe('single-runs');
    expect(['default', 'run-drift']).toContain(r?.evidence.runToRun?.source);
    expect(r?.evidence.runToRun?.band).toBeGreaterThanOrEqual(0.3);
    expect(r?.configDiff).toEqual([]);
    expect(r?.fingerprintDifferences).toEqual([]);
    expect(r?.metrics.map((m) => m.metric).slice(0, 2)).toEqual(['median', 'throughput']);

    // The same runs as files compare from their summaries, with the same verdict rules.
    const fa = join(t.home, 'a.json');
    const fb = join(t.home, 'b.json');
    writeFileSync(fa, a.json);
    writeFileSync(fb, b.json);
    const files = await compare(fa, fb);
    expect(files.baseline).toBe(a.id);
    expect(['inconclusive', 'no meaningful difference']).toContain(files.runs[0]?.verdict);
    expect(files.runs[0]?.ratio).toBeCloseTo(r?.ratio ?? 0, 10);
  });

  it('with repeats stored, the band is that machine’s own; two against two is not enough samples', async () => {
    // Under 30 iterations a run has no measurement windows, so no drift of its own: the band is the stored runs'.
    const few = ['--iterations', '20'];
    const first = [await bench(mlp, ...few), await bench(mlp, ...few)];
    const more = [await bench(mlp, ...few), await bench(mlp, ...few)];
    const stored = await compare(more[0]?.id ?? '', more[1]?.id ?? '');
    expect(stored.runs[0]?.evidence.runToRun).toMatchObject({ source: 'stored-runs', runs: 4 });
    const runs = (await dyno('compare', `${first[0]?.id},${first[1]?.id}`, `${more[0]?.id},${more[1]?.id}`, '--json')).stdout;
    const c = ComparisonSchema.parse(JSON.parse(runs));
    expect(c.runs[0]?.evidence.level).toBe('repeated-runs');
    expect(c.runs[0]?.verdict).toBe('not enough samples');
  });
});

describe('dyno compare, as a user meets it', () => {
  it('text and markdown say the verdict; bad references get one line', async () => {
    const a = await bench(mlp, '--label', 'before');
    const b = await bench(mlp, '--threads', '1', '--label', 'after');
    const text = await dyno('compare', a.id, b.id);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^baseline: run ${a.id} \\(before\\) \\(mlp\\.onnx\\); practical threshold ±1\\.0 %`));
    expect(text.stdout).toMatch(/setting: Intra-op threads \(--threads\) 0 → 1/);
    const md = await dyno('compare', a.id, b.id, '--format', 'markdown');
    expect(md.stdout).toContain('| run | verdict | median ratio | 95 % CI | p | evidence |');
    const missing = await dyno('compare', a.id, 'no-such-run');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('dyno: no-such-run is neither a file nor a stored run id.');
    expect((await dyno('compare', a.id)).stderr.trim()).toBe('dyno: Give at least two runs to compare (or one and --baseline).');
    const itself = await dyno('compare', a.id, a.id);
    expect(itself.code).toBe(1);
    expect(itself.stderr.trim()).toBe(`dyno: Run ${a.id} is named twice, and a run cannot be compared with itself.`);
    expect((await dyno('compare', a.id, b.id, '--rounds', '3')).stderr.trim()).toBe('dyno: --rounds needs --rerun.');
  });

  it('--fail-if-slower exits 3 only when the interval’s lower bound is beyond it', async () => {
    const a = await bench(mlp);
    const fast = join(t.home, 'impossibly-fast.json');
    const doc = JSON.parse(a.json) as { run: Record<string, unknown>; stats: Record<string, unknown> };
    // Another run (a run is never compared with itself): its own id, and impossibly fast.
    writeFileSync(fast, JSON.stringify({ ...doc, run: { ...doc.run, id: `${a.id}-fast` }, stats: { ...doc.stats, p50_ms: 1e-6, mean_ms: 1e-6, std_ms: 0 } }));
    const worse = await dyno('compare', fast, a.id, '--fail-if-slower', '5');
    expect(worse.code).toBe(3);
    expect(worse.stderr).toMatch(/regression: median [\d.]+% slower than the baseline \(limit 5%\): at least [\d.]+% by the 95 % interval/);
    const b = await bench(mlp);
    expect((await dyno('compare', a.id, b.id, '--fail-if-slower', '5')).code).toBe(0);
  });
});

describe('interleaved A/B', () => {
  it('re-measures batch 1 against batch 2 on a CNN in alternating rounds and detects the change', async () => {
    const one = await bench(cnn, '--batch', '1', '--iterations', '20');
    const two = await bench(cnn, '--batch', '2', '--iterations', '20');
    const r = await dyno('compare', one.id, two.id, '--rerun', '--rounds', '5', '--json');
    expect(r.code, r.stderr).toBe(0);
    const c = ComparisonSchema.parse(JSON.parse(r.stdout));
    const [side] = c.runs;
    expect(side?.evidence).toMatchObject({ level: 'interleaved', runs: 5, baselineRuns: 5 });
    // Twice the work per iteration is slower on any machine, idle or busy (1 against 2 intra-op
    // threads was not: on a half-busy 2-core machine they can measure alike, and the test read
    // that as a missed change).
    expect(side?.verdict).toBe('slower');
    expect(side?.metrics[0]?.test).toBe('paired-t-log-ratio');
    expect(side?.pValue).toBeLessThan(0.05);
    expect(side?.configDiff.map((d) => d.flag)).toEqual(['--batch']);
    // Each round is a real run, stored in one study.
    const db = new Database(join(t.home, 'dyno.db'), { readonly: true });
    const rows = db.prepare('SELECT id, study_id FROM runs WHERE study_id = ?').all(c.studyId) as { id: string }[];
    db.close();
    expect(rows.map((x) => x.id).sort()).toEqual([...c.baselineRunIds, ...(side?.runIds ?? [])].sort());
  }, 240_000);
});

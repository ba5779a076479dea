/**
 * The built `dyno` command, run as a user runs it (bin/dyno.js → out/main/cli.js). It shares the
 * machine with another test file (vitest.config.ts): the --baseline verdict between two runs, which
 * a busy neighbour could tip, is in cli-bench-baseline-gates-a-regression.test.ts, run alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';
import Database from 'better-sqlite3';
import { CONV2D, SQUEEZENET, tempHome } from '../helpers/temp-home';
import { dynoCli } from '../helpers/dyno-cli';

const { onnx } = onnxProto;
let t: ReturnType<typeof tempHome>;
beforeAll(() => (t = tempHome()));
afterAll(() => t.cleanup());

const dyno = (...args: string[]) => dynoCli(t.home, ...args);

describe('dyno bench --json', () => {
  it('prints one JSON object with the run, its statistics and cold start, and stores the run', async () => {
    const r = await dyno('bench', SQUEEZENET, '--iterations', '25', '--warmup', '3', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.formatVersion).toBe(1);
    expect(out.exporter).toMatch(/^dyno@\d+\.\d+\.\d+$/);
    expect(out.run).toMatchObject({ status: 'completed', modelName: 'squeezenet.onnx' });
    expect(out.stats.count).toBe(25);
    for (const k of ['mean_ms', 'p50_ms', 'p90_ms', 'p99_ms', 'throughput_per_s']) expect(out.stats[k]).toBeGreaterThan(0);
    expect(out.stats.p50_ms).toBeLessThanOrEqual(out.stats.p90_ms);
    expect(out.stats.p90_ms).toBeLessThanOrEqual(out.stats.p99_ms);
    expect(out.coldStart.sessionCreate_ms).toBeGreaterThan(0);
    expect(out.warnings.map((w: { code: string }) => w.code)).toContain('percentile-unsupported');

    const db = new Database(join(t.home, 'dyno.db'), { readonly: true });
    const row = db.prepare('SELECT status, stats_json FROM runs WHERE id = ?').get(out.run.id) as { status: string; stats_json: string };
    const samples = db.prepare('SELECT SUM(count) AS n FROM sample_batches WHERE run_id = ?').get(out.run.id);
    db.close();
    expect(row.status).toBe('completed');
    expect(JSON.parse(row.stats_json).percentiles.p50.valueMs).toBe(out.stats.p50_ms);
    expect(samples).toEqual({ n: 28 });
  });

  it('prints a readable summary without --json', async () => {
    const r = await dyno('bench', CONV2D, '--iterations', '50');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/completed\s+conv2d\.onnx/);
    expect(r.stdout).toMatch(/p50 [\d.]+ (µs|ms)/);
  });
});

describe('dyno inspect --json', () => {
  it('lists inputs and outputs as {name, type, shape}', async () => {
    const r = await dyno('inspect', CONV2D, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.inputs).toEqual([{ name: '0', type: 'float32', shape: [2, 3, 7, 5] }]);
    expect(out.outputs).toEqual([{ name: '3', type: 'float32', shape: [2, 4, 5, 4] }]);
  });
});

describe('regression gating and report formats', () => {
  it('refuses a baseline that is neither a file nor a run', async () => {
    const r = await dyno('bench', CONV2D, '--iterations', '5', '--baseline', 'no-such-run', '--fail-if-slower', '5');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('dyno: --baseline no-such-run is neither a file nor a stored run id.');
  });

  it('refuses a baseline file that is not a whole Dyno export, saying why', async () => {
    const partial = join(t.home, 'hand-written.json');
    writeFileSync(partial, JSON.stringify({ stats: { p50_ms: 1, mean_ms: 1, std_ms: 0 } }));
    const r = await dyno('bench', CONV2D, '--iterations', '5', '--baseline', partial);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`dyno: --baseline ${partial} is not a Dyno run export (it has no formatVersion).`);
    writeFileSync(partial, '{"formatVersion": 1, "run": {');
    expect((await dyno('bench', CONV2D, '--iterations', '5', '--baseline', partial)).stderr).toMatch(/is not complete JSON .*: was it cut short\?/);
  });

  it('takes --format, and refuses two output flags that disagree', async () => {
    const csv = await dyno('bench', CONV2D, '--iterations', '10', '--format', 'csv');
    expect(csv.stdout).toMatch(/^run_id,model,status,/);
    const both = await dyno('bench', CONV2D, '--iterations', '10', '--json', '--markdown');
    expect(both.code).toBe(1);
    expect(both.stderr.trim()).toBe('dyno: --json and --markdown ask for different outputs: choose one format.');
    expect((await dyno('bench', CONV2D, '--format', 'csv', '--json')).stderr.trim()).toBe('dyno: --format csv and --json ask for different outputs: choose one format.');
  });

  it('prints CSV with a header and Markdown as a table', async () => {
    const csv = (await dyno('bench', CONV2D, '--iterations', '20', '--csv')).stdout.trim().split('\n');
    expect(csv).toHaveLength(2);
    expect(csv[0]).toMatch(/^run_id,model,status,ep,scenario,count,mean_ms,/);
    expect(csv[1]).toMatch(/,conv2d\.onnx,completed,cpu,single-stream,20,/);
    const md = (await dyno('bench', CONV2D, '--iterations', '20', '--markdown')).stdout;
    expect(md).toMatch(/^\| metric \| value \|\n\| --- \| --- \|\n\| run_id \| /);
    expect(md).toContain('| count | 20 |');
  });
});

describe('dyno zoo and dyno sweep', () => {
  it('generates a model, sweeps its batch size and fits the scaling', async () => {
    const model = join(t.home, 'mlp.onnx');
    const made = await dyno('zoo', 'mlp', '--size', 'small', '-o', model);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain(model);
    const r = await dyno('sweep', model, '--batches', '1,8,64', '--iterations', '40', '--warmup', '5', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.points.map((p: { batch: number; status: string }) => [p.batch, p.status])).toEqual([
      [1, 'completed'],
      [8, 'completed'],
      [64, 'completed'],
    ]);
    // Larger batches take longer per iteration but less per sample: 0 < k < 1.5.
    expect(out.fits.batch.k).toBeGreaterThan(0);
    expect(out.fits.batch.k).toBeLessThan(1.5);
    expect(out.points[2].throughputPerS).toBeGreaterThan(out.points[0].throughputPerS);
  });
});

/** Rewrites the model's `dyno.default_dims` metadata: removed, or replaced by `raw`. */
function withMetadata(path: string, replace: { defaultDims?: string }): void {
  const model = onnx.ModelProto.decode(readFileSync(path));
  const kept = (model.metadataProps ?? []).filter((p) => p.key !== 'dyno.default_dims');
  if (replace.defaultDims !== undefined) kept.push(onnx.StringStringEntryProto.create({ key: 'dyno.default_dims', value: replace.defaultDims }));
  model.metadataProps = kept;
  writeFileSync(path, onnx.ModelProto.encode(model).finish());
}

describe('a zoo model runs as it is, with the dims it records', () => {
  const model = () => join(t.home, 'bert-defaults.onnx');
  beforeAll(async () => expect((await dyno('zoo', 'bert', '-o', model())).code).toBe(0));

  it('without --dim it uses the recorded defaults, says so, and stores them', async () => {
    const r = await dyno('bench', model(), '--iterations', '5', '--warmup', '1', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("dyno: using the model's default dims batch=1, seq=128 (from its metadata); set --dim to change");
    const out = JSON.parse(r.stdout);
    expect(out.inputs).toEqual([{ name: 'input_ids', type: 'int64', shape: [1, 128] }]);
    const db = new Database(join(t.home, 'dyno.db'), { readonly: true });
    const row = db.prepare('SELECT config_json FROM runs WHERE id = ?').get(out.run.id) as { config_json: string };
    db.close();
    expect(JSON.parse(row.config_json).dims).toEqual({ batch: 1, seq: 128 });
  });

  it('an explicit --dim and --batch win, and only what is still unset is filled', async () => {
    const both = await dyno('bench', model(), '--batch', '2', '--dim', 'seq=16', '--iterations', '5', '--json');
    expect(both.code).toBe(0);
    expect(both.stderr).not.toContain('default dims');
    expect(JSON.parse(both.stdout).inputs[0].shape).toEqual([2, 16]);
    const batchOnly = await dyno('bench', model(), '--batch', '2', '--iterations', '5', '--json');
    expect(batchOnly.stderr).toContain("default dims seq=128 (from its metadata)");
    expect(JSON.parse(batchOnly.stdout).inputs[0].shape).toEqual([2, 128]);
  });

  it('dyno sweep (the studio engine) fills them at every point too, and says so once', async () => {
    const r = await dyno('sweep', model(), '--batches', '1,2', '--iterations', '3', '--warmup', '1', '--no-telemetry', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.includes('default dims'))).toEqual(["dyno: using the model's default dims seq=128 (from its metadata); set --dim to change"]);
    const out = JSON.parse(r.stdout) as { points: { batch: number; status: string; runId: string }[] };
    expect(out.points.map((p) => [p.batch, p.status])).toEqual([
      [1, 'completed'],
      [2, 'completed'],
    ]);
    const db = new Database(join(t.home, 'dyno.db'), { readonly: true });
    const dims = out.points.map((p) => JSON.parse((db.prepare('SELECT config_json FROM runs WHERE id = ?').get(p.runId) as { config_json: string }).config_json).dims);
    db.close();
    expect(dims).toEqual([{ seq: 128 }, { seq: 128 }]);
  });

  it('garbage in the metadata is ignored with a note, and the missing dim is named', async () => {
    const garbled = join(t.home, 'bert-garbled.onnx');
    expect((await dyno('zoo', 'bert', '-o', garbled)).code).toBe(0);
    withMetadata(garbled, { defaultDims: '{"seq":"lots"}' });
    const r = await dyno('bench', garbled, '--iterations', '5');
    expect(r.code).not.toBe(0);
    expect(r.stderr).not.toMatch(/\s+at /);
    expect(r.stderr).toMatch(/dyno\.default_dims metadata is ignored/);
    expect(r.stderr).toMatch(/dynamic dimension 'batch'.*--dim batch=N/);
  });
});

describe('bad input: one line on stderr, a non-zero exit, no stack trace', () => {
  const expectOneLine = (r: { code: number; stderr: string }, pattern: RegExp) => {
    expect(r.code).not.toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\s+at /);
  };
  it('a missing file', async () => {
    expectOneLine(await dyno('bench', join(t.home, 'missing.onnx'), '--json'), /^dyno: Model file not found: .*missing\.onnx$/);
    expectOneLine(await dyno('inspect', join(t.home, 'missing.onnx')), /^dyno: Model file not found/);
  });
  it('a file that is not ONNX', async () => {
    const bad = join(t.home, 'notes.onnx');
    writeFileSync(bad, 'just some text\n');
    expectOneLine(await dyno('inspect', bad), /^dyno: notes\.onnx is not a valid ONNX model/);
  });
  it('a symbolic dimension with no value names the input, the dim and the flag', async () => {
    const model = join(t.home, 'bert-no-defaults.onnx');
    expect((await dyno('zoo', 'bert', '-o', model)).code).toBe(0);
    withMetadata(model, {});
    expectOneLine(await dyno('bench', model, '--batch', '2'), /^dyno: Input 'input_ids' has a dynamic dimension 'seq' \(axis 1\) with no value: set it with --dim seq=N\.$/);
    const ok = await dyno('bench', model, '--batch', '2', '--dim', 'seq=16', '--iterations', '5', '--json');
    expect(JSON.parse(ok.stdout).inputs).toEqual([{ name: 'input_ids', type: 'int64', shape: [2, 16] }]);
  });
  it('an option out of range', async () => {
    const r = await dyno('bench', CONV2D, '--iterations', '0');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--iterations must be a whole number ≥ 1/);
  });
});

/**
 * Every exit code the README lists, from the real built CLI (bin/dyno.js → out/main/cli.js, so
 * run `npx electron-vite build` first): 0 ok, 1 error, 3 for each of its causes (a regression
 * beyond --fail-if-slower, outputs that differ with --check-outputs, a missed Server budget),
 * and 130 on Ctrl+C while measuring, which keeps what was measured as an aborted run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import onnxProto from 'onnx-proto';
import { CONV2D, SQUEEZENET, tempHome } from '../helpers/temp-home';
import { corpusPath } from '../helpers/onnx-corpus';

const exec = promisify(execFile);
const DYNO = resolve('bin/dyno.js');
let t: ReturnType<typeof tempHome>;
beforeAll(() => (t = tempHome('dyno-exit-')));
afterAll(() => t.cleanup());

async function dyno(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [DYNO, ...args], { env: { ...process.env, DYNO_HOME: t.home } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A copy of a corpus model whose expected output is off by 1 in every element. */
function withWrongExpectedOutput(test: string): { model: string; inputs: string } {
  const dir = join(t.home, test);
  cpSync(corpusPath(`pytorch-converted/${test}`), dir, { recursive: true });
  const file = join(dir, 'test_data_set_0', 'output_0.pb');
  const tensor = onnxProto.onnx.TensorProto.decode(readFileSync(file));
  expect(tensor.dataType).toBe(onnxProto.onnx.TensorProto.DataType.FLOAT);
  const raw = Buffer.from(tensor.rawData);
  const values = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) + 1;
  tensor.rawData = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  writeFileSync(file, onnxProto.onnx.TensorProto.encode(tensor).finish());
  return { model: join(dir, 'model.onnx'), inputs: join(dir, 'test_data_set_0') };
}

describe('dyno bench exit codes', () => {
  it('0 when the run completes and nothing is gated', async () => {
    expect((await dyno('bench', CONV2D, '--iterations', '20')).code).toBe(0);
  });

  it('1 on an error, with one line on stderr', async () => {
    const r = await dyno('bench', join(t.home, 'missing.onnx'));
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('3 on a regression beyond --fail-if-slower', async () => {
    const fast = join(t.home, 'impossibly-fast.json');
    // A real export (the reader refuses partial files) whose median is made impossibly fast.
    const first = JSON.parse((await dyno('bench', CONV2D, '--iterations', '20', '--json')).stdout) as { stats: Record<string, unknown> };
    writeFileSync(fast, JSON.stringify({ ...first, stats: { ...first.stats, p50_ms: 1e-6, mean_ms: 1e-6, std_ms: 0 } }));
    const r = await dyno('bench', CONV2D, '--iterations', '30', '--baseline', fast, '--fail-if-slower', '5');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/regression: median [\d.]+% slower than the baseline \(limit 5%\)/);
  });

  it('3 when --check-outputs finds outputs that differ, 0 on the untouched test set', async () => {
    const good = corpusPath('pytorch-converted/test_ReLU');
    const ok = await dyno('bench', join(good, 'model.onnx'), '--inputs', join(good, 'test_data_set_0'), '--check-outputs', '--iterations', '5', '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).check.passed).toBe(true);

    const bad = withWrongExpectedOutput('test_ReLU');
    const r = await dyno('bench', bad.model, '--inputs', bad.inputs, '--check-outputs', '--iterations', '5', '--json');
    expect(r.code).toBe(3);
    const check = JSON.parse(r.stdout).check;
    expect(check.passed).toBe(false);
    expect(check.maxAbsError).toBeCloseTo(1, 5);
  });

  it('3 when the Server scenario misses its latency budget', async () => {
    const r = await dyno('bench', CONV2D, '--scenario', 'server', '--qps', '200', '--latency-budget', '0.000001', '--iterations', '40', '--json');
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).server).toMatchObject({ passed: false, latencyBudget_ms: 0.000001 });
  });

  it('130 on Ctrl+C while measuring, keeping what was measured as an aborted run', async () => {
    const child = spawn(process.execPath, [DYNO, 'bench', SQUEEZENET, '--min-duration', '60', '--json'], {
      env: { ...process.env, DYNO_HOME: t.home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = once(child, 'exit');
    // Wait until measured samples of this run are in the database, then press Ctrl+C.
    const db = join(t.home, 'dyno.db');
    const measuredRun = (): { id: string; n: number } | undefined => {
      if (!existsSync(db)) return undefined;
      const d = new Database(db, { readonly: true, fileMustExist: true });
      try {
        return d
          .prepare("SELECT r.id AS id, SUM(b.count) AS n FROM runs r JOIN sample_batches b ON b.run_id = r.id WHERE r.status = 'running' GROUP BY r.id")
          .get() as { id: string; n: number } | undefined;
      } catch {
        return undefined; // schema not created yet
      } finally {
        d.close();
      }
    };
    let running: { id: string; n: number } | undefined;
    for (let i = 0; i < 300 && !running; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const r = measuredRun();
      if (r && r.n > 20) running = r;
    }
    expect(running, 'the run started measuring within 30 s').toBeDefined();
    const sentAt = Date.now();
    child.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(130);
    expect(Date.now() - sentAt).toBeLessThan(20_000);

    const out = JSON.parse(stdout);
    expect(out.run).toMatchObject({ id: running?.id, status: 'aborted' });
    const d = new Database(db, { readonly: true });
    const row = d.prepare('SELECT status FROM runs WHERE id = ?').get(running?.id) as { status: string };
    const kept = d.prepare('SELECT SUM(count) AS n FROM sample_batches WHERE run_id = ?').get(running?.id) as { n: number };
    d.close();
    expect(row.status).toBe('aborted');
    expect(kept.n).toBeGreaterThanOrEqual(running?.n ?? Infinity);
  }, 90_000);
});

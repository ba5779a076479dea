/** `dyno convert` as a user runs it (the built bin/dyno.js): the copy, what changed, and its fidelity. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { buildZooModel } from '../../src/main/models/zoo/families';
import { tempHome } from '../helpers/temp-home';

const { onnx } = onnxProto;
const exec = promisify(execFile);
let t: ReturnType<typeof tempHome>;
let mlp: string;
beforeAll(() => {
  t = tempHome();
  mlp = join(t.home, 'mlp.onnx');
  writeFileSync(mlp, buildZooModel('mlp', 'small', 2, 'test'));
});
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

describe('dyno convert', () => {
  it('writes model.fp16.onnx beside the model and prints the conversion and its fidelity', async () => {
    const r = await dyno('convert', mlp, '--to', 'fp16', '--dim', 'batch=4');
    expect(r.code).toBe(0);
    const [head, fidelity] = r.stdout.trim().split('\n');
    expect(head).toMatch(/^mlp\.onnx → .*mlp\.fp16\.onnx \(fp16\): 9 nodes converted, 0 skipped; 1\.\d MiB → \d+(\.\d)? KiB$/);
    expect(fidelity).toMatch(/^ {2}fidelity vs the original \(seeded random inputs, seed 1\): max abs error \S+, max rel error \S+, cosine 0\.9999\d+, top-1 agreement 100\.0 %$/);
    expect(existsSync(join(t.home, 'mlp.fp16.onnx'))).toBe(true);
  });

  it('--to int8 --json: one object with what was converted, the sizes and the fidelity figures', async () => {
    const out = join(t.home, 'q.onnx');
    const r = await dyno('convert', mlp, '--to', 'int8', '-o', out, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ output: out, kind: 'int8-dynamic', converted: 3, skipped: [] });
    expect(j.sizeBytes.after).toBeLessThan(j.sizeBytes.before / 3);
    expect(j.fidelity.cosine).toBeGreaterThan(0.999);
    expect(j.fidelity.outputs[0].name).toBe('logits');
  });

  it('--to int8 --calibrate DIR: static QDQ quantization, compared on the first calibration set', async () => {
    const set = join(t.home, 'cal', 'test_data_set_0');
    mkdirSync(set, { recursive: true });
    const data = Float32Array.from({ length: 2 * 256 }, (_, i) => (i % 13) / 13);
    writeFileSync(join(set, 'input_0.pb'), onnx.TensorProto.encode(onnx.TensorProto.create({ name: 'input', dims: [2, 256], dataType: 1, rawData: new Uint8Array(data.buffer) })).finish());
    const r = await dyno('convert', mlp, '--to', 'int8', '--calibrate', join(t.home, 'cal'), '-o', join(t.home, 'qdq.onnx'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\(int8-static\): 3 nodes converted, 0 skipped/);
    expect(r.stdout).toMatch(/fidelity vs the original \(the first calibration set in .*cal\): /);
    const wrong = await dyno('convert', mlp, '--to', 'fp16', '--calibrate', join(t.home, 'cal'));
    expect([wrong.code, wrong.stderr.trim()]).toEqual([1, 'dyno: --calibrate is for --to int8 (static quantization), not --to fp16.']);
  });

  it('fails with one line and exit 1 on a file that is not a model, writing nothing', async () => {
    const bad = join(t.home, 'bad.onnx');
    writeFileSync(bad, 'nope');
    const r = await dyno('convert', bad, '--to', 'fp16');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^dyno: bad\.onnx is not a valid ONNX model/)]);
    expect(existsSync(join(t.home, 'bad.fp16.onnx'))).toBe(false);
  });
});

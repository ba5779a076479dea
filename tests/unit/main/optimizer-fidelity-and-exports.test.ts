/**
 * The correctness gate's figures on real ONNX Runtime tensors (max abs/rel error, cosine,
 * top-1 agreement of classifier rows), tensors written as TensorProto files read back the same,
 * and the winner's exports saying what was measured.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { fidelityOf } from '../../../src/main/engine/output-fidelity';
import { readTensorProto, writeTensorProto } from '../../../src/main/engine/tensor-files';
import { exportsFor } from '../../../src/main/optimizer/exports';
import { RunConfigSchema } from '../../../src/shared/run';

const dir = mkdtempSync(join(tmpdir(), 'dyno-fidelity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const logits = (rows: number[][]) => new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, rows[0]?.length ?? 0]);

describe('fidelityOf', () => {
  it('is exact for the same outputs', () => {
    const t = logits([[1, 2, 3], [3, 2, 1]]);
    expect(fidelityOf({ y: t }, { y: t })).toEqual({ maxAbsError: 0, maxRelError: 0, cosine: 1, top1Agreement: 1 });
  });

  it('measures element errors, cosine and how many rows keep their top-1 class', () => {
    const ref = logits([[1, 2, 3], [3, 2, 1]]);
    const got = logits([[1, 2, 3.5], [1, 2, 1]]); // row 2's top-1 moves from class 0 to class 1
    const f = fidelityOf({ y: got }, { y: ref });
    expect(f.maxAbsError).toBeCloseTo(2, 6);
    expect(f.maxRelError).toBeCloseTo(2 / 3, 6);
    const dot = 1 + 4 + 10.5 + 3 + 4 + 1;
    expect(f.cosine).toBeCloseTo(dot / Math.sqrt(28 * (1 + 4 + 12.25 + 1 + 4 + 1)), 6);
    expect(f.top1Agreement).toBe(0.5);
  });

  it('counts an output of another shape as the worst case', () => {
    expect(fidelityOf({ y: logits([[1, 2]]) }, { y: logits([[1, 2, 3]]) })).toEqual({ maxAbsError: Infinity, maxRelError: Infinity, cosine: 0, top1Agreement: 0 });
  });

  it('gives no top-1 figure for an output without a class axis (no axis longer than 1)', () => {
    const t = new ort.Tensor('float32', Float32Array.from([0.5]), [1, 1]);
    expect(fidelityOf({ y: t }, { y: t })).not.toHaveProperty('top1Agreement');
  });

  it('finds the class axis as the transforms do ([1, C, 1, 1] classifies along C)', () => {
    const ref = new ort.Tensor('float32', Float32Array.from([0.1, 0.7, 0.2]), [1, 3, 1, 1]);
    const got = new ort.Tensor('float32', Float32Array.from([0.8, 0.1, 0.1]), [1, 3, 1, 1]);
    expect(fidelityOf({ y: got }, { y: ref }).top1Agreement).toBe(0);
  });

  it('counts a NaN where the reference has a number as the worst case', () => {
    const ref = logits([[1, 2, 3]]);
    const got = logits([[1, Number.NaN, 3]]);
    expect(fidelityOf({ y: got }, { y: ref })).toMatchObject({ maxAbsError: Infinity, cosine: 0 });
  });
});

describe('writeTensorProto', () => {
  it('writes what readTensorProto reads back', () => {
    for (const t of [logits([[0.5, -1.25], [3, 4]]), new ort.Tensor('int64', BigInt64Array.from([1n, -2n, 3n]), [3]), new ort.Tensor('uint8', Uint8Array.from([0, 255]), [1, 2])]) {
      const file = join(dir, `t-${t.type}.pb`);
      writeTensorProto(file, 'x', t);
      const back = readTensorProto(file);
      expect(back.name).toBe('x');
      expect(back.tensor.type).toBe(t.type);
      expect(back.tensor.dims).toEqual(t.dims);
      expect(Array.from(back.tensor.data as ArrayLike<number | bigint>)).toEqual(Array.from(t.data as ArrayLike<number | bigint>));
    }
  });
});

describe('exportsFor', () => {
  const config = RunConfigSchema.parse({
    modelPath: '/models/mlp.onnx',
    batchSize: 8,
    session: { intraOpThreads: 1, interOpThreads: 2, executionMode: 'parallel', graphOptimizationLevel: 'basic', enableMemPattern: false },
    stop: { warmupIterations: 10, minIterations: 100, minDurationMs: 1000, maxIterations: 1000, maxDurationMs: 60_000 },
  });
  const e = exportsFor(config, 'batch');
  it('gives the session options the worker ran with, without its log level', () => {
    expect(e.sessionOptions).toEqual({ executionProviders: [{ name: 'cpu', useArena: true }], graphOptimizationLevel: 'basic', executionMode: 'parallel', enableCpuMemArena: true, enableMemPattern: false, intraOpNumThreads: 1, interOpNumThreads: 2 });
  });
  it('writes the same settings for Python, Node, C++ and onnxruntime_perf_test', () => {
    expect(e.python).toContain('so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC');
    expect(e.python).toContain('so.intra_op_num_threads = 1');
    expect(e.python).toContain('so.enable_mem_pattern = False');
    expect(e.node).toContain('"intraOpNumThreads": 1');
    expect(e.cpp).toContain('so.SetExecutionMode(ExecutionMode::ORT_PARALLEL);');
    expect(e.cpp).toContain('so.DisableMemPattern();');
    expect(e.perfTest).toBe('onnxruntime_perf_test -I -e cpu -o 1 -m times -r 100 -x 1 -y 2 -P -M -f batch:8 /models/mlp.onnx');
  });
});

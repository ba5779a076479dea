/**
 * FP16 and INT8-dynamic transforms on real models (the zoo's generated weights, the ONNX
 * corpus's light architectures), each result loaded and run in ONNX Runtime beside the original
 * on the same inputs. The tolerances asserted here are the ones the README states.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { buildZooModel, type ZooFamily } from '../../src/main/models/zoo/families';
import { float, GraphBuilder } from '../../src/main/models/zoo/onnx-builder';
import { transformModel, TransformError, FP16_BLOCK_LIST } from '../../src/main/models/transforms';
import { loadFailure } from '../../src/main/models/transforms/validate';
import { mulberry32 } from '../../src/shared/random';
import { corpusPath } from '../helpers/onnx-corpus';
import { SQUEEZENET, tempHome } from '../helpers/temp-home';

const { onnx } = onnxProto;
/** Stated tolerances (README, "Model transforms"): FP16 and INT8-dynamic against FP32 on the same inputs. */
const FP16 = { cosine: 0.9999, maxAbs: 1e-2 };
const INT8 = { cosine: 0.999, maxAbs: 0.1 };

let t: ReturnType<typeof tempHome>;
beforeAll(() => (t = tempHome('dyno-transforms-')));
afterAll(() => t.cleanup());

function zoo(family: ZooFamily): string {
  const path = join(t.home, `${family}.onnx`);
  if (!existsSync(path)) writeFileSync(path, buildZooModel(family, 'small', 5, 'test'));
  return path;
}

const decode = (path: string) => onnx.ModelProto.decode(readFileSync(path));
const ops = (path: string) => new Set((decode(path).graph?.node ?? []).map((n) => n.opType ?? ''));

async function ioTypes(path: string): Promise<string[]> {
  const s = await ort.InferenceSession.create(path, { logSeverityLevel: 3 });
  const types = [...s.inputMetadata, ...s.outputMetadata].map((m) => `${m.name}:${m.isTensor ? m.type : '?'}`);
  await s.release();
  return types;
}

describe('FP16', () => {
  it.each(['bert', 'resnet', 'unet', 'mlp'] as const)('zoo %s: float16 weights, float32 I/O, outputs within the FP16 tolerance', async (family) => {
    const src = zoo(family);
    const out = join(t.home, `${family}.fp16.onnx`);
    const r = await transformModel(src, 'fp16', out, { dims: { seq: 16 }, seed: 3 });
    expect(r.outPath).toBe(out);
    expect(r.converted).toBeGreaterThan(5);
    expect(r.skipped).toEqual([]);
    expect(r.fidelity?.cosine).toBeGreaterThanOrEqual(FP16.cosine);
    expect(r.fidelity?.maxAbsError).toBeLessThanOrEqual(FP16.maxAbs);
    expect(r.fidelity?.maxAbsError).toBeGreaterThan(0); // the weights really are float16 now
    if (family !== 'bert' && family !== 'unet') expect(r.fidelity?.top1Agreement).toBe(1);
    expect(await ioTypes(out)).toEqual(await ioTypes(src));
    const floatInits = (decode(out).graph?.initializer ?? []).filter((i) => i.dataType === 1);
    expect(floatInits).toEqual([]);
    expect(statSync(out).size).toBeLessThan(statSync(src).size * 0.6);
  });

  it('light ResNet-50 from the ONNX corpus: in-graph weights (ConstantOfShape) become float16 and the result agrees', async () => {
    const out = join(t.home, 'resnet50.fp16.onnx');
    const r = await transformModel(corpusPath('light/light_resnet50.onnx'), 'fp16', out);
    expect(r.converted).toBeGreaterThan(400);
    expect(r.fidelity?.cosine).toBeGreaterThanOrEqual(FP16.cosine);
    expect(r.fidelity?.top1Agreement).toBe(1);
    const fills = (decode(out).graph?.node ?? []).filter((n) => n.opType === 'ConstantOfShape');
    expect(fills.length).toBeGreaterThan(200);
    expect(fills.every((n) => n.attribute?.[0]?.t?.dataType === 10)).toBe(true);
  });

  it('keeps block-listed ops in float32 behind Casts, with the reason, and clamps constants into range', async () => {
    const g = new GraphBuilder('blocked');
    const x = g.input('x', [1, 3, 8, 8]);
    const conv = g.op('Conv', [x, g.weight('w', [4, 3, 3, 3], new Float32Array(108).fill(0.05))], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] });
    const scales = g.weight('scales', [4], Float32Array.of(1, 1, 2, 2));
    const up = g.op('Resize', [conv, '', scales], { mode: 'nearest' });
    const summed = g.op('ReduceSum', [up, g.ints('axes', [2, 3])], { keepdims: 1 });
    // 1e6 is beyond float16: clamped to 65504, which leaves Clip's result unchanged here.
    g.op('Clip', [g.op('Relu', [summed]), g.scalar('lo', 0), g.scalar('hi', 1e6)], {}, 'y');
    g.output('y', [1, 4, 1, 1]);
    const src = join(t.home, 'blocked.onnx');
    writeFileSync(src, g.toBytes({}));
    const out = join(t.home, 'blocked.fp16.onnx');
    const r = await transformModel(src, 'fp16', out);
    expect(r.skipped.map((s) => s.op)).toEqual(['Resize', 'ReduceSum']);
    expect(r.skipped[0]?.reason).toBe(FP16_BLOCK_LIST.Resize);
    expect(r.notes.join(' ')).toMatch(/^1 constant value outside float16's range was clamped/);
    expect(r.fidelity?.cosine).toBeGreaterThanOrEqual(FP16.cosine);
    expect(r.fidelity?.maxRelError).toBeLessThan(2e-3);
    const nodes = decode(out).graph?.node ?? [];
    const resize = nodes.find((n) => n.opType === 'Resize');
    // Resize reads its float32 scales initializer as it was and a float32 copy of the Conv output.
    expect(resize?.input?.[2]).toBe(scales);
    expect(nodes.find((n) => n.output?.[0] === resize?.input?.[0])?.opType).toBe('Cast');
    expect((decode(out).graph?.initializer ?? []).find((i) => i.name === scales)?.dataType).toBe(1);
  });

  it('keeps an op ONNX Runtime refuses in float16 (Celu takes float32 only) in float32 and tries again', async () => {
    const g = new GraphBuilder('celu');
    const x = g.op('Mul', [g.input('x', [2, 8]), g.scalar('two', 2)]);
    g.op('Relu', [g.op('Celu', [g.op('Sigmoid', [x])])], {}, 'y');
    g.output('y', [2, 8]);
    const src = join(t.home, 'celu.onnx');
    writeFileSync(src, g.toBytes({}));
    const r = await transformModel(src, 'fp16', join(t.home, 'celu.fp16.onnx'));
    expect(r.skipped.map((s) => s.op)).toEqual(['Celu', 'Relu']);
    expect(r.skipped[0]?.reason).toMatch(/^ONNX Runtime refused it in float16 \(.*Celu/);
    expect(r.skipped[1]?.reason).toMatch(/neighbours all run in float32/);
    expect(r.converted).toBe(2);
    expect(r.fidelity?.cosine).toBeGreaterThanOrEqual(FP16.cosine);
  });

  it('converts every model of the conformance corpus ORT loads (59), within the FP16 tolerance on its own test inputs', async () => {
    const root = corpusPath('pytorch-converted');
    const results: { model: string; cosine: number | null; maxAbs: number | null; skipped: number }[] = [];
    for (const dir of readdirSync(root).sort()) {
      const model = join(root, dir, 'model.onnx');
      const loads = await ort.InferenceSession.create(model, { logSeverityLevel: 4 }).then(async (s) => (await s.release(), true), () => false);
      if (!loads) continue;
      const r = await transformModel(model, 'fp16', join(t.home, 'corpus.fp16.onnx'), { inputs: join(root, dir, 'test_data_set_0') });
      results.push({ model: dir, cosine: r.fidelity?.cosine ?? null, maxAbs: r.fidelity?.maxAbsError ?? null, skipped: r.skipped.length });
    }
    expect(results).toHaveLength(59);
    expect(results.filter((r) => r.cosine === null || r.cosine < FP16.cosine || r.maxAbs === null || r.maxAbs > FP16.maxAbs || r.skipped > 0)).toEqual([]);
  });

  it('uses given inputs from a test_data_set folder', async () => {
    const dir = corpusPath('pytorch-converted/test_Conv2d');
    const r = await transformModel(join(dir, 'model.onnx'), 'fp16', join(t.home, 'conv2d.fp16.onnx'), { inputs: join(dir, 'test_data_set_0') });
    expect(r.converted).toBe(1);
    expect(r.fidelity?.cosine).toBeGreaterThanOrEqual(FP16.cosine);
    expect(r.fidelity?.outputs[0]?.elements).toBeGreaterThan(100);
  });
});

describe('INT8 dynamic', () => {
  it.each([
    ['mlp', 3, 'MatMulInteger', 'DynamicQuantizeMatMul'],
    ['resnet', 7, 'ConvInteger', 'ConvInteger'],
  ] as const)('zoo %s: %i weights quantized (%s, run by ORT as %s), outputs within the INT8 tolerance', async (family, count, op, runAs) => {
    const src = zoo(family);
    const out = join(t.home, `${family}.int8.onnx`);
    const r = await transformModel(src, 'int8-dynamic', out, { seed: 4 });
    expect(r.converted).toBe(count);
    expect(r.skipped).toEqual([]);
    expect(r.fidelity?.cosine).toBeGreaterThanOrEqual(INT8.cosine);
    expect(r.fidelity?.maxAbsError).toBeLessThanOrEqual(INT8.maxAbs);
    expect(r.fidelity?.top1Agreement).toBe(1);
    const present = ops(out);
    expect(present.has(op) && present.has('DynamicQuantizeLinear')).toBe(true);
    expect((await optimizedOps(out)).has(runAs)).toBe(true);
    expect(statSync(out).size).toBeLessThan(statSync(src).size * 0.4);
  });

  it('zoo bert: projections quantized, attention MatMuls (no stored weight) skipped with the reason', async () => {
    const r = await transformModel(zoo('bert'), 'int8-dynamic', join(t.home, 'bert.int8.onnx'), { dims: { seq: 16 } });
    expect(r.converted).toBe(12); // 2 layers × (Q, K, V, output, two feed-forward)
    expect(r.skipped).toHaveLength(4); // 2 layers × (Q·Kᵀ, attention·V)
    expect(r.skipped.every((s) => s.op === 'MatMul' && /computed in the graph .* not a stored initializer/.test(s.reason))).toBe(true);
    expect(r.fidelity?.cosine).toBeGreaterThanOrEqual(INT8.cosine);
    expect(r.fidelity?.maxAbsError).toBeLessThanOrEqual(INT8.maxAbs);
  });

  it('Gemm keeps transB, alpha and beta; transA is skipped with the reason', async () => {
    const g = new GraphBuilder('gemm');
    const x = g.input('x', [4, 16]);
    const w = g.weight('w', [8, 16], Float32Array.from({ length: 128 }, (_, i) => Math.sin(i)));
    const c = g.weight('c', [8], Float32Array.from({ length: 8 }, (_, i) => i / 8));
    const y1 = g.op('Gemm', [x, w, c], { transB: 1, alpha: float(0.5), beta: float(2) });
    g.op('Gemm', [y1, g.weight('w2', [4, 3], Float32Array.from({ length: 12 }, (_, i) => Math.cos(i)))], { transA: 1 }, 'y');
    g.output('y', [8, 3]);
    const src = join(t.home, 'gemm.onnx');
    writeFileSync(src, g.toBytes({}));
    const r = await transformModel(src, 'int8-dynamic', join(t.home, 'gemm.int8.onnx'));
    expect(r.converted).toBe(1);
    expect(r.skipped).toEqual([{ node: 'y', op: 'Gemm', reason: 'transA = 1 (a transposed activation) has no MatMulInteger form' }]);
    expect(r.fidelity?.cosine).toBeGreaterThanOrEqual(INT8.cosine);
    expect(r.fidelity?.maxAbsError).toBeLessThanOrEqual(INT8.maxAbs); // a lost beta alone would shift y1 by up to 0.875
  });

  it('keeps a float weight a subgraph still reads (If branch reading an outer initializer)', async () => {
    const g = new GraphBuilder('branch');
    const w = g.weight('w', [4, 3], Float32Array.from({ length: 12 }, (_, i) => i / 12 - 0.5));
    g.op('MatMul', [g.input('x', [2, 4]), w], {}, 'y');
    g.output('y', [2, 3]);
    const m = onnx.ModelProto.decode(g.toBytes({}));
    const branch = (name: string) =>
      onnx.GraphProto.create({ name, node: [onnx.NodeProto.create({ opType: 'Identity', input: [w], output: [`${name}_w`] })], output: [onnx.ValueInfoProto.create({ name: `${name}_w`, type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 4 }, { dimValue: 3 }] } } } })] });
    const graph = m.graph as NonNullable<typeof m.graph>;
    graph.initializer?.push(onnx.TensorProto.create({ name: 'cond', dataType: 9, dims: [], rawData: Uint8Array.of(1) }));
    graph.node?.push(onnx.NodeProto.create({ opType: 'If', input: ['cond'], output: ['w_out'], name: 'if', attribute: [
      onnx.AttributeProto.create({ name: 'then_branch', type: onnx.AttributeProto.AttributeType.GRAPH, g: branch('then') }),
      onnx.AttributeProto.create({ name: 'else_branch', type: onnx.AttributeProto.AttributeType.GRAPH, g: branch('else') }),
    ] }));
    graph.output?.push(onnx.ValueInfoProto.create({ name: 'w_out', type: { tensorType: { elemType: 1, shape: { dim: [{ dimValue: 4 }, { dimValue: 3 }] } } } }));
    const src = join(t.home, 'branch.onnx');
    writeFileSync(src, onnx.ModelProto.encode(m).finish());
    const r = await transformModel(src, 'int8-dynamic', join(t.home, 'branch.int8.onnx'));
    expect(r.converted).toBe(1);
    expect(r.fidelity?.outputs.find((o) => o.name === 'w_out')?.maxAbsError).toBe(0);
  });

  it('skips every candidate of an opset-9 model with the reason and still writes a model that runs', async () => {
    const out = join(t.home, 'squeezenet.int8.onnx');
    const r = await transformModel(SQUEEZENET, 'int8-dynamic', out);
    expect(r.converted).toBe(0);
    expect(r.skipped).toHaveLength(26);
    expect(r.skipped[0]?.reason).toMatch(/opset 9; DynamicQuantizeLinear needs opset 11/);
    expect(r.fidelity?.maxAbsError).toBe(0);
  });
});

/** Calibration sets as onnxruntime_perf_test lays them out: test_data_set_N/input_0.pb. */
function calibrationFolder(name: string, input: string, shape: number[], sets: number): string {
  const rand = mulberry32(11);
  const root = join(t.home, `calibration-${name}`);
  for (let k = 0; k < sets; k++) {
    const dir = join(root, `test_data_set_${k}`);
    mkdirSync(dir, { recursive: true });
    const data = Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rand());
    writeFileSync(join(dir, 'input_0.pb'), onnx.TensorProto.encode(onnx.TensorProto.create({ name: input, dims: shape, dataType: 1, rawData: new Uint8Array(data.buffer) })).finish());
  }
  return root;
}

/** The operators ONNX Runtime runs after its graph optimisations (what the QDQ form is for). */
async function optimizedOps(path: string): Promise<Set<string>> {
  const optimized = `${path}.optimized.onnx`;
  const s = await ort.InferenceSession.create(path, { logSeverityLevel: 3, optimizedModelFilePath: optimized });
  await s.release();
  return ops(optimized);
}

describe('INT8 static (QDQ)', () => {
  it.each([
    ['resnet', [1, 3, 64, 64], 7, 'QLinearConv'],
    ['mlp', [2, 256], 3, 'QLinearMatMul'],
  ] as const)('zoo %s: calibrated on 4 sets, fused by ONNX Runtime, outputs within the INT8 tolerance', async (family, shape, count, fused) => {
    const out = join(t.home, `${family}.qdq.onnx`);
    const r = await transformModel(zoo(family), 'int8-static', out, { calibration: calibrationFolder(family, 'input', [...shape], 4) });
    expect(r.converted).toBe(count);
    expect(r.skipped).toEqual([]);
    expect(r.fidelity?.cosine).toBeGreaterThanOrEqual(INT8.cosine);
    expect(r.fidelity?.maxAbsError).toBeLessThanOrEqual(INT8.maxAbs);
    expect(r.fidelity?.top1Agreement).toBe(1);
    expect(ops(out).has('QuantizeLinear') && ops(out).has('DequantizeLinear')).toBe(true);
    expect((await optimizedOps(out)).has(fused)).toBe(true);
  });

  it('needs calibration inputs and says so', async () => {
    await expect(transformModel(zoo('mlp'), 'int8-static', join(t.home, 'nocal.onnx'))).rejects.toThrow(/^int8-static needs calibration inputs/);
    await expect(transformModel(zoo('mlp'), 'int8-static', join(t.home, 'nocal.onnx'), { calibration: join(t.home, 'nowhere') })).rejects.toThrow(/^Calibration folder not found/);
  });
});

describe('bad input', () => {
  it('refuses what it cannot read with one clear message, and writes nothing', async () => {
    const notOnnx = join(t.home, 'notes.onnx');
    writeFileSync(notOnnx, 'not a model');
    const out = join(t.home, 'never.onnx');
    await expect(transformModel(notOnnx, 'fp16', out)).rejects.toThrow(/notes\.onnx is not a valid ONNX model/);
    await expect(transformModel(join(t.home, 'missing.onnx'), 'fp16', out)).rejects.toThrow(/Model file not found/);
    await expect(transformModel(SQUEEZENET, 'int8-static', out)).rejects.toThrow(TransformError); // no calibration inputs
    expect(existsSync(out)).toBe(false);
  });

  it('says when the given inputs do not suit the model, rather than blaming the transform', async () => {
    const inputs = join(corpusPath('pytorch-converted/test_Embedding'), 'test_data_set_0'); // int64 indices for another model
    await expect(transformModel(zoo('mlp'), 'fp16', join(t.home, 'z.onnx'), { inputs })).rejects.toThrow(/^The original model does not run on these inputs, so nothing can be compared: /);
    expect(existsSync(join(t.home, 'z.onnx'))).toBe(false);
  });

  it('refuses external data by tensor and file name', async () => {
    const m = decode(zoo('mlp'));
    const w = m.graph?.initializer?.[0];
    if (!w) throw new Error('the zoo MLP has initializers');
    w.rawData = new Uint8Array();
    w.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
    w.externalData = [onnx.StringStringEntryProto.create({ key: 'location', value: 'weights.bin' })];
    const path = join(t.home, 'external.onnx');
    writeFileSync(path, onnx.ModelProto.encode(m).finish());
    await expect(transformModel(path, 'fp16', join(t.home, 'x.onnx'))).rejects.toThrow(`keeps tensor '${w.name}' in external data (weights.bin)`);
  });

  it('names the node and op of a model ONNX Runtime refuses', async () => {
    const g = new GraphBuilder('invalid');
    g.op('Mish', [g.input('x', [2])], {}, 'y'); // Mish exists from opset 18; the builder writes 17
    g.output('y', [2]);
    const err = await ort.InferenceSession.create(g.toBytes({}), { logSeverityLevel: 4 }).then(() => null, (e: unknown) => e);
    expect(loadFailure(err)).toMatchObject({ node: 'y', op: 'Mish' });
    const path = join(t.home, 'invalid.onnx');
    writeFileSync(path, g.toBytes({}));
    await expect(transformModel(path, 'fp16', join(t.home, 'y.onnx'))).rejects.toThrow(/^The original model does not load in ONNX Runtime, so it cannot be transformed: invalid\.onnx:/);
  });
});

/**
 * INT8 static quantization in the QDQ format, as onnxruntime.quantization.quantize_static writes
 * it with its defaults (MinMax calibration, per tensor, uint8 activations, int8 symmetric weights,
 * int32 biases): each quantized node reads DequantizeLinear outputs — of its calibrated activation,
 * its int8 weight and its int32 bias — and its output passes through QuantizeLinear →
 * DequantizeLinear. ONNX Runtime fuses DQ → Conv/MatMul/Gemm → Q into QLinearConv, QLinearMatMul
 * and QGemm. The ranges come from running the model on calibration inputs.
 */
import * as ort from 'onnxruntime-node';
import { tensorFromProto } from '../../engine/tensor-files';
import { plural } from '../../../shared/format';
import { constantInitializers, quantizableNodes, weightOf } from './quantizable';
import { quantizeSymmetricInt8, roundHalfEven } from './quantize-weights';
import { localInt8WeightRange } from './int8-weight-range';
import type { SkippedNode, TransformOutcome } from './skipped';
import { cloneModel, defaultOpset, DT, dimsOf, encodeModel, makeNode, makeTensor, namesRead, nameSource, nodeLabel, num, onnx, type Model, type Node, type Tensor } from './onnx-model';

/** QuantizeLinear / DequantizeLinear (per tensor) arrived in opset 10. */
const MIN_OPSET = 10;

export interface Range {
  min: number;
  max: number;
}

interface Plan {
  nodes: { node: Node; x: string; w: string; bias: string; y: string }[];
  skipped: SkippedNode[];
}

function plan(model: Model, types: ReadonlyMap<string, number>): Plan {
  const graph = model.graph as NonNullable<Model['graph']>;
  const initializers = constantInitializers(graph);
  const opset = defaultOpset(model);
  const skipped: SkippedNode[] = [];
  const nodes: Plan['nodes'] = [];
  for (const n of quantizableNodes(graph)) {
    const skip = (reason: string) => skipped.push({ node: nodeLabel(n), op: n.opType ?? '', reason });
    const [x = '', w = '', bias = ''] = n.input ?? [];
    const y = n.output?.[0] ?? '';
    const transA = (n.attribute ?? []).find((a) => a.name === 'transA');
    if (opset < MIN_OPSET) skip(`the model is opset ${opset}; QDQ quantization here needs opset ${MIN_OPSET} or later (re-export at a newer opset)`);
    else if (types.get(x) !== DT.FLOAT) skip(`its input '${x}' is not float32`);
    else if (typeof weightOf(n, w, initializers) === 'string') skip(weightOf(n, w, initializers) as string);
    else if (n.opType === 'Gemm' && transA && num(transA.i ?? 0) !== 0) skip('transA = 1: ONNX Runtime has no fused QGemm for a transposed activation');
    else if (bias && !initializers.has(bias)) skip(`its bias '${bias}' is computed in the graph, not a stored initializer`);
    else nodes.push({ node: n, x, w, bias, y });
  }
  return { nodes, skipped };
}

/** The activations whose ranges calibration must find. */
export function tensorsToCalibrate(model: Model, types: ReadonlyMap<string, number>): string[] {
  return [...new Set(plan(model, types).nodes.flatMap((p) => [p.x, p.y]))];
}

/** Min and max of each tensor over every calibration set (MinMax calibration). */
export async function calibrate(model: Model, tensors: readonly string[], sets: readonly Record<string, ort.Tensor>[]): Promise<Map<string, Range>> {
  const probe = cloneModel(model);
  const graph = probe.graph as NonNullable<Model['graph']>;
  const outputs = new Set((graph.output ?? []).map((o) => o.name));
  for (const t of tensors) if (!outputs.has(t)) (graph.output ??= []).push(onnx.ValueInfoProto.create({ name: t }));
  const session = await ort.InferenceSession.create(encodeModel(probe), { logSeverityLevel: 3, graphOptimizationLevel: 'disabled' });
  const ranges = new Map<string, Range>();
  try {
    for (const feeds of sets) {
      const results = await session.run(feeds, [...tensors]);
      for (const t of tensors) {
        const data = results[t]?.data as Float32Array;
        const r = ranges.get(t) ?? { min: Infinity, max: -Infinity };
        for (const v of data) {
          if (v < r.min) r.min = v;
          if (v > r.max) r.max = v;
        }
        ranges.set(t, r);
      }
    }
  } finally {
    await session.release();
  }
  return ranges;
}

/** uint8 asymmetric parameters of a range widened to include 0, as onnxruntime.quantization computes them. */
export function activationParameters(r: Range): { scale: number; zeroPoint: number } {
  const lo = Math.min(r.min, 0);
  const hi = Math.max(r.max, 0);
  const scale = hi === lo ? 1 : Math.fround((hi - lo) / 255);
  return { scale, zeroPoint: Math.max(0, Math.min(255, roundHalfEven(-lo / scale))) };
}

export function quantizeStaticQdq(model: Model, types: ReadonlyMap<string, number>, ranges: ReadonlyMap<string, Range>): TransformOutcome {
  const graph = model.graph as NonNullable<Model['graph']>;
  const { nodes, skipped } = plan(model, types);
  const fresh = nameSource(graph);
  const initializers = constantInitializers(graph);
  const graphOutputs = new Set((graph.output ?? []).map((o) => o.name ?? ''));
  const added: Tensor[] = [];
  const planned = new Map(nodes.map((p) => [p.node, p]));
  const qdq = new Map<string, { scale: number; dq: string; scaleName: string }>(); // activation → its DequantizeLinear output
  const out: Node[] = [];

  /** Q → DQ after `source` (the tensor's producer), once per tensor; `result` names the DQ output. */
  const addQdq = (tensor: string, source: string, result: string) => {
    const r = ranges.get(tensor);
    if (!r) throw new Error(`no calibrated range for '${tensor}'`);
    const { scale, zeroPoint } = activationParameters(r);
    const s = fresh(`${tensor}_scale`);
    const z = fresh(`${tensor}_zero_point`);
    const q = fresh(`${tensor}_quantized`);
    added.push(makeTensor(s, DT.FLOAT, [], Float32Array.of(scale)), makeTensor(z, DT.UINT8, [], Uint8Array.of(zeroPoint)));
    out.push(makeNode('QuantizeLinear', [source, s, z], [q], fresh(`${tensor}_QuantizeLinear`)), makeNode('DequantizeLinear', [q, s, z], [result], fresh(`${tensor}_DequantizeLinear`)));
    qdq.set(tensor, { scale, dq: result, scaleName: s });
  };
  const activation = (x: string) => {
    if (!qdq.has(x)) addQdq(x, x, fresh(`${x}_dequantized`));
    return qdq.get(x) as { scale: number; dq: string; scaleName: string };
  };
  const constantDq = (stem: string, dataType: number, dims: number[], data: Int8Array | Int32Array, scale: number) => {
    const q = fresh(`${stem}_quantized`);
    const s = fresh(`${stem}_scale`);
    const z = fresh(`${stem}_zero_point`);
    const dq = fresh(`${stem}_dequantized`);
    added.push(makeTensor(q, dataType, dims, data), makeTensor(s, DT.FLOAT, [], Float32Array.of(scale)), makeTensor(z, dataType, [], dataType === DT.INT32 ? Int32Array.of(0) : Int8Array.of(0)));
    out.push(makeNode('DequantizeLinear', [q, s, z], [dq], fresh(`${stem}_DequantizeLinear`)));
    return dq;
  };

  const range = localInt8WeightRange();
  for (const n of graph.node ?? []) {
    // Readers of a quantized node's output read its dequantized value (added right after it).
    n.input = (n.input ?? []).map((i) => qdq.get(i)?.dq ?? i);
    const p = planned.get(n);
    if (!p) {
      out.push(n);
      continue;
    }
    const xa = activation(p.x);
    const wTensor = initializers.get(p.w) as Tensor;
    const wq = quantizeSymmetricInt8(weightOf(n, p.w, initializers) as Float32Array, range.qmax);
    const inputs = [xa.dq, constantDq(p.w, DT.INT8, dimsOf(wTensor), wq.data, wq.scale)];
    if (p.bias) {
      // int32 bias at scale x_scale · w_scale, as the fused kernels take it.
      const bTensor = initializers.get(p.bias) as Tensor;
      const biasScale = Math.fround(xa.scale * wq.scale);
      const b = tensorFromProto(bTensor, `bias '${p.bias}'`).data as Float32Array;
      const bq = Int32Array.from(b, (v) => roundHalfEven(Math.fround(v / biasScale)));
      inputs.push(constantDq(p.bias, DT.INT32, dimsOf(bTensor), bq, biasScale));
    }
    const inner = graphOutputs.has(p.y) ? fresh(`${p.y}_float`) : p.y;
    n.input = [...inputs, ...(n.input ?? []).slice(inputs.length)];
    n.output = [inner, ...(n.output ?? []).slice(1)];
    out.push(n);
    if (inner !== p.y) {
      addQdq(p.y, inner, p.y);
      qdq.delete(p.y); // readers use the graph output's own name, which the DQ writes
    } else addQdq(p.y, p.y, fresh(`${p.y}_dequantized`));
  }
  graph.node = out;
  const read = namesRead(graph);
  const graphInputs = new Set((graph.input ?? []).map((i) => i.name ?? ''));
  graph.initializer = [...(graph.initializer ?? []).filter((t) => read.has(t.name ?? '') || graphInputs.has(t.name ?? '')), ...added];
  return { converted: nodes.length, skipped, notes: nodes.length > 0 ? [`${plural(nodes.length, 'node')} quantized in QDQ form with ranges calibrated on the given inputs`, range.why] : [] };
}

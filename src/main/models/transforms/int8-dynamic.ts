/**
 * INT8 dynamic quantization, as onnxruntime.quantization.quantize_dynamic writes it: weights
 * quantized ahead of time (int8, per tensor, symmetric), activations quantized at run time by
 * DynamicQuantizeLinear (uint8), then MatMulInteger / ConvInteger, a Cast to float and a Mul by
 * the product of the two scales. ONNX Runtime's CPU optimizer fuses these into its
 * DynamicQuantizeMatMul / MatMulIntegerToFloat kernels. MatMul, Gemm and Conv are rewritten when
 * their weight is a stored float initializer; anything else is skipped with the reason.
 */
import { tensorFromProto } from '../../engine/tensor-files';
import { agree, plural } from '../../../shared/format';
import { constantInitializers, quantizableNodes, weightOf } from './quantizable';
import { quantizeSymmetricInt8, transpose2d } from './quantize-weights';
import { localInt8WeightRange } from './int8-weight-range';
import type { SkippedNode, TransformOutcome } from './skipped';
import { defaultOpset, DT, dimsOf, intAttr, makeNode, makeTensor, namesRead, nameSource, nodeLabel, num, type Attribute, type Model, type Node, type Tensor } from './onnx-model';

/** DynamicQuantizeLinear arrived in opset 11. */
const MIN_OPSET = 11;

const attr = (n: Node, name: string): Attribute | undefined => (n.attribute ?? []).find((a) => a.name === name);
const intOf = (n: Node, name: string, fallback: number): number => {
  const a = attr(n, name);
  return a ? num(a.i ?? fallback) : fallback;
};
const floatOf = (n: Node, name: string, fallback: number): number => attr(n, name)?.f ?? fallback;

export function quantizeDynamicInt8(model: Model, types: ReadonlyMap<string, number>): TransformOutcome {
  const graph = model.graph as NonNullable<Model['graph']>;
  const candidates = quantizableNodes(graph);
  const opset = defaultOpset(model);
  if (opset < MIN_OPSET) {
    return {
      converted: 0,
      skipped: candidates.map((n) => ({ node: nodeLabel(n), op: n.opType ?? '', reason: `the model is opset ${opset}; DynamicQuantizeLinear needs opset ${MIN_OPSET} or later (re-export at a newer opset)` })),
      notes: [],
    };
  }
  const fresh = nameSource(graph);
  const graphInputs = new Set((graph.input ?? []).map((i) => i.name ?? ''));
  const initializers = constantInitializers(graph);
  const added: Tensor[] = [];
  const quantized = new Map<string, { q: string; scale: string; zero: string }>();
  const activations = new Map<string, { q: string; scale: string; zero: string }>();
  const skipped: SkippedNode[] = [];
  const out: Node[] = [];
  let converted = 0;

  const range = localInt8WeightRange();
  const quantizeWeight = (key: string, w: Float32Array, dims: number[]) => {
    let q = quantized.get(key);
    if (!q) {
      const r = quantizeSymmetricInt8(w, range.qmax);
      q = { q: fresh(`${key}_quantized`), scale: fresh(`${key}_scale`), zero: fresh(`${key}_zero_point`) };
      added.push(makeTensor(q.q, DT.INT8, dims, r.data), makeTensor(q.scale, DT.FLOAT, [], Float32Array.of(r.scale)), makeTensor(q.zero, DT.INT8, [], Int8Array.of(0)));
      quantized.set(key, q);
    }
    return q;
  };
  /** One DynamicQuantizeLinear per activation, however many nodes read it (Q, K and V share theirs). */
  const quantizeActivation = (x: string) => {
    let a = activations.get(x);
    if (!a) {
      a = { q: fresh(`${x}_quantized`), scale: fresh(`${x}_scale`), zero: fresh(`${x}_zero_point`) };
      out.push(makeNode('DynamicQuantizeLinear', [x], [a.q, a.scale, a.zero], fresh(`${x}_DynamicQuantizeLinear`)));
      activations.set(x, a);
    }
    return a;
  };
  /** integer op → Cast to float → × (activation scale · weight scale · alpha) → output. */
  const dequantize = (n: Node, integer: string, x: { scale: string }, w: { scale: string }, output: string, alpha = 1) => {
    const stem = nodeLabel(n);
    const asFloat = fresh(`${stem}_output_float`);
    const scale = fresh(`${stem}_scale`);
    out.push(makeNode('Cast', [integer], [asFloat], fresh(`${stem}_Cast`), [intAttr('to', DT.FLOAT)]));
    out.push(makeNode('Mul', [x.scale, w.scale], [scale], fresh(`${stem}_scales`)));
    if (alpha !== 1) {
      const a = fresh(`${stem}_alpha`);
      added.push(makeTensor(a, DT.FLOAT, [], Float32Array.of(alpha)));
      const scaled = fresh(`${stem}_scale_alpha`);
      out.push(makeNode('Mul', [scale, a], [scaled], fresh(`${stem}_alpha_Mul`)));
      out.push(makeNode('Mul', [asFloat, scaled], [output], fresh(`${stem}_dequantize`)));
    } else out.push(makeNode('Mul', [asFloat, scale], [output], fresh(`${stem}_dequantize`)));
  };
  const skip = (n: Node, reason: string) => {
    skipped.push({ node: nodeLabel(n), op: n.opType ?? '', reason });
    out.push(n);
  };

  for (const n of graph.node ?? []) {
    if (!candidates.includes(n)) {
      out.push(n);
      continue;
    }
    const [x = '', wName = '', bias = ''] = n.input ?? [];
    const y = n.output?.[0] ?? '';
    if (types.get(x) !== DT.FLOAT) {
      skip(n, `its input '${x}' is not float32`);
      continue;
    }
    const w = weightOf(n, wName, initializers);
    if (typeof w === 'string') {
      skip(n, w);
      continue;
    }
    const wDims = dimsOf(initializers.get(wName) as Tensor);
    const stem = nodeLabel(n);
    if (n.opType === 'MatMul') {
      const qw = quantizeWeight(wName, w, wDims);
      const xa = quantizeActivation(x);
      const integer = fresh(`${stem}_int32`);
      out.push(makeNode('MatMulInteger', [xa.q, qw.q, xa.zero, qw.zero], [integer], fresh(`${stem}_MatMulInteger`)));
      dequantize(n, integer, xa, qw, y);
    } else if (n.opType === 'Gemm') {
      if (intOf(n, 'transA', 0) !== 0) {
        skip(n, 'transA = 1 (a transposed activation) has no MatMulInteger form');
        continue;
      }
      const beta = floatOf(n, 'beta', 1);
      const biasTensor = bias ? initializers.get(bias) : undefined;
      if (bias && beta !== 1 && !biasTensor) {
        skip(n, `beta = ${beta} scales a bias '${bias}' that is not a stored initializer`);
        continue;
      }
      const transB = intOf(n, 'transB', 0) === 1;
      const [rows = 0, cols = 0] = wDims;
      const qw = quantizeWeight(transB ? `${wName}_transposed` : wName, transB ? transpose2d(w, rows, cols) : w, transB ? [cols, rows] : wDims);
      const xa = quantizeActivation(x);
      const integer = fresh(`${stem}_int32`);
      out.push(makeNode('MatMulInteger', [xa.q, qw.q, xa.zero, qw.zero], [integer], fresh(`${stem}_MatMulInteger`)));
      const product = bias ? fresh(`${stem}_product`) : y;
      dequantize(n, integer, xa, qw, product, floatOf(n, 'alpha', 1));
      if (bias) {
        let c = bias;
        if (beta !== 1 && biasTensor) {
          c = fresh(`${bias}_beta`);
          const data = Float32Array.from(tensorFromProto(biasTensor, `bias '${bias}'`).data as Float32Array, (v) => v * beta);
          added.push(makeTensor(c, DT.FLOAT, dimsOf(biasTensor), data));
        }
        out.push(makeNode('Add', [product, c], [y], fresh(`${stem}_bias`)));
      }
    } else {
      if (bias && !initializers.has(bias)) {
        skip(n, `its bias '${bias}' is computed in the graph; ConvInteger has no bias input to take it`);
        continue;
      }
      const qw = quantizeWeight(wName, w, wDims);
      const xa = quantizeActivation(x);
      const integer = fresh(`${stem}_int32`);
      const convAttrs = (n.attribute ?? []).filter((a) => ['auto_pad', 'dilations', 'group', 'kernel_shape', 'pads', 'strides'].includes(a.name ?? ''));
      out.push(makeNode('ConvInteger', [xa.q, qw.q, xa.zero, qw.zero], [integer], fresh(`${stem}_ConvInteger`), convAttrs));
      const product = bias ? fresh(`${stem}_product`) : y;
      dequantize(n, integer, xa, qw, product);
      if (bias) {
        const b = initializers.get(bias) as Tensor;
        // ConvInteger has no bias input: add it after, broadcast over the spatial axes ([1, C, 1, …]).
        const reshaped = fresh(`${bias}_broadcast`);
        added.push(makeTensor(reshaped, DT.FLOAT, [1, dimsOf(b)[0] ?? 1, ...wDims.slice(2).map(() => 1)], tensorFromProto(b, `bias '${bias}'`).data as Float32Array));
        out.push(makeNode('Add', [product, reshaped], [y], fresh(`${stem}_bias`)));
      }
    }
    converted++;
  }

  graph.node = out;
  // Float weights nothing reads any more are dropped (that is where the file gets smaller).
  const read = namesRead(graph);
  const before = (graph.initializer ?? []).length;
  graph.initializer = [...(graph.initializer ?? []).filter((t) => read.has(t.name ?? '') || graphInputs.has(t.name ?? '')), ...added];
  const dropped = before - (graph.initializer.length - added.length);
  return { converted, skipped, notes: converted > 0 ? [`${plural(quantized.size, 'weight tensor')} quantized to int8 (per tensor, symmetric); ${plural(dropped, 'float32 tensor')} no longer read ${agree(dropped, 'was', 'were')} dropped`, range.why] : [] };
}

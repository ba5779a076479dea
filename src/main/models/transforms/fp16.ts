/**
 * FP32 → FP16 over the ONNX graph, as onnxconverter-common's float16 converter does with
 * keep_io_types: float initializers, constants and intermediate tensors become float16, graph
 * inputs and outputs stay float32 behind Cast nodes, and block-listed ops stay in float32 with a
 * Cast on each side. Constants are clamped into float16's range first.
 */
import { clampToFloat16Range, toFloat16Bits } from '../../../shared/float16';
import { agree, plural } from '../../../shared/format';
import { tensorFromProto } from '../../engine/tensor-files';
import type { SkippedNode, TransformOutcome } from './skipped';
import { DT, dimsOf, num, intAttr, makeNode, makeTensor, nameSource, nodeLabel, nodeWithSubgraph, onnx, TransformError, type Model, type Node, type Tensor } from './onnx-model';

const RANGE = 'its result is range-sensitive: a reduction over many elements or a power overflows or loses precision in float16';
/** Ops kept in float32, with the reason each is (onnxconverter-common's list, plus range-sensitive reductions). */
export const FP16_BLOCK_LIST: Readonly<Record<string, string>> = {
  Resize: 'its scales and coordinate arithmetic need float32 (an input it reads as float)',
  Upsample: 'its scales and coordinate arithmetic need float32 (an input it reads as float)',
  RoiAlign: 'box coordinates lose precision in float16',
  NonMaxSuppression: 'box scores and coordinates decide which boxes survive; float16 ties change the answer',
  TopK: 'float16 ties change which elements are selected',
  Range: 'its bounds and step become inexact in float16, which changes the number of elements',
  CumSum: RANGE,
  ReduceSum: RANGE,
  ReduceSumSquare: RANGE,
  ReduceMean: RANGE,
  ReduceProd: RANGE,
  ReduceL1: RANGE,
  ReduceL2: RANGE,
  ReduceLogSum: RANGE,
  ReduceLogSumExp: RANGE,
  Pow: RANGE,
  RandomNormal: 'a random generator: converting it changes the distribution it draws from',
  RandomUniform: 'a random generator: converting it changes the distribution it draws from',
  RandomNormalLike: 'a random generator: converting it changes the distribution it draws from',
  RandomUniformLike: 'a random generator: converting it changes the distribution it draws from',
  Multinomial: 'a random generator: converting it changes the distribution it draws from',
  QuantizeLinear: 'already quantized: its scales stay float32',
  DequantizeLinear: 'already quantized: its scales stay float32',
  DynamicQuantizeLinear: 'already quantized: it takes float32 only',
};

type Precision = 'fp16' | 'fp32';
const METADATA_OPS = new Set(['Shape', 'Size']);

export interface Fp16Options {
  /** More ops to keep in float32 (op type → reason), e.g. those ONNX Runtime refused in float16. */
  keepOps?: ReadonlyMap<string, string>;
}

function toHalfTensor(t: Tensor, name: string): { tensor: Tensor; clamped: number } {
  const values = tensorFromProto(t, `tensor '${t.name}'`).data as Float32Array;
  const half = new Uint16Array(values.length);
  let clamped = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const c = clampToFloat16Range(v);
    if (c !== v) clamped++;
    half[i] = toFloat16Bits(c);
  }
  return { tensor: makeTensor(name, DT.FLOAT16, dimsOf(t), half), clamped };
}

/** Rewrites `model` (already a copy) to float16. `types` are the element types of its values. */
export function convertToFloat16(model: Model, types: ReadonlyMap<string, number>, opts: Fp16Options = {}): TransformOutcome {
  const graph = model.graph as NonNullable<Model['graph']>;
  const withSubgraph = nodeWithSubgraph(graph);
  if (withSubgraph) throw new TransformError(`fp16: ${withSubgraph.opType} node '${nodeLabel(withSubgraph)}' holds a subgraph; converting control flow is not supported.`);
  const isFloat = (v: string) => v !== '' && types.get(v) === DT.FLOAT;
  const fresh = nameSource(graph);
  const nodes = graph.node ?? [];
  const graphInputs = new Set((graph.input ?? []).map((i) => i.name ?? ''));
  const graphOutputs = new Set((graph.output ?? []).map((o) => o.name ?? ''));
  const initializers = new Map((graph.initializer ?? []).filter((t) => !graphInputs.has(t.name ?? '')).map((t) => [t.name ?? '', t]));

  // 1. Each node that touches a float tensor runs in float16 unless a reason keeps it in float32.
  const precision = new Map<Node, Precision>();
  const reasons = new Map<Node, string>();
  const keep = (n: Node, reason: string) => {
    precision.set(n, 'fp32');
    reasons.set(n, reason);
  };
  for (const n of nodes) {
    // Shape and Size read only a tensor's metadata: whatever its precision, they need no Cast.
    if (METADATA_OPS.has(n.opType ?? '') || ![...(n.input ?? []), ...(n.output ?? [])].some(isFloat)) continue;
    const op = n.opType ?? '';
    const blocked = FP16_BLOCK_LIST[op] ?? opts.keepOps?.get(op);
    if (n.domain && n.domain !== 'ai.onnx') keep(n, `an op of domain ${n.domain}: its float16 support is unknown`);
    else if (blocked) keep(n, blocked);
    else if ((n.output ?? []).some((o) => o && types.get(o) === undefined)) keep(n, 'ONNX Runtime could not infer the type of its output');
    else precision.set(n, 'fp16');
  }
  const producer = new Map<string, Node>();
  const consumers = new Map<string, Node[]>();
  for (const n of nodes) {
    for (const o of n.output ?? []) producer.set(o, n);
    for (const i of n.input ?? []) if (i) consumers.set(i, [...(consumers.get(i) ?? []), n]);
  }

  // 2. A float16 node between float32 nodes on every side would only add Casts: keep it too.
  // (Graph inputs do not count as such neighbours: keep_io_types puts a Cast there either way.)
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of nodes) {
      if (precision.get(n) !== 'fp16') continue;
      const computedIns = (n.input ?? []).filter((i) => isFloat(i) && producer.has(i) && producer.get(i)?.opType !== 'Constant');
      const floatOuts = (n.output ?? []).filter(isFloat);
      const insFp32 = computedIns.length > 0 && computedIns.every((i) => precision.get(producer.get(i) as Node) !== 'fp16');
      const outsFp32 = floatOuts.every((o) => graphOutputs.has(o) || (consumers.get(o) ?? []).every((c) => precision.get(c) === 'fp32'));
      if (insFp32 && outsFp32) {
        keep(n, 'its neighbours all run in float32, so float16 here would only add Casts');
        changed = true;
      }
    }
  }

  // A Constant feeding a float32 node stays float32 itself (not a skip: nothing is computed there).
  for (const n of nodes) {
    if (n.opType === 'Constant' && precision.get(n) === 'fp16' && (n.output ?? []).some((o) => (consumers.get(o) ?? []).some((c) => precision.get(c) !== 'fp16'))) precision.set(n, 'fp32');
  }

  // 3. A float initializer becomes float16 when every node reading it does.
  const notes: string[] = [];
  let clampedValues = 0;
  const home = new Map<string, Precision>();
  const newInitializers: Tensor[] = [];
  for (const t of graph.initializer ?? []) {
    const name = t.name ?? '';
    const readers = consumers.get(name) ?? [];
    if (t.dataType === DT.FLOAT && initializers.has(name) && !graphOutputs.has(name) && readers.length > 0 && readers.every((r) => precision.get(r) === 'fp16')) {
      const { tensor, clamped } = toHalfTensor(t, name);
      clampedValues += clamped;
      newInitializers.push(tensor);
      home.set(name, 'fp16');
    } else {
      newInitializers.push(t);
      if (t.dataType === DT.FLOAT) home.set(name, 'fp32');
    }
  }
  for (const n of nodes) for (const o of n.output ?? []) if (isFloat(o)) home.set(o, precision.get(n) ?? 'fp32');
  for (const i of graphInputs) if (isFloat(i)) home.set(i, 'fp32');

  // 4. Rebuild the node list: Casts where a value's precision differs from its reader's.
  const out: Node[] = [];
  const physical = new Map<string, string>(); // graph outputs computed in float16 get a new inner name
  const casts = new Map<string, string>();
  const castTo = (v: string, want: Precision): string => {
    if (home.get(v) === want) return physical.get(v) ?? v;
    if (want === 'fp32' && graphOutputs.has(v)) return v; // the boundary Cast already makes it
    const key = `${v}|${want}`;
    let name = casts.get(key);
    if (!name) {
      name = fresh(`${v}_${want}`);
      casts.set(key, name);
      out.push(makeNode('Cast', [physical.get(v) ?? v], [name], fresh(`Cast_${name}`), [intAttr('to', want === 'fp16' ? DT.FLOAT16 : DT.FLOAT)]));
    }
    return name;
  };
  let converted = 0;
  for (const n of nodes) {
    const p = precision.get(n);
    if (!p) {
      out.push(n);
      continue;
    }
    n.input = (n.input ?? []).map((i) => (isFloat(i) ? castTo(i, p) : i));
    if (p === 'fp16') {
      clampedValues += convertAttributes(n, types, fresh);
      converted++;
    }
    const boundary: Node[] = [];
    n.output = (n.output ?? []).map((o) => {
      if (p !== 'fp16' || !isFloat(o) || !graphOutputs.has(o)) return o;
      const inner = fresh(`${o}_fp16`);
      physical.set(o, inner);
      boundary.push(makeNode('Cast', [inner], [o], fresh(`Cast_${o}`), [intAttr('to', DT.FLOAT)]));
      return inner;
    });
    out.push(n, ...boundary);
  }
  graph.node = out;
  graph.initializer = newInitializers;
  for (const v of graph.valueInfo ?? []) {
    const tt = v.type?.tensorType;
    if (tt && tt.elemType === DT.FLOAT && home.get(v.name ?? '') === 'fp16') tt.elemType = DT.FLOAT16;
  }
  if (clampedValues > 0) notes.push(`${plural(clampedValues, 'constant value')} outside float16's range ${agree(clampedValues, 'was', 'were')} clamped (to ±65504, or ±2^-24 for tiny non-zero values)`);
  const skipped: SkippedNode[] = nodes.filter((n) => reasons.has(n)).map((n) => ({ node: nodeLabel(n), op: n.opType ?? '', reason: reasons.get(n) as string }));
  return { converted, skipped, notes };
}

/** Float tensors in attributes (Constant, ConstantOfShape) and Cast targets follow the node to float16; returns values clamped. */
function convertAttributes(n: Node, types: ReadonlyMap<string, number>, fresh: (stem: string) => string): number {
  let clamped = 0;
  const A = onnx.AttributeProto.AttributeType;
  for (const a of n.attribute ?? []) {
    if (a.t && a.t.dataType === DT.FLOAT) {
      const r = toHalfTensor(a.t, a.t.name ?? '');
      a.t = r.tensor;
      clamped += r.clamped;
    }
    if (n.opType === 'Cast' && a.name === 'to' && num(a.i ?? 0) === DT.FLOAT) a.i = DT.FLOAT16;
  }
  // Constant's float shorthands and ConstantOfShape's default (a float32 zero) become explicit float16 tensors.
  if (n.opType === 'Constant') {
    const short = (n.attribute ?? []).find((a) => a.name === 'value_float' || a.name === 'value_floats');
    if (short) {
      const values = short.name === 'value_float' ? [short.f ?? 0] : (short.floats ?? []);
      const data = Uint16Array.from(values, (v) => toFloat16Bits(clampToFloat16Range(v)));
      n.attribute = [onnx.AttributeProto.create({ name: 'value', type: A.TENSOR, t: makeTensor(fresh('value'), DT.FLOAT16, short.name === 'value_float' ? [] : [values.length], data) })];
    }
  }
  if (n.opType === 'ConstantOfShape' && !(n.attribute ?? []).some((a) => a.name === 'value') && types.get(n.output?.[0] ?? '') === DT.FLOAT) {
    n.attribute = [...(n.attribute ?? []), onnx.AttributeProto.create({ name: 'value', type: A.TENSOR, t: makeTensor('', DT.FLOAT16, [1], Uint16Array.of(0)) })];
  }
  return clamped;
}

/**
 * The model's main graph for the Models view, read from its protobuf: nodes with their op,
 * inputs and outputs (with the shapes the file states), attributes summarised, initializers as
 * weight counts, and producer→consumer edges. Never weights themselves: the payload stays small.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';
import { MAX_ATTRIBUTE_CHARS, MAX_GRAPH_NODES, type GraphNode, type GraphTensor, type ModelGraph } from '../../shared/model-graph';
import type { Dim } from '../../shared/model';
import { flopsOf } from '../engine/profile-trace';
import { elementTypeName, toNumber } from '../engine/tensor-files';
import { ModelError } from './model-error';
import { decodeModel } from './onnx-graph';

const { onnx } = onnxProto;
const A = onnx.AttributeProto.AttributeType;
type Num = Parameters<typeof toNumber>[0];
type Attribute = InstanceType<typeof onnx.AttributeProto>;
type ValueInfo = InstanceType<typeof onnx.ValueInfoProto>;
type Tensor = InstanceType<typeof onnx.TensorProto>;

const cut = (text: string): string => (text.length > MAX_ATTRIBUTE_CHARS ? `${text.slice(0, MAX_ATTRIBUTE_CHARS - 1)}…` : text);
const list = (values: readonly (number | string)[]): string => cut(`[${values.join(', ')}]`);
const decoder = new TextDecoder();
const typeName = (code: number | null | undefined): string => elementTypeName(code ?? 0) ?? `type ${code ?? 0}`;
const tensorSummary = (t: Tensor | null | undefined): string => (t ? `tensor ${typeName(t.dataType)}${list((t.dims ?? []).map((d) => toNumber(d as Num)))}` : 'tensor');

/** One readable line per attribute; tensors and subgraphs by their size only. */
export function summarizeAttribute(a: Attribute): string {
  switch (a.type) {
    case A.FLOAT: return String(a.f ?? 0);
    case A.INT: return String(toNumber((a.i ?? 0) as Num));
    case A.STRING: return cut(JSON.stringify(decoder.decode(a.s ?? new Uint8Array())));
    case A.FLOATS: return list((a.floats ?? []).map((f) => Number(f.toPrecision(6))));
    case A.INTS: return list((a.ints ?? []).map((i) => toNumber(i as Num)));
    case A.STRINGS: return list((a.strings ?? []).map((s) => JSON.stringify(decoder.decode(s))));
    case A.TENSOR: return tensorSummary(a.t as Tensor);
    case A.TENSORS: return `${(a.tensors ?? []).length} tensors`;
    case A.GRAPH: return `subgraph (${a.g?.node?.length ?? 0} nodes)`;
    case A.GRAPHS: return `${(a.graphs ?? []).length} subgraphs`;
    default: return `(attribute type ${a.type ?? '?'})`;
  }
}

function tensorOfValueInfo(v: ValueInfo): GraphTensor {
  const t = v.type?.tensorType;
  if (!t) return { name: v.name ?? '' };
  const shape: Dim[] | undefined = t.shape ? (t.shape.dim ?? []).map((d) => (d.dimParam ? d.dimParam : d.dimValue !== undefined && d.dimValue !== null ? toNumber(d.dimValue as Num) : '?')) : undefined;
  return { name: v.name ?? '', type: typeName(t.elemType), ...(shape ? { shape } : {}) };
}

const staticShape = (t: GraphTensor | undefined): number[] | undefined => (t?.shape && t.shape.every((d): d is number => typeof d === 'number') ? t.shape : undefined);

/** FLOPs from stated shapes, for the ops profile-trace counts; null when a shape is unknown or the op is not counted. */
function staticFlops(opType: string, inputs: GraphTensor[], outputs: GraphTensor[]): number | null {
  const ins = inputs.slice(0, 2).map(staticShape);
  const out = staticShape(outputs[0]);
  if (!out || ins.some((s) => !s) || ins.length === 0) return null;
  const flops = flopsOf(opType, ins as number[][], [out]);
  return flops > 0 ? flops : null;
}

export function readModelGraph(path: string): ModelGraph {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new ModelError(`Model file not found: ${path}`);
  }
  const graph = decodeModel(path, bytes).graph;
  if (!graph) throw new ModelError(`${path} has no graph.`);
  const protoNodes = graph.node ?? [];
  if (protoNodes.length > MAX_GRAPH_NODES) {
    throw new ModelError(`${path} has ${protoNodes.length} nodes; the graph view draws up to ${MAX_GRAPH_NODES}.`);
  }
  const initializers = new Map<string, Tensor>((graph.initializer ?? []).map((t) => [t.name ?? '', t as Tensor]));
  const known = new Map<string, GraphTensor>();
  for (const v of [...(graph.input ?? []), ...(graph.valueInfo ?? []), ...(graph.output ?? [])]) known.set(v.name ?? '', tensorOfValueInfo(v as ValueInfo));
  for (const [name, t] of initializers) known.set(name, { name, type: typeName(t.dataType), shape: (t.dims ?? []).map((d) => toNumber(d as Num)) });
  const tensor = (name: string): GraphTensor => known.get(name) ?? { name };

  const inputs = (graph.input ?? []).filter((v) => !initializers.has(v.name ?? '')).map((v) => tensorOfValueInfo(v as ValueInfo));
  const outputs = (graph.output ?? []).map((v) => tensorOfValueInfo(v as ValueInfo));
  const producer = new Map<string, string>(inputs.map((t) => [t.name, `input:${t.name}`]));
  const ids = new Set<string>();
  const nodes: GraphNode[] = protoNodes.map((n, index) => {
    const opType = n.opType ?? '?';
    const name = n.name ?? '';
    let id = name && !ids.has(name) ? name : `${opType}_${index}`;
    if (ids.has(id)) id = `${id}#${index}`;
    ids.add(id);
    const ins = (n.input ?? []).filter((i) => i !== '').map(tensor);
    const outs = (n.output ?? []).filter((o) => o !== '').map(tensor);
    for (const o of outs) producer.set(o.name, id);
    let tensors = 0;
    let elements = 0;
    for (const i of ins) {
      const init = initializers.get(i.name);
      if (!init) continue;
      tensors++;
      elements += (init.dims ?? []).reduce((a: number, d) => a * toNumber(d as Num), 1);
    }
    return {
      id,
      name,
      index,
      opType,
      domain: n.domain || 'ai.onnx',
      inputs: ins,
      outputs: outs,
      attributes: (n.attribute ?? []).map((a) => ({ name: a.name ?? '', value: summarizeAttribute(a as Attribute) })),
      weights: { tensors, elements },
      flops: staticFlops(opType, ins, outs),
    };
  });
  // Edges after all producers are known: ONNX requires topological order, but not every exporter keeps it.
  const edges: ModelGraph['edges'] = [];
  for (const node of nodes) {
    for (const i of node.inputs) {
      const from = producer.get(i.name);
      if (from !== undefined && from !== node.id) edges.push({ from, to: node.id, tensor: i.name });
    }
  }
  for (const o of outputs) {
    const from = producer.get(o.name);
    if (from !== undefined) edges.push({ from, to: `output:${o.name}`, tensor: o.name });
  }
  return { path, hash: createHash('sha256').update(bytes).digest('hex').slice(0, 16), nodes, inputs, outputs, edges };
}

/**
 * The ONNX protobuf as the transforms edit it: read (refusing what they cannot rewrite safely),
 * encoded, and a few small builders for the nodes and tensors they add.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import onnxProto from 'onnx-proto';
import { toNumber } from '../../engine/tensor-files';
import { ModelError } from '../model-error';

export const { onnx } = onnxProto;
export type Model = InstanceType<typeof onnx.ModelProto>;
// Decoded messages hold their children as the interface types; the transforms edit those in place.
export type Graph = onnxProto.onnx.IGraphProto;
export type Node = onnxProto.onnx.INodeProto;
export type Tensor = onnxProto.onnx.ITensorProto;
export type Attribute = onnxProto.onnx.IAttributeProto;
type Num = Parameters<typeof toNumber>[0];

/** A transform that cannot produce a usable model; the message names the op and why. */
export class TransformError extends ModelError {}

/** ONNX TensorProto.DataType values the transforms use. */
export const DT = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7, FLOAT16: 10 } as const;

/** protobuf's hard limit: a model past it must keep its weights in external data files. */
const PROTOBUF_LIMIT = 2 ** 31 - 1;

export const num = (v: unknown): number => toNumber(v as Num);
export const dimsOf = (t: Tensor): number[] => (t.dims ?? []).map(num);

/** Reads a self-contained .onnx file; external data and oversize files are refused by name. */
export function readModel(path: string): Model {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new TransformError(`Model file not found: ${path}`);
  }
  if (size > PROTOBUF_LIMIT) throw new TransformError(`${basename(path)} is over 2 GiB, protobuf's limit; Dyno's transforms read self-contained models only.`);
  let model: Model;
  try {
    model = onnx.ModelProto.decode(readFileSync(path));
  } catch (err) {
    throw new TransformError(`${basename(path)} is not a valid ONNX model (${(err as Error).message}).`);
  }
  if (!model.graph) throw new TransformError(`${basename(path)} has no graph.`);
  const external = (model.graph.initializer ?? []).find((t) => t.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL);
  if (external) {
    const file = external.externalData?.find((e) => e.key === 'location')?.value ?? '?';
    throw new TransformError(
      `${basename(path)} keeps tensor '${external.name}' in external data (${file}); Dyno's transforms read self-contained .onnx files only: save it with onnx.save(model, path, save_as_external_data=False).`,
    );
  }
  return model;
}

export function encodeModel(model: Model): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

/** A deep copy, so a transform that fails halfway leaves the caller's model as it was. */
export function cloneModel(model: Model): Model {
  return onnx.ModelProto.decode(encodeModel(model));
}

/** The opset of the default domain. */
export function defaultOpset(model: Model): number {
  const entry = (model.opsetImport ?? []).find((o) => !o.domain || o.domain === 'ai.onnx');
  return entry ? num(entry.version ?? 0) : 0;
}

/** The first node whose attributes hold a subgraph (If, Loop, Scan), if any. */
export function nodeWithSubgraph(graph: Graph): Node | undefined {
  return (graph.node ?? []).find((n) => (n.attribute ?? []).some((a) => a.g || (a.graphs ?? []).length > 0));
}

/** Every name a node reads, subgraphs included (a subgraph may read an outer initializer by name). */
export function namesRead(graph: Graph): Set<string> {
  const read = new Set<string>();
  const visit = (g: Graph) => {
    for (const n of g.node ?? []) {
      for (const i of n.input ?? []) read.add(i);
      for (const a of n.attribute ?? []) for (const sub of [...(a.g ? [a.g] : []), ...(a.graphs ?? [])]) visit(sub);
    }
    for (const o of g.output ?? []) read.add(o.name ?? '');
  };
  visit(graph);
  return read;
}

export const nodeLabel = (n: Node): string => n.name || `${n.opType}→${n.output?.[0] ?? '?'}`;

export function makeNode(opType: string, input: string[], output: string[], name: string, attribute: Attribute[] = []): Node {
  return onnx.NodeProto.create({ opType, input, output, name, attribute });
}

export function intAttr(name: string, i: number): Attribute {
  return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i });
}

export function tensorAttr(name: string, t: Tensor): Attribute {
  return onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.TENSOR, t });
}

const bytesOf = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

export function makeTensor(name: string, dataType: number, dims: number[], data: Float32Array | Uint16Array | Int8Array | Uint8Array | Int32Array | BigInt64Array): Tensor {
  return onnx.TensorProto.create({ name, dataType, dims, rawData: bytesOf(data) });
}

/** Names not yet used in the graph, with a readable stem. */
export function nameSource(graph: Graph): (stem: string) => string {
  const used = new Set<string>();
  for (const v of [...(graph.input ?? []), ...(graph.output ?? []), ...(graph.valueInfo ?? [])]) used.add(v.name ?? '');
  for (const t of graph.initializer ?? []) used.add(t.name ?? '');
  for (const n of graph.node ?? []) {
    used.add(n.name ?? '');
    for (const o of n.output ?? []) used.add(o);
  }
  return (stem) => {
    let name = stem;
    for (let i = 1; used.has(name); i++) name = `${stem}_${i}`;
    used.add(name);
    return name;
  };
}

/**
 * What the ONNX file itself says, read with onnx-proto (the generated protobuf bindings of
 * onnx.proto): IR version, producer, opsets, operator histogram (subgraphs included),
 * stored parameters and metadata. ONNX Runtime does not expose these.
 */
import { readFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';
import type { ModelDetails } from '../../shared/model';
import { toNumber } from '../engine/tensor-files';
import { ModelError } from './model-error';

const { onnx } = onnxProto;
type Graph = InstanceType<typeof onnx.GraphProto>;
type Num = Parameters<typeof toNumber>[0];

const ELEMENT_BYTES: Record<number, number> = { 1: 4, 2: 1, 3: 1, 4: 2, 5: 2, 6: 4, 7: 8, 9: 1, 10: 2, 11: 8, 12: 4, 13: 8, 16: 2 };

function visitGraphs(graph: Graph | null | undefined, visit: (g: Graph) => void): void {
  if (!graph) return;
  visit(graph);
  for (const node of graph.node ?? []) {
    for (const attr of node.attribute ?? []) {
      if (attr.g) visitGraphs(attr.g as Graph, visit);
      for (const g of attr.graphs ?? []) visitGraphs(g as Graph, visit);
    }
  }
}

export type ModelProto = InstanceType<typeof onnx.ModelProto>;

/** The file's bytes decoded as an ONNX ModelProto, or a ModelError naming the file. */
export function decodeModel(path: string, bytes: Uint8Array = readFileSync(path)): ModelProto {
  try {
    return onnx.ModelProto.decode(bytes);
  } catch (err) {
    throw new ModelError(`${path} is not a valid ONNX model (${(err as Error).message}).`);
  }
}

export function readModelDetails(path: string): ModelDetails {
  const model = decodeModel(path);
  const histogram = new Map<string, number>();
  let parameters = 0;
  let parameterBytes = 0;
  let nodes = 0;
  visitGraphs(model.graph as Graph, (g) => {
    for (const n of g.node ?? []) {
      const key = n.domain && n.domain !== 'ai.onnx' ? `${n.domain}.${n.opType}` : (n.opType ?? '?');
      histogram.set(key, (histogram.get(key) ?? 0) + 1);
      nodes++;
    }
    for (const init of g.initializer ?? []) {
      const count = (init.dims ?? []).reduce((a: number, d) => a * toNumber(d as Num), 1);
      parameters += count;
      parameterBytes += count * (ELEMENT_BYTES[init.dataType ?? 0] ?? 0);
    }
  });
  return {
    irVersion: toNumber((model.irVersion ?? 0) as Num),
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' ') || 'unknown',
    graphName: model.graph?.name ?? '',
    opsets: (model.opsetImport ?? []).map((o) => ({ domain: o.domain || 'ai.onnx', version: toNumber((o.version ?? 0) as Num) })),
    nodeCount: nodes,
    opHistogram: [...histogram.entries()].map(([op, count]) => ({ op, count })).sort((a, b) => b.count - a.count || a.op.localeCompare(b.op)),
    parameterCount: parameters,
    parameterBytes,
    metadata: Object.fromEntries((model.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? ''])),
    docString: model.docString ?? '',
  };
}

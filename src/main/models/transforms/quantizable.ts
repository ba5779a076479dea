/** What both INT8 transforms look for: MatMul, Gemm and Conv nodes with a stored float32 weight. */
import { tensorFromProto } from '../../engine/tensor-files';
import { DT, nodeLabel, type Graph, type Node, type Tensor } from './onnx-model';

export const QUANTIZABLE_OPS = ['MatMul', 'Gemm', 'Conv'];

export function quantizableNodes(graph: Graph): Node[] {
  return (graph.node ?? []).filter((n) => QUANTIZABLE_OPS.includes(n.opType ?? '') && !n.domain);
}

/** Initializers by name, leaving out those that are also graph inputs (a caller may replace them). */
export function constantInitializers(graph: Graph): Map<string, Tensor> {
  const graphInputs = new Set((graph.input ?? []).map((i) => i.name ?? ''));
  return new Map((graph.initializer ?? []).filter((t) => !graphInputs.has(t.name ?? '')).map((t) => [t.name ?? '', t]));
}

/** The weight's values, or why it cannot be quantized ahead of time. */
export function weightOf(n: Node, name: string, initializers: ReadonlyMap<string, Tensor>): Float32Array | string {
  const t = initializers.get(name);
  if (!t) return `its weight '${name}' is computed in the graph (or is a graph input), not a stored initializer; quantizing it ahead of time needs a constant weight`;
  if (t.dataType !== DT.FLOAT) return `its weight '${name}' is not float32`;
  return tensorFromProto(t, `weight '${name}' of ${nodeLabel(n)}`).data as Float32Array;
}

/**
 * A profiled run's kernel times laid on the model file's nodes. ORT profiles the graph it
 * optimised, so a kernel is found in the file by, in order: its name (ORT names unnamed nodes
 * `<op>_<index>`, as the graph view does); its node index when that node has the same op; or,
 * for nodes a transformer made (NCHWc: `<tensor>_nchwc`), the node producing the tensor it is
 * named after — stepping back once to a node of the kernel's op, since a fused Conv+Relu is
 * named after the Relu's output. Kernels found nowhere (layout reorders) are counted apart.
 */
import type { GraphNode, ModelGraph, NodeProfile, NodeTime } from '../../shared/model-graph';
import type { KernelTime } from '../engine/profile-trace';

const TRANSFORMER_SUFFIXES = ['_nchwc'];

export function joinNodeTimes(
  graph: ModelGraph,
  trace: { kernels: Map<string, KernelTime>; totalUs: number; iterations: number; runUs?: number },
  run: { runId: string; executionProvider: string },
): NodeProfile {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const producerOf = new Map<string, GraphNode>();
  for (const n of graph.nodes) for (const o of n.outputs) producerOf.set(o.name, n);

  const find = (k: KernelTime): GraphNode | undefined => {
    const named = byId.get(k.name);
    if (named) return named;
    const atIndex = k.nodeIndex !== undefined ? graph.nodes[k.nodeIndex] : undefined;
    if (atIndex && atIndex.opType === k.opType) return atIndex;
    const suffix = TRANSFORMER_SUFFIXES.find((s) => k.name.endsWith(s));
    const base = suffix ? k.name.slice(0, -suffix.length) : k.name;
    const producer = byId.get(base) ?? producerOf.get(base);
    if (!producer) return undefined;
    if (producer.opType === k.opType) return producer;
    const before = producer.inputs[0] ? producerOf.get(producer.inputs[0].name) : undefined;
    return before?.opType === k.opType ? before : producer;
  };

  const perRun = Math.max(trace.iterations, 1);
  const share = (us: number): number => (trace.totalUs > 0 ? Math.min(us / trace.totalUs, 1) : 0);
  const times = new Map<string, { us: number; providers: Set<string>; flops: number; counted: boolean; kernels: string[] }>();
  let unmatchedKernels = 0;
  let unmatchedUs = 0;
  for (const k of trace.kernels.values()) {
    const node = find(k);
    if (!node) {
      unmatchedKernels++;
      unmatchedUs += k.us;
      continue;
    }
    const t = times.get(node.id) ?? { us: 0, providers: new Set<string>(), flops: 0, counted: false, kernels: [] };
    t.us += k.us;
    for (const p of k.providers) t.providers.add(p);
    t.flops += k.flops;
    t.counted ||= k.flops > 0;
    t.kernels.push(k.name);
    times.set(node.id, t);
  }
  const nodes: NodeTime[] = [...times.entries()].map(([id, t]) => ({
    id,
    ms: t.us / 1000 / perRun,
    share: share(t.us),
    providers: [...t.providers].sort(),
    flops: t.counted ? t.flops / perRun : null,
    kernels: t.kernels,
  }));
  return {
    runId: run.runId,
    executionProvider: run.executionProvider,
    iterations: trace.iterations,
    kernelMsPerIteration: trace.totalUs / 1000 / perRun,
    ...(trace.iterations > 0 && trace.runUs ? { passMeanMs: trace.runUs / 1000 / trace.iterations } : {}),
    nodes: nodes.sort((a, b) => b.ms - a.ms),
    unmatched: { kernels: unmatchedKernels, ms: unmatchedUs / 1000 / perRun, share: share(unmatchedUs) },
  };
}

/**
 * The open model's graph as the Models view draws it (Netron-style), and a profiled run's time
 * per node laid over it. The host reads the graph from the model's protobuf and the times from
 * the run's stored ONNX Runtime trace; both payloads are bounded (no weights, attributes
 * summarised), so a model of thousands of nodes stays a few hundred kilobytes.
 */
import { z } from 'zod';
import { DimSchema } from './model';

/** Beyond this many nodes the graph is not drawn (the layout alone would take minutes). */
export const MAX_GRAPH_NODES = 20_000;
/** An attribute's value as shown: long lists and strings are cut to this many characters. */
export const MAX_ATTRIBUTE_CHARS = 120;

export const GraphTensorSchema = z.object({
  name: z.string(),
  /** Element type and shape where the model states them (graph inputs/outputs, value_info, initializers). */
  type: z.string().optional(),
  shape: z.array(DimSchema).optional(),
});
export type GraphTensor = z.infer<typeof GraphTensorSchema>;

export const GraphNodeSchema = z.object({
  /** Unique key: the node's name, or `<op>_<index>` for unnamed or repeated names. */
  id: z.string(),
  /** The name the model gives it (may be empty). */
  name: z.string(),
  /** Index in the graph's node list: ONNX Runtime's profiler reports it as `node_index`. */
  index: z.number().int().nonnegative(),
  opType: z.string(),
  domain: z.string(),
  inputs: z.array(GraphTensorSchema),
  outputs: z.array(GraphTensorSchema),
  attributes: z.array(z.object({ name: z.string(), value: z.string() })),
  /** Initializer inputs: stored weights, as counts (never their values). */
  weights: z.object({ tensors: z.number().int().nonnegative(), elements: z.number().nonnegative() }),
  /** FLOPs from the shapes the model states, when all of them are known; null otherwise. */
  flops: z.number().nullable(),
});
export type GraphNode = z.infer<typeof GraphNodeSchema>;

export const ModelGraphSchema = z.object({
  path: z.string(),
  /** SHA-256 of the file (hex, first 16): the layout is cached under it. */
  hash: z.string(),
  /** Nodes of the main graph, in file order (subgraph bodies are summarised in attributes). */
  nodes: z.array(GraphNodeSchema),
  /** The graph's own inputs (initializers excluded) and outputs, drawn as terminals. */
  inputs: z.array(GraphTensorSchema),
  outputs: z.array(GraphTensorSchema),
  /** Edges from producer to consumer; `from`/`to` are node ids or `input:<name>` / `output:<name>`. */
  edges: z.array(z.object({ from: z.string(), to: z.string(), tensor: z.string() })),
});
export type ModelGraph = z.infer<typeof ModelGraphSchema>;

export const NodeTimeSchema = z.object({
  /** The graph node's id this time is for. */
  id: z.string(),
  /** Kernel time per measured iteration, ms, and its share of all kernel time. */
  ms: z.number().nonnegative(),
  share: z.number().min(0).max(1),
  /** Execution providers that ran it (a node split by ORT may run on two), e.g. "CUDAExecutionProvider". */
  providers: z.array(z.string()),
  /** FLOPs per iteration from the shapes ORT ran (null when the op's FLOPs are not counted). */
  flops: z.number().nullable(),
  /** The ORT kernels (fused or transformed nodes) whose time landed on this node. */
  kernels: z.array(z.string()),
});
export type NodeTime = z.infer<typeof NodeTimeSchema>;

export const NodeProfileSchema = z.object({
  runId: z.string(),
  /** The run's provider as configured ("cpu", "cuda", "webgpu", …). */
  executionProvider: z.string(),
  iterations: z.number().int().nonnegative(),
  kernelMsPerIteration: z.number().nonnegative(),
  /** Mean wall time per iteration of the profiling pass (see Profile.passMeanMs). */
  passMeanMs: z.number().nonnegative().optional(),
  nodes: z.array(NodeTimeSchema),
  /** Kernels ORT ran that match no node of the file (e.g. layout reorders it inserted), with their time. */
  unmatched: z.object({ kernels: z.number().int().nonnegative(), ms: z.number().nonnegative(), share: z.number().min(0).max(1) }),
});
export type NodeProfile = z.infer<typeof NodeProfileSchema>;

/** The CPU provider's name in ORT's trace: a node it ran on a GPU/WebGPU run fell back. */
export const CPU_PROVIDER_TRACE_NAME = 'CPUExecutionProvider';

/** Nodes that fell back to the CPU on a run configured for another provider. */
export function isFallback(time: NodeTime, executionProvider: string): boolean {
  return executionProvider !== 'cpu' && time.providers.includes(CPU_PROVIDER_TRACE_NAME);
}

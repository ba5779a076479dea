/**
 * Reads ONNX Runtime's profiler output (Chrome trace events, one "X" event per operator call)
 * into time by operator type and by node, and counts the FLOPs of the compute-heavy operators
 * from the shapes ORT actually ran with.
 */
import { z } from 'zod';
import type { Profile } from '../../shared/run-results';

const ShapeListSchema = z.array(z.record(z.string(), z.array(z.number()))).optional();
const EventSchema = z.object({
  cat: z.string().optional(),
  name: z.string(),
  dur: z.number().optional(),
  ts: z.number().optional(),
  args: z
    .object({
      op_name: z.string().optional(),
      provider: z.string().optional(),
      node_index: z.union([z.string(), z.number()]).optional(),
      input_type_shape: ShapeListSchema,
      output_type_shape: ShapeListSchema,
    })
    .passthrough()
    .optional(),
});

const numel = (dims: readonly number[] | undefined): number => (dims ?? []).reduce((a, b) => a * b, 1);
/** ORT writes each shape as { "<element type>": [dims] }. */
const shapesOf = (list: Record<string, number[]>[] | undefined): number[][] => (list ?? []).map((entry) => Object.values(entry)[0] ?? []);

/** 2 × multiply-accumulates for one call of a compute-heavy operator; 0 for everything else. */
export function flopsOf(opType: string, inputs: number[][], outputs: number[][]): number {
  const [a, w] = inputs;
  const out = outputs[0];
  switch (opType) {
    case 'Conv':
    case 'FusedConv':
    case 'NhwcFusedConv':
      // Each output element sums Cin/g × kernel products: numel(W) / Cout of them.
      return w && out && w[0] ? (2 * numel(out) * numel(w)) / w[0] : 0;
    case 'ConvTranspose':
      // Each input element spreads over Cout/g × kernel outputs: numel(W) / Cin of them.
      return a && w && w[0] ? (2 * numel(a) * numel(w)) / w[0] : 0;
    case 'MatMul':
    case 'FusedMatMul':
      return a && out ? 2 * numel(out) * (a.at(-1) ?? 1) : 0;
    case 'Gemm':
    case 'FusedGemm': {
      if (!a || !out || a.length !== 2 || !out[0]) return 0;
      const k = numel(a) / out[0]; // A is M×K or K×M (transA): either way numel(A) / M
      return 2 * numel(out) * k;
    }
    default:
      return 0;
  }
}

/** One kernel (an ORT node: a file's node, or one ORT fused or inserted) summed over the measured runs. */
export interface KernelTime {
  name: string;
  opType: string;
  /** ORT's node index: the file's node list index for nodes ORT kept; higher for nodes it made. */
  nodeIndex: number | undefined;
  providers: string[];
  us: number;
  calls: number;
  flops: number;
}

/**
 * Every measured kernel call of a trace, by kernel: the first `skip` runs (warm-up) left out,
 * or all but the last `keepLast` (a stored profile records how many runs it measured).
 */
export function kernelTimes(raw: unknown, skip: number | { keepLast: number } = 0): { kernels: Map<string, KernelTime>; totalUs: number; iterations: number; runUs: number } {
  const events = z.array(z.unknown()).parse(raw).flatMap((e) => {
    const p = EventSchema.safeParse(e);
    return p.success ? [p.data] : [];
  });
  // Warm-up runs are in the trace too: count only operator calls after the first `skipRuns` runs.
  const runs = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').sort((x, y) => (x.ts ?? 0) - (y.ts ?? 0));
  const skipRuns = typeof skip === 'number' ? skip : Math.max(runs.length - skip.keepLast, 0);
  const skipped = runs[skipRuns - 1];
  const cutoffUs = skipped ? (skipped.ts ?? 0) + (skipped.dur ?? 0) : -Infinity;
  const kernels = new Map<string, KernelTime>();
  let totalUs = 0;
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time') || e.dur === undefined || (e.ts ?? 0) < cutoffUs) continue;
    const opType = e.args?.op_name ?? 'unknown';
    const index = e.args?.node_index === undefined ? undefined : Number(e.args.node_index);
    // ORT names unnamed nodes itself; should a name still be empty, its index keeps kernels apart.
    const name = e.name.slice(0, -'_kernel_time'.length) || `#${index ?? '?'}`;
    const k = kernels.get(name) ?? { name, opType, nodeIndex: Number.isInteger(index) ? index : undefined, providers: [], us: 0, calls: 0, flops: 0 };
    k.us += e.dur;
    k.calls++;
    const provider = e.args?.provider;
    if (provider && !k.providers.includes(provider)) k.providers.push(provider);
    k.flops += flopsOf(opType, shapesOf(e.args?.input_type_shape), shapesOf(e.args?.output_type_shape));
    kernels.set(name, k);
    totalUs += e.dur;
  }
  // The measured runs' own wall time, as ORT's profiler saw it (profiling slows them).
  const runUs = runs.slice(skipRuns).reduce((a, r) => a + (r.dur ?? 0), 0);
  return { kernels, totalUs, iterations: Math.max(runs.length - skipRuns, 0), runUs };
}

export function summarizeTrace(raw: unknown, traceFile: string, opts: { skipRuns?: number; topN?: number } = {}): Profile {
  const { skipRuns = 0, topN = 20 } = opts;
  const { kernels, totalUs, iterations, runUs } = kernelTimes(raw, skipRuns);
  let flops = 0;
  for (const k of kernels.values()) flops += k.flops;
  const perRun = Math.max(iterations, 1);
  const share = (us: number): number => (totalUs > 0 ? us / totalUs : 0);
  const byType = new Map<string, { us: number; nodes: number }>();
  for (const n of kernels.values()) {
    const t = byType.get(n.opType) ?? { us: 0, nodes: 0 };
    t.us += n.us;
    t.nodes++;
    byType.set(n.opType, t);
  }
  // Which provider ran each node: on a GPU run, nodes left to the CPU provider cost copies both ways.
  const byProvider = new Map<string, { us: number; nodes: number }>();
  for (const n of kernels.values()) {
    // A kernel runs on one provider; should ORT ever log two for one name, the first is charged.
    const provider = n.providers[0];
    if (provider === undefined) continue;
    const p = byProvider.get(provider) ?? { us: 0, nodes: 0 };
    p.us += n.us;
    p.nodes++;
    byProvider.set(provider, p);
  }
  return {
    iterations,
    kernelMsPerIteration: totalUs / 1000 / perRun,
    ...(iterations > 0 && runUs > 0 ? { passMeanMs: runUs / 1000 / iterations } : {}),
    byOpType: [...byType.entries()]
      .map(([opType, t]) => ({ opType, ms: t.us / 1000 / perRun, share: share(t.us), nodes: t.nodes }))
      .sort((x, y) => y.ms - x.ms),
    topNodes: [...kernels.entries()]
      .map(([name, n]) => ({ name, opType: n.opType, ms: n.us / 1000 / perRun, share: share(n.us), calls: n.calls }))
      .sort((x, y) => y.ms - x.ms)
      .slice(0, topN),
    traceFile,
    flopsPerIteration: flops / perRun,
    ...(byProvider.size > 0
      ? {
          byProvider: [...byProvider.entries()]
            .map(([provider, p]) => ({ provider, ms: p.us / 1000 / perRun, share: share(p.us), nodes: p.nodes }))
            .sort((x, y) => y.ms - x.ms),
        }
      : {}),
  };
}

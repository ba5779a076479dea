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
    .object({ op_name: z.string().optional(), provider: z.string().optional(), input_type_shape: ShapeListSchema, output_type_shape: ShapeListSchema })
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

export function summarizeTrace(raw: unknown, traceFile: string, opts: { skipRuns?: number; topN?: number } = {}): Profile {
  const { skipRuns = 0, topN = 20 } = opts;
  const events = z.array(z.unknown()).parse(raw).flatMap((e) => {
    const p = EventSchema.safeParse(e);
    return p.success ? [p.data] : [];
  });
  // Warm-up runs are in the trace too: count only operator calls after the first `skipRuns` runs.
  const runs = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').sort((x, y) => (x.ts ?? 0) - (y.ts ?? 0));
  const skipped = runs[skipRuns - 1];
  const cutoffUs = skipped ? (skipped.ts ?? 0) + (skipped.dur ?? 0) : -Infinity;
  const iterations = Math.max(runs.length - skipRuns, 0);
  const nodes = new Map<string, { opType: string; provider: string | undefined; us: number; calls: number }>();
  let flops = 0;
  let totalUs = 0;
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time') || e.dur === undefined || (e.ts ?? 0) < cutoffUs) continue;
    const name = e.name.slice(0, -'_kernel_time'.length);
    const opType = e.args?.op_name ?? 'unknown';
    const n = nodes.get(name) ?? { opType, provider: e.args?.provider, us: 0, calls: 0 };
    n.us += e.dur;
    n.calls++;
    nodes.set(name, n);
    totalUs += e.dur;
    flops += flopsOf(opType, shapesOf(e.args?.input_type_shape), shapesOf(e.args?.output_type_shape));
  }
  const perRun = Math.max(iterations, 1);
  const share = (us: number): number => (totalUs > 0 ? us / totalUs : 0);
  const byType = new Map<string, { us: number; nodes: number }>();
  for (const n of nodes.values()) {
    const t = byType.get(n.opType) ?? { us: 0, nodes: 0 };
    t.us += n.us;
    t.nodes++;
    byType.set(n.opType, t);
  }
  // Which provider ran each node: on a GPU run, nodes left to the CPU provider cost copies both ways.
  const byProvider = new Map<string, { us: number; nodes: number }>();
  for (const n of nodes.values()) {
    if (n.provider === undefined) continue;
    const p = byProvider.get(n.provider) ?? { us: 0, nodes: 0 };
    p.us += n.us;
    p.nodes++;
    byProvider.set(n.provider, p);
  }
  return {
    iterations,
    kernelMsPerIteration: totalUs / 1000 / perRun,
    byOpType: [...byType.entries()]
      .map(([opType, t]) => ({ opType, ms: t.us / 1000 / perRun, share: share(t.us), nodes: t.nodes }))
      .sort((x, y) => y.ms - x.ms),
    topNodes: [...nodes.entries()]
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

/**
 * Targets a run is held to (`--target 'p99<=15ms'`), and how each was judged: pass, fail, or
 * not enough samples, from the figure's 95 % interval, never from the point figure alone.
 */
import { z } from 'zod';

export const TARGET_METRICS = ['p50', 'p90', 'p99', 'throughput', 'energy', 'memory'] as const;
export const TargetMetricSchema = z.enum(TARGET_METRICS);
export type TargetMetric = z.infer<typeof TargetMetricSchema>;

export const TargetSchema = z.object({
  metric: TargetMetricSchema,
  /** '<=' the figure must not exceed the limit; '>=' it must reach it. */
  op: z.enum(['<=', '>=']),
  /** In the metric's base unit: ms, samples/s, mJ per inference, bytes. */
  limit: z.number(),
  /** As the user wrote it, normalised: "p99 ≤ 15 ms". */
  text: z.string(),
});
export type Target = z.infer<typeof TargetSchema>;

export const TARGET_OUTCOMES = ['pass', 'fail', 'not enough samples'] as const;

export const TargetResultSchema = TargetSchema.extend({
  outcome: z.enum(TARGET_OUTCOMES),
  /** The run's figure and its 95 % interval, in the base unit; null where the run has none. */
  value: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  sentence: z.string(),
});
export type TargetResult = z.infer<typeof TargetResultSchema>;

/** The targets of one side of a comparison: each of its runs judged, and the side's outcome (targets/sides.ts). */
export const SideTargetsSchema = z.object({
  /** How the comparison names the side ("run 1a2b3c4d", a file name). */
  label: z.string(),
  baseline: z.boolean(),
  outcome: z.enum(TARGET_OUTCOMES),
  runs: z.array(z.object({ runId: z.string(), targets: z.array(TargetResultSchema) })),
});
export type SideTargets = z.infer<typeof SideTargetsSchema>;

/**
 * What a finished run reports besides its latency statistics: memory, output check, per-op
 * profile, server-scenario verdict, stability, and the inputs actually fed.
 */
import { z } from 'zod';
import { TensorInfoSchema } from './model';
import { EnvironmentSchema, TelemetrySummarySchema } from './telemetry';
import { MeasurementConditionsSchema } from './conditions';
import { CommandResultsSchema } from './command/results';
import { TargetResultSchema } from './targets/schema';

export const OutputCheckSchema = z.object({
  passed: z.boolean(),
  maxAbsError: z.number(),
  maxRelError: z.number(),
  /** Tolerances of ONNX's backend tests: |a − e| ≤ atol + rtol·|e| per element. */
  rtol: z.number(),
  atol: z.number(),
  outputs: z.array(
    z.object({
      name: z.string(),
      passed: z.boolean(),
      maxAbsError: z.number(),
      maxRelError: z.number(),
      mismatched: z.number().int(),
      elements: z.number().int(),
      /** Set when the output could not be compared at all (shape or type differs, missing). */
      problem: z.string().optional(),
    }),
  ),
});
export type OutputCheck = z.infer<typeof OutputCheckSchema>;

export const OpTimeSchema = z.object({ name: z.string(), opType: z.string(), ms: z.number(), share: z.number(), calls: z.number().int() });
export const ProfileSchema = z.object({
  iterations: z.number().int(),
  /** Sum of operator kernel time per iteration (excludes framework overhead). */
  kernelMsPerIteration: z.number(),
  /**
   * Mean wall time of an iteration in the profiling pass itself (its `model_run` events), the
   * figure kernel time is a part of: the pass runs apart from the measured loop and slower (the
   * profiler's overhead), so the run's own mean is no yardstick for it. Absent in older runs.
   */
  passMeanMs: z.number().optional(),
  byOpType: z.array(z.object({ opType: z.string(), ms: z.number(), share: z.number(), nodes: z.number().int() })),
  topNodes: z.array(OpTimeSchema),
  /** Chrome trace event file, for Perfetto or chrome://tracing. */
  traceFile: z.string(),
  /** Multiply-accumulates × 2 of Conv, ConvTranspose, MatMul and Gemm, per iteration, from the shapes ORT ran. */
  flopsPerIteration: z.number(),
  /** Kernel time and nodes per execution provider that ran them (absent in runs profiled before it was recorded). */
  byProvider: z.array(z.object({ provider: z.string(), ms: z.number(), share: z.number(), nodes: z.number().int() })).optional(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const ServerVerdictSchema = z.object({
  targetQps: z.number(),
  achievedQps: z.number(),
  latencyBudgetMs: z.number(),
  percentile: z.number(),
  /** The percentile interpolated linearly (numpy's default), shown for comparison. */
  percentileMs: z.number(),
  /** LoadGen's early-stopping estimate of the percentile (99 % confidence); null below LoadGen's minimum count. */
  earlyStoppingMs: z.number().nullable().default(null),
  /** Queries whose latency exceeded the budget. */
  overBudget: z.number().int().nullable().default(null),
  /** More queries, all within budget, the run would need for its latency to pass; 0 when it does. */
  queriesNeeded: z.number().int().nullable().default(null),
  /** Which figure `passed` judged: runs stored before early stopping judged the interpolated percentile. */
  judgedBy: z.enum(['early-stopping', 'interpolated']).default('interpolated'),
  outcome: z.enum(['pass', 'over-budget', 'too-few-queries', 'did-not-keep-up']).optional(),
  passed: z.boolean(),
});
export type ServerVerdict = z.infer<typeof ServerVerdictSchema>;

export const StabilitySchema = z.object({
  /** perf_analyzer's rule: the last three measurement windows agree within 10 %. */
  stable: z.boolean(),
  windowMediansMs: z.array(z.number()),
});
export type Stability = z.infer<typeof StabilitySchema>;

export const RunResultsSchema = z.object({
  memory: z.object({ peakRssBytes: z.number() }),
  inputs: z.array(TensorInfoSchema),
  samplesPerIteration: z.number().int(),
  /** Intra-op threads ONNX Runtime ran with: the configured count, or what its default (0) resolved to. Absent for runs before it was recorded. */
  intraOpThreads: z.number().int().optional(),
  check: OutputCheckSchema.optional(),
  profile: ProfileSchema.optional(),
  server: ServerVerdictSchema.optional(),
  stability: StabilitySchema,
  telemetry: TelemetrySummarySchema.optional(),
  environment: EnvironmentSchema,
  /** What the run was measured under (display, cores, priority, busy neighbours). Absent for runs before it was recorded. */
  conditions: MeasurementConditionsSchema.optional(),
  /** A command workload's per-run figures and metrics (absent on model runs). */
  command: CommandResultsSchema.optional(),
  /** The config's targets as judged when the run completed (shared/targets/judge.ts). */
  targets: z.array(TargetResultSchema).optional(),
});
export type RunResults = z.infer<typeof RunResultsSchema>;

/**
 * A benchmark run: its configuration, and its result as a union on `status` so each state
 * carries exactly the fields it has (no boolean soup). Durations are milliseconds, named so.
 */
import { z } from 'zod';
import { LatencyStatsSchema } from './stats';

export const RUN_DEFAULTS = {
  warmupIterations: 10,
  minIterations: 100,
  maxIterations: 100_000,
  minDurationMs: 3_000,
  maxDurationMs: 120_000,
} as const;

export const StopRuleSchema = z
  .object({
    /** Iterations run and discarded before measuring (GPU autotuning, caches, allocator). */
    warmupIterations: z.number().int().min(0).max(100_000),
    /** Measure at least this many iterations ... */
    minIterations: z.number().int().min(1).max(10_000_000),
    /** ... and for at least this long (both must hold, as in hyperfine and LoadGen). */
    minDurationMs: z.number().min(0).max(86_400_000),
    /** Caps: stop at whichever comes first. */
    maxIterations: z.number().int().min(1).max(10_000_000),
    maxDurationMs: z.number().min(1).max(86_400_000),
  })
  .refine((r) => r.maxIterations >= r.minIterations, {
    message: 'max iterations must be at least min iterations',
    path: ['maxIterations'],
  });
export type StopRule = z.infer<typeof StopRuleSchema>;

export const RunConfigSchema = z.object({
  modelPath: z.string().min(1, 'choose a model'),
  executionProvider: z.enum(['cpu']).default('cpu'),
  /** 0 lets ONNX Runtime choose (one thread per physical core). */
  intraOpThreads: z.number().int().min(0).max(1024).default(0),
  /** Values for symbolic dimensions, by name (e.g. { batch: 8 }). */
  dims: z.record(z.string(), z.number().int().positive()).default({}),
  seed: z.number().int().min(0).default(1),
  stop: StopRuleSchema,
  label: z.string().max(200).optional(),
});
export type RunConfig = z.infer<typeof RunConfigSchema>;
export type RunConfigInput = z.input<typeof RunConfigSchema>;

export const ColdStartSchema = z.object({
  sessionCreateMs: z.number(),
  firstRunMs: z.number(),
});
export type ColdStart = z.infer<typeof ColdStartSchema>;

const RunBaseSchema = z.object({
  id: z.string(),
  config: RunConfigSchema,
  modelName: z.string(),
  createdAt: z.string(), // ISO-8601
});

export const RunSchema = z.discriminatedUnion('status', [
  RunBaseSchema.extend({ status: z.literal('queued') }),
  RunBaseSchema.extend({
    status: z.literal('running'),
    startedAt: z.string(),
  }),
  RunBaseSchema.extend({
    status: z.literal('completed'),
    startedAt: z.string(),
    finishedAt: z.string(),
    coldStart: ColdStartSchema,
    stats: LatencyStatsSchema,
  }),
  RunBaseSchema.extend({
    status: z.literal('failed'),
    startedAt: z.string(),
    finishedAt: z.string(),
    error: z.string(),
  }),
  RunBaseSchema.extend({
    status: z.literal('aborted'),
    startedAt: z.string(),
    finishedAt: z.string(),
    /** Statistics over what was measured before the user cancelled, when anything was. */
    stats: LatencyStatsSchema.optional(),
  }),
  RunBaseSchema.extend({
    /** The host stopped (crash, quit) while the run was going; samples up to then are kept. */
    status: z.literal('interrupted'),
    startedAt: z.string().optional(),
  }),
]);
export type Run = z.infer<typeof RunSchema>;
export type RunStatus = Run['status'];

export function isRunActive(run: Pick<Run, 'status'>): boolean {
  return run.status === 'queued' || run.status === 'running';
}

export const SampleSchema = z.object({
  /** Iteration index within its phase, from 0. */
  i: z.number().int().nonnegative(),
  phase: z.enum(['warmup', 'measure']),
  /** Start of the iteration on the shared monotonic time base (ms since the epoch, sub-ms). */
  tMs: z.number(),
  latencyMs: z.number().nonnegative(),
});
export type Sample = z.infer<typeof SampleSchema>;

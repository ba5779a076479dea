/**
 * A benchmark run: its configuration, and its result as a union on `status` so each state
 * carries exactly the fields it has (no boolean soup). Durations are milliseconds, named so.
 */
import { z } from 'zod';
import { LatencyStatsSchema } from './stats';
import { RunResultsSchema } from './run-results';

export * from './run-config';
import { RunConfigSchema } from './run-config';

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
  /** The study that asked for this run (a sweep, a comparison…), when one did. */
  studyId: z.string().optional(),
  /**
   * What the user wrote about the run after it ran (Sessions: edit). `label` is set only once
   * the user changed the config's label; it is kept apart so editing it never changes what was
   * measured (show `label ?? config.label`).
   */
  label: z.string().optional(),
  notes: z.string().optional(),
  tags: z.array(z.string()).optional(),
  /** Set while the run is deleted (hidden from lists, restorable). */
  deletedAt: z.string().optional(),
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
    results: RunResultsSchema,
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
    /** Like a completed run's, when the executor got as far as reporting them. */
    coldStart: ColdStartSchema.optional(),
    results: RunResultsSchema.optional(),
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

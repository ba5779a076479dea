/**
 * An optimizer study as the studio shows it: the goal it was started with, where the search is
 * (phase, the trials measured so far, the factors skipped and why), how it ended, and once it
 * has, the optimizer's result (the `dyno optimize --json` document, shared/optimizer/result.ts).
 * The schemas parse it off any wire; `` keeps fields a newer engine adds.
 */
import { z } from 'zod';
import { RunConfigSchema } from '../run';
import { FidelitySchema } from './fidelity-schema';
import { OBJECTIVES, OptimizerGoalSchema } from './goal';
import { FACTOR_IDS } from './factors';
import type { OptimizeJson } from './result';

const LevelSchema = z.union([z.string(), z.number(), z.boolean()]);
const num = z.number().nullable();

export const TrialFiguresJsonSchema = z.object({ value: num, unit: z.string(), p50Ms: num, p99Ms: num, throughputPerS: num, energyPerInferenceMj: num, peakRssBytes: num });

export const VerdictJsonSchema = z.object({ verdict: z.string(), gain: z.number(), ciLow: num, ciHigh: num, evidence: z.string(), sentence: z.string() });

export const TrialJsonSchema = z
  .object({
    runId: z.string(),
    phase: z.string(),
    candidate: z.string(),
    status: z.string(),
    reused: z.boolean(),
    config: RunConfigSchema,
    figures: TrialFiguresJsonSchema.nullable(),
    fidelity: FidelitySchema.nullable(),
    verdict: VerdictJsonSchema.nullable(),
    rejected: z.string().nullable(),
  });

const SkippedSchema = z.object({ factor: z.string(), reason: z.string() });

export const OptimizeJsonSchema = z
  .object({
    study: z.string(),
    model: z.string(),
    objective: z.enum(OBJECTIVES),
    goal: OptimizerGoalSchema,
    baseline: z.object({ runId: z.string(), config: RunConfigSchema, figures: TrialFiguresJsonSchema.nullable(), fidelity: FidelitySchema.nullable() }),
    trials: z.array(TrialJsonSchema),
    skipped: z.array(SkippedSchema),
    batchCurve: z.array(z.object({ batch: z.number(), throughputPerS: num, latencyMs: num, withinBudget: z.boolean(), runId: z.string() })),
    recommended: z
      .object({
        candidate: z.string(),
        config: RunConfigSchema,
        gainVsBaseline: z.object({ value: z.number(), ciLow: num, ciHigh: num, evidence: z.string() }),
        fidelity: FidelitySchema.nullable(),
        runIds: z.array(z.string()),
        exports: z.object({ sessionOptions: z.record(z.string(), z.unknown()), python: z.string(), node: z.string(), cpp: z.string(), perfTest: z.string(), benchCommand: z.string() }),
      })
      .nullable(),
    // Optional: a study saved before this field existed still reads.
    closest: z.object({ candidate: z.string(), gain: z.number(), ciLow: num, ciHigh: num, evidence: z.string(), rounds: z.number().int().optional(), iterations: num.optional() }).nullable().optional(),
    attribution: z.array(
      z.object({ factor: z.string(), level: LevelSchema.nullable(), gain: num, ciLow: num, ciHigh: num, runId: z.string().nullable(), predicted: z.number().optional(), interaction: z.boolean().optional() }),
    ),
    stopped: z.object({ reason: z.string(), message: z.string(), roundsLeft: z.number().int().nonnegative().optional() }),
    noCandidate: z.string().nullable(),
    elapsedMs: z.number(),
  });

/** The document `dyno optimize --json` prints satisfies the wire schema (checked at compile time). */
export const asOptimizeJson = (r: OptimizeJson): z.input<typeof OptimizeJsonSchema> => r;

/** A trial as it streams in, before the study's verdicts exist (they come with the result). */
export const LiveTrialSchema = TrialJsonSchema.omit({ verdict: true, config: true }).extend({ config: RunConfigSchema.nullable() });
export type LiveTrial = z.infer<typeof LiveTrialSchema>;

export const OPTIMIZER_STATUSES = ['running', 'completed', 'failed', 'cancelled', 'stopped'] as const;

export const OptimizerStateSchema = z.object({
  studyId: z.string(),
  model: z.string(),
  goal: OptimizerGoalSchema,
  factors: z.array(z.enum(FACTOR_IDS)).nullable(),
  /** running; completed; failed (with `error`); cancelled from the studio; stopped: the host ended mid-search (resumable). */
  status: z.enum(OPTIMIZER_STATUSES),
  phase: z.string(),
  startedAt: z.string(),
  trials: z.array(LiveTrialSchema),
  skipped: z.array(SkippedSchema),
  /** The run being measured now. */
  currentRunId: z.string().nullable(),
  error: z.string().nullable(),
  result: OptimizeJsonSchema.nullable(),
  /** Where the host wrote the report and the winner's exports (report.md/html, session-options.json, snippets). */
  exportsDir: z.string().nullable(),
});
export type OptimizerState = z.infer<typeof OptimizerStateSchema>;
export type OptimizeResult = z.infer<typeof OptimizeJsonSchema>;

/** What `optimizer.start` asks: the goal in the studio's units (ms, MiB) and the trial length. */
export const OptimizerStartSchema = z
  .object({
    model: z.string().min(1),
    objective: z.enum(OBJECTIVES),
    latencyBudgetMs: z.number().positive().optional(),
    memoryCapMiB: z.number().positive().optional(),
    maxError: z.number().nonnegative().optional(),
    timeBudgetMs: z.number().positive().max(24 * 3_600_000),
    /** Only these factors are searched (all when absent). */
    factors: z.array(z.enum(FACTOR_IDS)).min(1).optional(),
    trialDurationS: z.number().positive().max(600).default(1),
    trialIterations: z.number().int().positive().max(100_000).default(100),
    warmup: z.number().int().nonnegative().max(10_000).default(10),
    dims: z.record(z.string(), z.number().int().positive()).default({}),
    /** A test_data_set folder (`--inputs`): fed to every trial, its expected outputs checked. */
    inputsDir: z.string().min(1).optional(),
    /** Least top-1 agreement with the inputs folder's expected outputs (`--min-accuracy`); needs inputsDir. */
    minAccuracy: z.number().min(0).max(1).optional(),
    rounds: z.number().int().min(0).max(20).default(3),
    top: z.number().int().min(0).max(10).default(2),
  })
  .strict();
export type OptimizerStart = z.infer<typeof OptimizerStartSchema>;

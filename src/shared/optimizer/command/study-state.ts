/**
 * A command optimizer study as the studio shows it (`commandOptimizer.*`): what was asked,
 * where the search is (phase, the trials measured so far, the run being measured), how it
 * ended, and once it has, the `dyno optimize-exec --json` document (./result.ts). The schemas
 * parse it off any wire.
 */
import { z } from 'zod';
import { RunConfigSchema } from '../../run';
import { VerdictJsonSchema } from '../study-state';
import { OPTIMIZER_STATUSES } from '../study-state';
import { COMMAND_OBJECTIVES, CommandGoalSchema } from './goal';
import type { CommandOptimizeJson } from './result';

const num = z.number().nullable();

export const CommandFiguresJsonSchema = z.object({ value: num, unit: z.string(), medianWallMs: num, peakRssBytes: num, energyPerRunMj: num, metrics: z.record(z.string(), z.number()) });
export const GateCheckSchema = z.object({ gate: z.string(), metric: z.string(), value: num, limit: num, passed: z.boolean() });

export const CommandTrialJsonSchema = z.object({
  runId: z.string(),
  phase: z.string(),
  candidate: z.string(),
  status: z.string(),
  reused: z.boolean(),
  commandLine: z.string(),
  config: RunConfigSchema,
  figures: CommandFiguresJsonSchema.nullable(),
  gates: z.array(GateCheckSchema),
  verdict: VerdictJsonSchema.nullable(),
  rejected: z.string().nullable(),
});

export const CommandOptimizeJsonSchema = z.object({
  study: z.string(),
  workload: z.literal('command'),
  command: z.string(),
  objective: z.enum(COMMAND_OBJECTIVES),
  goal: CommandGoalSchema,
  factors: z.array(z.object({ name: z.string(), kind: z.enum(['flag', 'param']), baseline: z.string(), levels: z.array(z.string()) })),
  baseline: z.object({ runId: z.string(), commandLine: z.string(), config: RunConfigSchema, figures: CommandFiguresJsonSchema.nullable(), gates: z.array(GateCheckSchema) }),
  trials: z.array(CommandTrialJsonSchema),
  recommended: z
    .object({
      candidate: z.string(),
      config: RunConfigSchema,
      gainVsBaseline: z.object({ value: z.number(), ciLow: num, ciHigh: num, evidence: z.string() }),
      gates: z.array(GateCheckSchema),
      runIds: z.array(z.string()),
      exports: z.object({ commandLine: z.string(), execCommand: z.string(), parameters: z.record(z.string(), z.union([z.string(), z.boolean()])) }),
    })
    .nullable(),
  attribution: z.array(z.object({ factor: z.string(), level: z.string().nullable(), gain: num, ciLow: num, ciHigh: num, runId: z.string().nullable(), predicted: z.number().optional(), interaction: z.boolean().optional() })),
  stopped: z.object({ reason: z.string(), message: z.string(), roundsLeft: z.number().int().nonnegative().optional() }),
  noCandidate: z.string().nullable(),
  elapsedMs: z.number(),
});

/** The document `dyno optimize-exec --json` prints satisfies the wire schema (checked at compile time). */
export const asCommandOptimizeJson = (r: CommandOptimizeJson): z.input<typeof CommandOptimizeJsonSchema> => r;

/** A trial as it streams in, before the study's verdicts exist (they come with the result). */
export const LiveCommandTrialSchema = CommandTrialJsonSchema.omit({ verdict: true, config: true });
export type LiveCommandTrial = z.infer<typeof LiveCommandTrialSchema>;

export const CommandOptimizerStateSchema = z.object({
  studyId: z.string(),
  /** The command as typed, its {placeholders} unsubstituted. */
  command: z.string(),
  goal: CommandGoalSchema,
  /** Each factor as asked: a flag's arguments, a parameter's values (the first is the baseline's). */
  factors: z.array(z.object({ name: z.string(), kind: z.enum(['flag', 'param']), levels: z.string() })),
  status: z.enum(OPTIMIZER_STATUSES),
  phase: z.string(),
  startedAt: z.string(),
  trials: z.array(LiveCommandTrialSchema),
  currentRunId: z.string().nullable(),
  error: z.string().nullable(),
  result: CommandOptimizeJsonSchema.nullable(),
  /** Where the host wrote report.md/html, optimize.json, command.sh and parameters.json. */
  exportsDir: z.string().nullable(),
});
export type CommandOptimizerState = z.infer<typeof CommandOptimizerStateSchema>;
export type CommandOptimizeResult = z.infer<typeof CommandOptimizeJsonSchema>;

/**
 * A command optimizer study as the studio asks for it (`commandOptimizer.start`): the program
 * and its arguments (an argv list, spawned without a shell), working folder, environment,
 * metrics read from the output, the factors (flags appended when on, parameters substituted
 * for `{name}`), objective, gates, each trial's runs and the time budget — and the study spec
 * it becomes, the same spec `dyno optimize-exec` stores (so either front end resumes the
 * other's studies). Pure: the host builds the spec with it, the wizard checks the goal with it.
 */
import { z } from 'zod';
import { RunConfigSchema } from '../../run';
import { CommandWorkloadSchema, MetricPatternSchema, MetricTargetSchema, commandLine, targetText } from '../../command/workload';
import { paramProblem } from '../../command/params';
import { commandFactors, type CommandFactor } from './factors';
import { COMMAND_OBJECTIVES, CommandGoalSchema, MetricGateSchema } from './goal';

const NameSchema = z.string().regex(/^[A-Za-z_][\w-]*$/, 'a factor name is a letter or _ then letters, digits, _ or -');

export const CommandFactorSchema = z.union([
  z.object({ name: NameSchema, kind: z.literal('flag'), args: z.array(z.string().min(1)).min(1) }),
  z.object({ name: NameSchema, kind: z.literal('param'), values: z.array(z.string().min(1)).min(2) }),
]);

/** What `dyno optimize-exec` stores as the study's spec (and reads back to resume it). */
export const CommandStudySpecSchema = z.object({
  version: z.literal(1),
  workload: z.literal('command'),
  template: z.array(z.string()).min(1),
  base: RunConfigSchema,
  factors: z.array(CommandFactorSchema).min(1),
  goal: CommandGoalSchema,
  rounds: z.number().int().min(0),
  top: z.number().int().min(0),
});
export type CommandStudySpec = z.infer<typeof CommandStudySpecSchema>;

export const CommandOptimizerStartSchema = z
  .object({
    /** The program and its arguments, `{name}` placeholders unsubstituted. Never a shell line. */
    argv: z.array(z.string()).min(1, 'give the program to run'),
    cwd: z.string().min(1).optional(),
    env: CommandWorkloadSchema.shape.env,
    metrics: z.array(MetricPatternSchema).max(32).default([]),
    flags: z.array(z.object({ name: NameSchema, args: z.array(z.string().min(1)).min(1) })).max(16).default([]),
    params: z.array(z.object({ name: NameSchema, values: z.array(z.string().min(1)).min(2) })).max(16).default([]),
    objective: z.enum(COMMAND_OBJECTIVES),
    /** The metric target the time-to-target objective reads (`--target`). */
    target: MetricTargetSchema.optional(),
    gates: z.array(MetricGateSchema).max(32).default([]),
    runs: z.number().int().positive().max(10_000).default(3),
    warmup: z.number().int().nonnegative().max(1_000).default(0),
    minDurationS: z.number().nonnegative().max(86_400).default(0),
    /** One run longer than this fails, its whole process tree stopped. */
    timeoutS: z.number().positive().max(86_400).optional(),
    timeBudgetMs: z.number().positive().max(24 * 3_600_000),
    rounds: z.number().int().min(0).max(20).default(3),
    top: z.number().int().min(0).max(10).default(2),
  })
  .strict();
export type CommandOptimizerStart = z.infer<typeof CommandOptimizerStartSchema>;
export type CommandOptimizerStartInput = z.input<typeof CommandOptimizerStartSchema>;

const MAX_RUNS = 10_000;
const MAX_DURATION_MS = 3_600_000;

/** The study spec of a start request, or a sentence saying what is wrong (checked before anything runs). */
export function commandStudySpec(s: CommandOptimizerStart): CommandStudySpec | string {
  const problem = paramProblem(s.argv, s.params.map((p) => ({ name: p.name, values: p.values })));
  if (problem) return problem;
  const factors = commandFactors(
    s.flags.map((f): CommandFactor => ({ name: f.name, kind: 'flag', args: f.args })),
    s.params.map((p) => ({ name: p.name, values: p.values })),
  );
  if (typeof factors === 'string') return factors;
  if (s.objective === 'time-to-target' && !s.target) return 'The time-to-target objective needs a target, e.g. accuracy>=0.9.';
  const command = { argv: s.argv, shell: false, ...(s.cwd ? { cwd: s.cwd } : {}), env: s.env, ...(s.timeoutS !== undefined ? { timeoutMs: s.timeoutS * 1000 } : {}), metrics: s.metrics, targets: s.target ? [s.target] : [], params: {} };
  const base = RunConfigSchema.safeParse({
    modelPath: commandLine(command),
    command,
    stop: { warmupIterations: s.warmup, minIterations: s.runs, minDurationMs: s.minDurationS * 1000, maxIterations: Math.max(MAX_RUNS, s.runs), maxDurationMs: MAX_DURATION_MS },
  });
  if (!base.success) return base.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  const goal = CommandGoalSchema.parse({ objective: s.objective, gates: s.gates, ...(s.objective === 'time-to-target' && s.target ? { target: targetText(s.target) } : {}), timeBudgetMs: s.timeBudgetMs });
  return { version: 1, workload: 'command', template: s.argv, base: base.data, factors, goal, rounds: s.rounds, top: s.top };
}

/**
 * What the optimizer is asked of a command: an objective (wall time, peak memory of the process
 * tree, energy per run, or the time until a metric reaches a target), metric gates every
 * candidate must keep (`accuracy>=baseline-0.005`, `loss<=0.4`), and a time budget. Figures are
 * read from completed runs as the run view shows them: the median over the measured runs.
 */
import { z } from 'zod';
import type { Run } from '../../run';
import type { MetricKey } from '../../compare/schema';
import { MetricNameSchema, TARGET_OPS, meetsTarget, type MetricTarget } from '../../command/workload';
import { formatNumber } from '../../format';

export const COMMAND_OBJECTIVES = ['time', 'memory', 'energy', 'time-to-target'] as const;
export type CommandObjective = (typeof COMMAND_OBJECTIVES)[number];

export const COMMAND_OBJECTIVE_WORDS: Record<CommandObjective, string> = {
  time: 'median wall time',
  memory: 'peak memory of the process tree',
  energy: 'energy per run',
  'time-to-target': 'time to target',
};
export const COMMAND_OBJECTIVE_UNIT: Record<CommandObjective, string> = { time: 'ms', memory: 'MiB', energy: 'mJ', 'time-to-target': 's' };

/**
 * The comparison engine's metric for an objective it can judge (wall time and energy are a
 * run's samples and its energy figure); memory and time to target are per-run figures the
 * optimizer bootstraps itself (main/optimizer/command/verdicts.ts).
 */
export const COMMAND_OBJECTIVE_METRIC: Partial<Record<CommandObjective, MetricKey>> = { time: 'median', energy: 'energyPerInference' };

/** `accuracy>=baseline-0.005`: the limit is the baseline's value plus `offset`; `accuracy>=0.9`: a fixed limit. */
export const MetricGateSchema = z.object({
  metric: MetricNameSchema,
  op: z.enum(TARGET_OPS),
  value: z.number().optional(),
  offset: z.number().optional(),
});
export type MetricGate = z.infer<typeof MetricGateSchema>;

export const CommandGoalSchema = z
  .object({
    objective: z.enum(COMMAND_OBJECTIVES),
    gates: z.array(MetricGateSchema).max(32).default([]),
    /** The target the time-to-target objective reads (one of the run's --target). */
    target: z.string().optional(),
    timeBudgetMs: z.number().positive(),
  })
  .strict();
export type CommandGoal = z.infer<typeof CommandGoalSchema>;

const NUMBER = String.raw`-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?`;
const GATE = new RegExp(String.raw`^\s*([A-Za-z_][\w.-]*)\s*(>=|<=|>|<)\s*(?:(baseline)\s*(?:([-+])\s*(${NUMBER}))?|(${NUMBER}))\s*$`, 'i');

/** `accuracy>=baseline-0.005` or `loss<=0.4` → a gate, or a sentence saying what is wrong. */
export function parseGate(spec: string): MetricGate | string {
  const m = GATE.exec(spec);
  if (!m?.[1] || !m[2]) return `'${spec}' is not a gate: write it as metric>=baseline-0.005 (within 0.005 of the baseline's value) or metric>=0.9 (a fixed limit).`;
  const op = m[2] as MetricTarget['op'];
  if (m[3]) return { metric: m[1], op, offset: m[5] ? Number(m[5]) * (m[4] === '-' ? -1 : 1) : 0 };
  return { metric: m[1], op, value: Number(m[6]) };
}

export function gateText(g: MetricGate): string {
  if (g.value !== undefined) return `${g.metric}${g.op}${g.value}`;
  const o = g.offset ?? 0;
  return `${g.metric}${g.op}baseline${o === 0 ? '' : o > 0 ? `+${o}` : `-${-o}`}`;
}

/** The limit a gate sets once the baseline's value of its metric is known. */
export function gateLimit(g: MetricGate, baselineValue: number | undefined): number | undefined {
  if (g.value !== undefined) return g.value;
  return baselineValue === undefined ? undefined : baselineValue + (g.offset ?? 0);
}

export interface GateCheck {
  gate: string;
  metric: string;
  value: number | null;
  limit: number | null;
  passed: boolean;
}

/** Each gate against a trial's metric values (their median across its measured runs). */
export function checkGates(gates: readonly MetricGate[], values: Readonly<Record<string, number>>, baseline: Readonly<Record<string, number>>): GateCheck[] {
  return gates.map((g) => {
    const value = values[g.metric];
    const limit = gateLimit(g, baseline[g.metric]);
    return { gate: gateText(g), metric: g.metric, value: value ?? null, limit: limit ?? null, passed: value !== undefined && limit !== undefined && meetsTarget({ op: g.op, value: limit }, value) };
  });
}

/** Why a trial fails its gates, in one sentence with the numbers; undefined when it keeps them. */
export function gateProblem(checks: readonly GateCheck[]): string | undefined {
  const failed = checks.filter((c) => !c.passed);
  if (failed.length === 0) return undefined;
  return failed
    .map((c) => (c.value === null ? `gate ${c.gate}: the run never printed ${c.metric}` : `gate ${c.gate}: ${c.metric} ${formatNumber(c.value)} is past the limit ${formatNumber(c.limit)} by ${c.limit === null ? '—' : formatNumber(Math.abs(c.value - c.limit), 3)}`))
    .join('; ');
}

type Completed = Extract<Run, { status: 'completed' }>;
const measuredRuns = (run: Completed) => (run.results.command?.runs ?? []).filter((r) => r.phase === 'measure');

/** Each metric's final value, the median across measured runs. */
export function finalMetrics(run: Completed): Record<string, number> {
  return Object.fromEntries((run.results.command?.metrics ?? []).flatMap((m) => (m.final ? [[m.name, m.final.median]] : [])));
}

/**
 * The objective's per-run figures of a completed run, in its unit (what the verdict
 * bootstraps); empty where the run cannot give them (no energy reading, a target never reached).
 */
export function objectiveSamples(run: Completed, goal: Pick<CommandGoal, 'objective' | 'target'>): number[] {
  switch (goal.objective) {
    case 'time':
      return measuredRuns(run).map((r) => r.wallMs);
    case 'memory':
      return measuredRuns(run).flatMap((r) => (r.peakRssBytes === null ? [] : [r.peakRssBytes / 2 ** 20]));
    case 'energy': {
      const mj = run.results.telemetry?.energy.perInferenceMj;
      return mj === undefined || mj === null ? [] : [mj];
    }
    case 'time-to-target': {
      const runs = measuredRuns(run);
      const s = runs.map((r) => (goal.target ? r.targetS[goal.target] : undefined));
      // A run that never reached the target has no time to it: the trial cannot be scored on it.
      return s.every((x): x is number => typeof x === 'number') ? s : [];
    }
  }
}

/** The objective's figure: the median of its per-run figures (the run's own median for wall time). */
export function commandObjectiveValue(run: Completed, goal: Pick<CommandGoal, 'objective' | 'target'>): number | undefined {
  if (goal.objective === 'time') return run.stats.percentiles.p50?.valueMs;
  const s = [...objectiveSamples(run, goal)].sort((a, b) => a - b);
  if (s.length === 0) return undefined;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

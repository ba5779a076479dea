/**
 * A command workload: a program Dyno runs N times (after M warm-ups) instead of an ONNX model,
 * measuring each run's wall and CPU time, the peak memory of its process tree and its exit
 * code, and reading metrics from what it prints. A run's config carries it as `command`; a
 * config without it is a model run, so model runs' JSON stays exactly as it was.
 */
import { z } from 'zod';

/** A metric's name: what `{"dyno": {...}}` keys and `--metric name=…` use. */
export const METRIC_NAME = /^[A-Za-z_][\w.-]{0,63}$/;
export const MetricNameSchema = z.string().regex(METRIC_NAME, 'a metric name is a letter or _ then letters, digits, _ . - (at most 64)');

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** `--metric accuracy='acc=([0-9.]+)'`: the first capture group of a line that matches is the value. */
export const MetricPatternSchema = z.object({
  name: MetricNameSchema,
  pattern: z.string().min(1).max(1_000).refine(compiles, 'is not a valid regular expression'),
});
export type MetricPattern = z.infer<typeof MetricPatternSchema>;

export const TARGET_OPS = ['>=', '<=', '>', '<'] as const;
/** `--target accuracy>=0.98`: time (and energy) until the metric first reaches the value. */
export const MetricTargetSchema = z.object({ metric: MetricNameSchema, op: z.enum(TARGET_OPS), value: z.number() });
export type MetricTarget = z.infer<typeof MetricTargetSchema>;

export const CommandWorkloadSchema = z.object({
  /** The program and its arguments as typed; with `shell`, one command line for /bin/sh. */
  argv: z.array(z.string()).min(1, 'give a command to run'),
  shell: z.boolean().default(false),
  /** Working folder (default: where Dyno runs). */
  cwd: z.string().min(1).optional(),
  /** Added to Dyno's own environment. */
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name is letters, digits and _'), z.string()).default({}),
  /** One run longer than this is stopped (its whole process tree) and the run fails. */
  timeoutMs: z.number().positive().max(86_400_000).optional(),
  metrics: z.array(MetricPatternSchema).max(32).default([]),
  targets: z.array(MetricTargetSchema).max(32).default([]),
  /** The parameter values substituted into `argv` (a parameter scan's point), for display and diffs. */
  params: z.record(z.string(), z.string()).default({}),
});
export type CommandWorkload = z.infer<typeof CommandWorkloadSchema>;
export type CommandWorkloadInput = z.input<typeof CommandWorkloadSchema>;

/** Quotes an argument for a POSIX shell only where it needs it, so the line reads as typed. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The command as one line (what Sessions lists in the model column, and what a user could paste). */
export function commandLine(w: Pick<CommandWorkload, 'argv' | 'shell'>): string {
  return w.shell ? w.argv.join(' ') : w.argv.map(shellQuote).join(' ');
}

/** A short name for lists: the program's file name and its arguments, cut at 80 characters. */
export function commandName(w: Pick<CommandWorkload, 'argv' | 'shell'>): string {
  const [program = '', ...rest] = w.shell ? (w.argv[0] ?? '').trim().split(/\s+/) : w.argv;
  const line = [program.split('/').pop() ?? program, ...(w.shell ? rest : rest.map(shellQuote))].join(' ');
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

export function targetText(t: MetricTarget): string {
  return `${t.metric}${t.op}${t.value}`;
}

export function meetsTarget(t: Pick<MetricTarget, 'op' | 'value'>, v: number): boolean {
  switch (t.op) {
    case '>=':
      return v >= t.value;
    case '<=':
      return v <= t.value;
    case '>':
      return v > t.value;
    case '<':
      return v < t.value;
  }
}

/** `accuracy>=0.98` → a target, or a sentence saying what is wrong with it. */
export function parseMetricTarget(spec: string): MetricTarget | string {
  const m = /^\s*([A-Za-z_][\w.-]*)\s*(>=|<=|>|<)\s*(-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)\s*$/i.exec(spec);
  if (!m?.[1] || !m[2] || !m[3]) return `'${spec}' is not a metric target: write it as name>=value or name<=value (e.g. accuracy>=0.98, loss<=0.3).`;
  return { metric: m[1], op: m[2] as MetricTarget['op'], value: Number(m[3]) };
}

/** `accuracy=acc=([0-9.]+)` → a metric pattern, or a sentence saying what is wrong with it. */
export function parseMetricPattern(spec: string): MetricPattern | string {
  const eq = spec.indexOf('=');
  const parsed = MetricPatternSchema.safeParse({ name: spec.slice(0, eq).trim(), pattern: spec.slice(eq + 1) });
  if (eq <= 0 || !parsed.success) return `'${spec}' is not a metric: write it as name='regex with one (capture group)', e.g. accuracy='acc=([0-9.]+)'.`;
  if ((new RegExp(`${parsed.data.pattern}|`).exec('')?.length ?? 0) < 2) return `--metric ${parsed.data.name}: the pattern has no (capture group) holding the value.`;
  return parsed.data;
}

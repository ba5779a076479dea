/**
 * The optimizer wizard's Command goal, pure: the fields as typed → the `commandOptimizer.start`
 * request, or each field's problem in words; and the same study as a `dyno optimize-exec` line.
 * Each row is read by the parser the CLI's flag uses (`--factor`, `--param`, `--metric`,
 * `--target`, `--gate`), so the wizard refuses exactly what the terminal refuses.
 */
import { splitArgvLine } from '../../command/argv-line';
import { envOf } from '../../command/form';
import { parseParam, paramProblem, type CommandParam } from '../../command/params';
import { parseMetricPattern, parseMetricTarget, shellQuote, targetText, type MetricPattern, type MetricTarget } from '../../command/workload';
import { parseDuration } from '../goal';
import { commandFactors, parseFlagFactor, type CommandFactor } from './factors';
import { gateText, parseGate, type CommandObjective, type MetricGate } from './goal';
import { CommandOptimizerStartSchema, commandStudySpec, type CommandOptimizerStart } from './start';

export interface CommandGoalFields {
  /** The program and its arguments on one line, split as a shell splits words but run without one. */
  command: string;
  cwd: string;
  /** One NAME=value a line. */
  env: string;
  /** One `name=--flag` (or `name=--flag value`) a line. */
  flags: string;
  /** One `name=v1,v2` a line; the first value is the baseline's. */
  params: string;
  /** One `name=regex` a line, for programs that print no `{"dyno": …}` JSON lines. */
  metrics: string;
  objective: CommandObjective;
  /** The time-to-target objective's `metric>=value`. */
  target: string;
  /** One gate a line: `accuracy>=baseline-0.005`, `loss<=0.4`. */
  gates: string;
  runs: string;
  warmup: string;
  minDurationS: string;
  /** Blank: no timeout. */
  timeoutS: string;
  timeBudget: string;
}

export type CommandGoalErrors = Partial<Record<keyof CommandGoalFields, string>>;

export const DEFAULT_COMMAND_GOAL_FIELDS: CommandGoalFields = {
  command: '',
  cwd: '',
  env: '',
  flags: '',
  params: '',
  metrics: '',
  objective: 'time',
  target: '',
  gates: '',
  runs: '3',
  warmup: '0',
  minDurationS: '0',
  timeoutS: '',
  timeBudget: '10m',
};

const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** Every line through `parse`; the first line it refuses is the field's error. */
function rows<V>(text: string, parse: (line: string) => V | string): V[] | string {
  const out: V[] = [];
  for (const line of linesOf(text)) {
    const v = parse(line);
    if (typeof v === 'string') return v;
    out.push(v);
  }
  return out;
}

function whole(text: string, min: number): number | string {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= min ? n : `a whole number ≥ ${min} (got '${text}')`;
}

function seconds(text: string, allowEmpty: boolean): number | undefined | string {
  if (text.trim() === '') return allowEmpty ? undefined : 'a number of seconds';
  const n = Number(text.trim());
  return Number.isFinite(n) && n >= 0 && n <= 86_400 ? n : `a number of seconds, 0 to 86400 (got '${text}')`;
}

export function commandGoalRequest(f: CommandGoalFields): { request?: CommandOptimizerStart; argv?: string[]; errors: CommandGoalErrors } {
  const errors: CommandGoalErrors = {};
  const fail = <V>(key: keyof CommandGoalFields, v: V | string): V | undefined => {
    if (typeof v !== 'string') return v;
    errors[key] ??= v;
    return undefined;
  };
  const argv = fail('command', splitArgvLine(f.command));
  const env = fail('env', envOf(f.env));
  const flags = fail('flags', rows<CommandFactor>(f.flags, parseFlagFactor));
  const params = fail('params', rows<CommandParam>(f.params, parseParam));
  const metrics = fail('metrics', rows<MetricPattern>(f.metrics, parseMetricPattern));
  const gates = fail('gates', rows<MetricGate>(f.gates, parseGate));
  const target = f.objective === 'time-to-target' ? fail<MetricTarget>('target', f.target.trim() === '' ? 'the time-to-target objective needs a target, e.g. accuracy>=0.9' : parseMetricTarget(f.target)) : undefined;
  const runs = fail('runs', whole(f.runs, 1));
  const warmup = fail('warmup', whole(f.warmup, 0));
  const minDurationS = fail('minDurationS', seconds(f.minDurationS, false));
  const timeoutS = fail('timeoutS', seconds(f.timeoutS, true));
  if (timeoutS === 0) errors.timeoutS = 'more than 0 s, or blank for none';
  const timeBudgetMs = parseDuration(f.timeBudget);
  if (timeBudgetMs === undefined) errors.timeBudget = `a duration such as 10m, 90s or 1h (got '${f.timeBudget}')`;
  if (argv && params && !errors.params) {
    const problem = paramProblem(argv, params);
    if (problem) errors.params = problem;
  }
  if (flags && params && !errors.flags && !errors.params) {
    const factors = commandFactors(flags, params);
    if (typeof factors === 'string') errors.flags = factors;
  }
  if (Object.keys(errors).length > 0 || !argv || !env || !flags || !params || !metrics || !gates || runs === undefined || warmup === undefined || minDurationS === undefined || timeBudgetMs === undefined) return { ...(argv ? { argv } : {}), errors };
  const parsed = CommandOptimizerStartSchema.safeParse({
    argv,
    ...(f.cwd.trim() ? { cwd: f.cwd.trim() } : {}),
    env,
    metrics,
    flags: flags.flatMap((x) => (x.kind === 'flag' ? [{ name: x.name, args: x.args }] : [])),
    params,
    objective: f.objective,
    ...(target ? { target } : {}),
    gates,
    runs,
    warmup,
    minDurationS,
    ...(timeoutS !== undefined ? { timeoutS } : {}),
    timeBudgetMs,
  });
  if (!parsed.success) return { argv, errors: { command: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)[0] ?? 'invalid' } };
  const spec = commandStudySpec(parsed.data);
  if (typeof spec === 'string') return { argv, errors: { flags: spec } };
  return { request: parsed.data, argv, errors };
}

/** The same study as a `dyno optimize-exec` line (the flags that differ from its defaults, then `--`, then the argv). */
export function optimizeExecCommandFor(r: CommandOptimizerStart): string {
  const parts = ['dyno optimize-exec', `-r ${r.runs}`];
  if (r.warmup > 0) parts.push(`-w ${r.warmup}`);
  if (r.minDurationS !== 3) parts.push(`--min-duration ${r.minDurationS}`);
  if (r.timeoutS !== undefined) parts.push(`--timeout ${r.timeoutS}`);
  if (r.cwd) parts.push(`--cwd ${shellQuote(r.cwd)}`);
  for (const [k, v] of Object.entries(r.env)) parts.push(`--env ${shellQuote(`${k}=${v}`)}`);
  for (const m of r.metrics) parts.push(`--metric ${shellQuote(`${m.name}=${m.pattern}`)}`);
  if (r.target) parts.push(`--target ${shellQuote(targetText(r.target))}`);
  for (const x of r.flags) parts.push(`--factor ${shellQuote(`${x.name}=${x.args.join(' ')}`)}`);
  for (const p of r.params) parts.push(`--param ${shellQuote(`${p.name}=${p.values.join(',')}`)}`);
  if (r.objective !== 'time') parts.push(`--objective ${r.objective}`);
  for (const g of r.gates) parts.push(`--gate ${shellQuote(gateText(g))}`);
  if (r.timeBudgetMs !== 600_000) parts.push(`--time-budget ${Math.round(r.timeBudgetMs / 1000)}s`);
  parts.push('--', ...r.argv.map(shellQuote));
  return parts.join(' ');
}

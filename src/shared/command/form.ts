/**
 * The studio's Command source: the fields as typed (command line, working folder, environment
 * variables one NAME=value a line, runs, warm-ups, minimum duration, timeout) and the run
 * configuration they describe, or one error per field. The command line goes to /bin/sh as
 * typed, as `dyno exec -- '<line>'` does; `execCommandFor` shows that same run as a CLI line.
 */
import { RunConfigSchema, type RunConfig } from '../run-config';
import { commandLine, shellQuote } from './workload';

export interface CommandFields {
  line: string;
  cwd: string;
  env: string;
  runs: string;
  warmup: string;
  minDurationS: string;
  timeoutS: string;
}

export const DEFAULT_COMMAND_FIELDS: CommandFields = { line: '', cwd: '', env: '', runs: '10', warmup: '0', minDurationS: '3', timeoutS: '' };

export type CommandFieldErrors = Partial<Record<keyof CommandFields, string>>;

function count(text: string, min: number): number | string {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= min ? n : `a whole number ≥ ${min}`;
}

function seconds(text: string, allowEmpty: boolean): number | undefined | string {
  if (text.trim() === '') return allowEmpty ? undefined : 'a number of seconds';
  const n = Number(text.trim());
  return Number.isFinite(n) && n >= 0 && n <= 86_400 ? n : 'a number of seconds (0 to 86400)';
}

export function envOf(text: string): Record<string, string> | string {
  const env: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const eq = line.indexOf('=');
    const name = line.slice(0, eq);
    if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `'${line}': one NAME=value a line`;
    env[name] = line.slice(eq + 1);
  }
  return env;
}

export function parseCommandForm(f: CommandFields): { config?: RunConfig; errors: CommandFieldErrors } {
  const errors: CommandFieldErrors = {};
  const line = f.line.trim();
  if (line === '') errors.line = 'type the command to measure';
  const runs = count(f.runs, 1);
  const warmup = count(f.warmup, 0);
  const minDurationS = seconds(f.minDurationS, false);
  const timeoutS = seconds(f.timeoutS, true);
  const env = envOf(f.env);
  if (typeof runs === 'string') errors.runs = runs;
  if (typeof warmup === 'string') errors.warmup = warmup;
  if (typeof minDurationS === 'string') errors.minDurationS = minDurationS;
  if (typeof timeoutS === 'string' || timeoutS === 0) errors.timeoutS = typeof timeoutS === 'string' ? timeoutS : 'more than 0 s, or empty for none';
  if (typeof env === 'string') errors.env = env;
  if (Object.keys(errors).length > 0 || typeof runs === 'string' || typeof warmup === 'string' || typeof minDurationS !== 'number' || typeof timeoutS === 'string' || typeof env === 'string') return { errors };
  const command = { argv: [line], shell: true, ...(f.cwd.trim() ? { cwd: f.cwd.trim() } : {}), env, ...(timeoutS !== undefined ? { timeoutMs: timeoutS * 1000 } : {}) };
  const parsed = RunConfigSchema.safeParse({
    modelPath: commandLine(command),
    command,
    stop: { warmupIterations: warmup, minIterations: runs, minDurationMs: minDurationS * 1000, maxIterations: Math.max(10_000, runs), maxDurationMs: 3_600_000 },
  });
  if (!parsed.success) return { errors: { line: parsed.error.issues[0]?.message ?? 'invalid' } };
  return { config: parsed.data, errors };
}

/** The same run as a `dyno exec` line. */
export function execCommandFor(config: RunConfig): string {
  const c = config.command;
  if (!c) return '';
  const s = config.stop;
  const parts = ['dyno exec', `-r ${s.minIterations}`];
  if (s.warmupIterations > 0) parts.push(`-w ${s.warmupIterations}`);
  if (s.minDurationMs !== 3_000) parts.push(`--min-duration ${s.minDurationMs / 1000}`);
  if (c.timeoutMs !== undefined) parts.push(`--timeout ${c.timeoutMs / 1000}`);
  if (c.cwd) parts.push(`--cwd ${shellQuote(c.cwd)}`);
  for (const [k, v] of Object.entries(c.env)) parts.push(`--env ${shellQuote(`${k}=${v}`)}`);
  parts.push('--', c.shell ? shellQuote(c.argv.join(' ')) : c.argv.map(shellQuote).join(' '));
  return parts.join(' ');
}

/**
 * What a stored command run has that the Command form has no field for (a `dyno exec` run's
 * --metric patterns and --target), in one sentence for the user who opened its link; undefined
 * when the form holds all of it. A run started from the form would measure without them.
 */
export function commandSettingsNotInTheForm(config: RunConfig): string | undefined {
  const c = config.command;
  if (!c) return undefined;
  const left = [
    ...(c.metrics.length > 0 ? [`--metric ${c.metrics.map((m) => m.name).join(', ')}`] : []),
    ...(c.targets.length > 0 ? [`--target ${c.targets.map((t) => `${t.metric}${t.op}${t.value}`).join(', ')}`] : []),
  ];
  if (left.length === 0) return undefined;
  return `This run was made with ${left.join(' and ')}, which the Command form has no fields for: a run started from this form measures without them (dyno exec takes them).`;
}

/**
 * The form that describes a stored command run (a link to it opened in a fresh tab): the inverse
 * of `parseCommandForm` for a run the form made. What the form has no field for (a `dyno exec`
 * run's --metric patterns or targets) is not shown; the command line reads as `commandLine` prints it.
 */
export function commandFieldsFrom(config: RunConfig): CommandFields | undefined {
  const c = config.command;
  if (!c) return undefined;
  const s = config.stop;
  return {
    line: commandLine(c),
    cwd: c.cwd ?? '',
    env: Object.entries(c.env)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
    runs: String(s.minIterations),
    warmup: String(s.warmupIterations),
    minDurationS: String(s.minDurationMs / 1000),
    timeoutS: c.timeoutMs !== undefined ? String(c.timeoutMs / 1000) : '',
  };
}

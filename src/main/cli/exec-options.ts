/**
 * `dyno exec`'s options and the run configuration they describe. The stop rule is hyperfine's:
 * at least --runs runs and --min-duration seconds, after --warmup runs, capped by --max-runs and
 * --max-duration. The command is exactly what follows `--`: one argument with spaces in it is a
 * shell line (as hyperfine takes it), several are the program and its arguments, run without a shell.
 */
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { RunConfigSchema, type RunConfig } from '../../shared/run';
import { commandLine, parseMetricPattern, parseMetricTarget, type CommandWorkloadInput, type MetricPattern, type MetricTarget } from '../../shared/command/workload';
import { parseParam, type CommandParam } from '../../shared/command/params';
import { nonNegativeInt, positiveInt, cliParser } from './options';
import { numberParser } from '../../shared/knobs/builders';

export const EXEC_DEFAULTS = { runs: 10, warmup: 0, minDurationS: 3, maxRuns: 10_000, maxDurationS: 3_600 } as const;

export interface ExecFlags {
  runs: number;
  warmup: number;
  minDuration: number;
  maxRuns: number;
  maxDuration: number;
  timeout?: number;
  cwd?: string;
  env: Record<string, string>;
  metric: MetricPattern[];
  target: MetricTarget[];
  param: CommandParam[];
  shell?: boolean;
  label?: string;
  telemetry: boolean;
}

function collect<V>(parse: (spec: string) => V | string) {
  return (spec: string, previous: V[] = []): V[] => {
    const v = parse(spec);
    if (typeof v === 'string') throw new InvalidArgumentError(v);
    return [...previous, v];
  };
}

function collectEnv(spec: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = spec.indexOf('=');
  const name = spec.slice(0, eq);
  if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new InvalidArgumentError(`--env takes NAME=value (got '${spec}').`);
  return { ...previous, [name]: spec.slice(eq + 1) };
}

const seconds = (name: string) => cliParser(name, numberParser(z.number().positive()));

export function addExecOptions(cmd: Command): Command {
  return cmd
    .option('-r, --runs <n>', 'measure at least this many runs', positiveInt('--runs'), EXEC_DEFAULTS.runs)
    .option('-w, --warmup <n>', 'runs before measuring, not counted (caches, JIT, downloads)', nonNegativeInt('--warmup'), EXEC_DEFAULTS.warmup)
    .option('--min-duration <s>', 'and for at least this many seconds', cliParser('--min-duration', numberParser(z.number().min(0))), EXEC_DEFAULTS.minDurationS)
    .option('--max-runs <n>', 'stop after this many measured runs', positiveInt('--max-runs'), EXEC_DEFAULTS.maxRuns)
    .option('--max-duration <s>', 'stop measuring after this many seconds', seconds('--max-duration'), EXEC_DEFAULTS.maxDurationS)
    .option('--timeout <s>', 'stop a run (its whole process tree) that takes longer, and fail', seconds('--timeout'))
    .option('--cwd <dir>', 'working folder of the command')
    .option('--env <NAME=value>', 'an environment variable for the command, repeatable', collectEnv, {})
    .option('--metric <name=regex>', "a metric read from output lines by the regex's first capture group, repeatable, e.g. accuracy='acc=([0-9.]+)'", collect(parseMetricPattern), [])
    .option('--target <spec>', 'time (and energy) until a metric first reaches a value, written name>=value or name<=value, repeatable, e.g. accuracy>=0.98', collect(parseMetricTarget), [])
    .option('--param <name=a,b,c>', 'substitute each value for {name} in the command; every combination is one run of a study, repeatable', collect(parseParam), [])
    .option('--shell', 'run the command line through /bin/sh (the default for one argument with spaces)')
    .option('--no-telemetry', 'no CPU/GPU/energy sampling')
    .option('--label <text>', 'a label for the run (or the study)');
}

/** One argument with whitespace is a shell line; several are argv (hyperfine's convention, and what the user typed). */
export function usesShell(argv: readonly string[], asked: boolean | undefined): boolean {
  return asked === true || (argv.length === 1 && /\s/.test(argv[0] ?? ''));
}

export function execConfig(argv: string[], o: ExecFlags, params: Record<string, string> = {}): RunConfig {
  const shell = usesShell(argv, o.shell);
  const workload: CommandWorkloadInput = {
    argv: shell ? [argv.join(' ')] : argv,
    shell,
    ...(o.cwd ? { cwd: resolve(o.cwd) } : {}),
    env: o.env,
    ...(o.timeout !== undefined ? { timeoutMs: o.timeout * 1000 } : {}),
    metrics: o.metric,
    targets: o.target,
    params,
  };
  const parsed = RunConfigSchema.safeParse({
    modelPath: commandLine({ argv: workload.argv, shell }),
    command: workload,
    telemetry: { enabled: o.telemetry, intervalMs: 100, idleBaselineMs: o.telemetry ? 1000 : 0, gpus: [] },
    stop: {
      warmupIterations: o.warmup,
      minIterations: o.runs,
      minDurationMs: o.minDuration * 1000,
      maxIterations: Math.max(o.maxRuns, o.runs),
      maxDurationMs: o.maxDuration * 1000,
    },
    ...(o.label ? { label: o.label } : {}),
  });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

/**
 * Option parsers and choices of the commands whose actions load ONNX Runtime, SQLite and the
 * studio. main.ts declares every command's options from here and imports each action only
 * when that command runs, so `dyno --help`, `--version` and a usage error start in a fraction
 * of the time (and so do the tests that spawn the CLI dozens of times).
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { FACTOR_IDS, type FactorId } from '../../shared/optimizer/factors';
import { parseFlagFactor } from '../../shared/optimizer/command/factors';
import { COMMAND_OBJECTIVES, parseGate } from '../../shared/optimizer/command/goal';
import { addExecOptions } from './exec-options';
import { nonNegativeInt } from './options';

/** `--batches 1,2,4`: a list of whole numbers (dyno sweep). */
export function intList(flag: string) {
  return (value: string): number[] => {
    const list = value.split(',').map((s) => Number(s.trim()));
    if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 0)) throw new InvalidArgumentError(`${flag} takes a comma-separated list of whole numbers (got '${value}').`);
    return list;
  };
}

/** Rounds of `dyno compare --rerun` when --rounds is not given. */
export const DEFAULT_ROUNDS = 5;

export const COMPARE_FORMATS = ['text', 'json', 'markdown'] as const;

export const CONVERT_TARGETS = ['fp16', 'int8'] as const;

/** `--time-budget` of dyno optimize and optimize-exec when not given. */
export const DEFAULT_TIME_BUDGET = '10m';

/** `--factors threads,optLevel`: which factors to search. */
export function factorList(text: string): FactorId[] {
  const ids = text.split(',').map((s) => s.trim());
  const unknown = ids.filter((id) => !FACTOR_IDS.some((f) => f === id));
  if (unknown.length > 0 || ids.length === 0) throw new InvalidArgumentError(`--factors takes a comma-separated list of ${FACTOR_IDS.join(', ')} (got '${text}').`);
  return FACTOR_IDS.filter((f) => ids.includes(f));
}

function collect<V>(parse: (spec: string) => V | string) {
  return (spec: string, previous: V[] = []): V[] => {
    const v = parse(spec);
    if (typeof v === 'string') throw new InvalidArgumentError(v);
    return [...previous, v];
  };
}

/** dyno optimize-exec's options: dyno exec's, and the search's. */
export function addOptimizeExecOptions(cmd: Command): Command {
  const withExec = addExecOptions(cmd);
  // dyno exec scans every combination of --param; here a parameter is a factor, its values levels.
  const param = withExec.options.find((opt) => opt.long === '--param');
  if (param) param.description = "a factor substituted for {name} in the command: the first value is the baseline's, the others are tried, repeatable, e.g. batch=32,64";
  return withExec
    .option('--factor <name=--flag>', "a flag to try on and off (appended when on), repeatable, e.g. amp=--amp or fast='--epochs 2'", collect(parseFlagFactor), [])
    .addOption(new Option('--objective <objective>', 'what to improve: median wall time, peak memory of the process tree, energy per run, or time to the --target').choices(COMMAND_OBJECTIVES).default('time'))
    .option('--gate <spec>', "a metric every candidate must keep, repeatable: accuracy>=baseline-0.005 (within 0.005 of the baseline's value) or loss<=0.4", collect(parseGate), [])
    .option('--time-budget <duration>', `wall time for the whole search, e.g. 10m, 90s (default ${DEFAULT_TIME_BUDGET})`)
    .option('--rounds <n>', 'interleaved rounds re-measuring the best candidates against the baseline', nonNegativeInt('--rounds'), 3)
    .option('--top <k>', 'how many candidates are re-measured', nonNegativeInt('--top'), 2)
    .option('-o, --out <dir>', "write the report (Markdown, HTML), the JSON and the winner's command line and levels here")
    .option('--resume <study>', 'continue a stopped command optimizer study, reusing its measured trials')
    .option('--json', 'print one JSON object', false);
}

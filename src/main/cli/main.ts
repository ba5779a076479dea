/**
 * The `dyno` command line: wiring only. Each subcommand lives in its own module; errors leave
 * as one line and a non-zero exit (see errors.ts).
 */
import { Command, Option } from 'commander';
import { appVersion } from '../studio/paths';
import { bench } from './bench';
import { inspect } from './inspect';
import { serve } from './serve';
import { collectDim, nonNegativeInt, positiveInt, seconds } from './options';
import { CliError, failLine } from './errors';
import { RUN_DEFAULTS } from '../../shared/run';

function exitWith(code: number): void {
  process.exitCode = code;
}

export function buildProgram(): Command {
  const program = new Command('dyno')
    .description('Measure how fast, lean and energy-efficient ONNX models run.')
    .version(appVersion())
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('bench')
    .description('Benchmark a model with ONNX Runtime and store the run in the studio database.')
    .argument('<model>', 'path to an .onnx file')
    .option('-n, --iterations <n>', 'measure exactly N iterations (overrides the min/max rule)', positiveInt('--iterations'))
    .option('--min-iterations <n>', `measure at least N iterations (default ${RUN_DEFAULTS.minIterations})`, positiveInt('--min-iterations'))
    .option('--max-iterations <n>', `stop after N iterations (default ${RUN_DEFAULTS.maxIterations})`, positiveInt('--max-iterations'))
    .option('--min-duration <s>', `measure for at least S seconds (default ${RUN_DEFAULTS.minDurationMs / 1000})`, seconds('--min-duration'))
    .option('--max-duration <s>', `stop after S seconds (default ${RUN_DEFAULTS.maxDurationMs / 1000})`, seconds('--max-duration'))
    .option('-w, --warmup <n>', 'warm-up iterations, not measured', nonNegativeInt('--warmup'), RUN_DEFAULTS.warmupIterations)
    .option('-t, --threads <n>', 'intra-op threads (0: ONNX Runtime decides)', nonNegativeInt('--threads'), 0)
    .option('--dim <name=n>', 'value of a symbolic dimension, repeatable', collectDim, {})
    .option('--seed <n>', 'seed of the generated inputs', nonNegativeInt('--seed'), 1)
    .option('--label <text>', 'a label to find the run by later')
    .option('--json', 'print one JSON object instead of a summary', false)
    .action(async (model: string, opts) => exitWith(await bench(model, opts)));

  program
    .command('inspect')
    .description("Show a model's inputs and outputs (names, element types, shapes).")
    .argument('<model>', 'path to an .onnx file')
    .option('--json', 'print JSON', false)
    .action(async (model: string, opts) => exitWith(await inspect(model, opts)));

  program
    .command('serve')
    .description('Serve the studio to a browser, with a per-launch token in the printed URL.')
    .addOption(new Option('--host <host>', 'interface to listen on').default('127.0.0.1'))
    .addOption(new Option('--port <port>', 'port (0 picks a free one)').default(4780).argParser(nonNegativeInt('--port')))
    .action(async (opts) => exitWith(await serve(opts)));

  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    process.stderr.write(failLine(err) + '\n');
    process.exitCode = err instanceof CliError ? err.exitCode : 1;
  }
}

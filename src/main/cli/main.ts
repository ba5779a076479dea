/**
 * The `dyno` command line: wiring only. Each subcommand lives in its own module; errors leave
 * as one line and a non-zero exit (see errors.ts).
 */
import { Command, Option } from 'commander';
import { appVersion } from '../studio/paths';
// Each command's action is imported when that command runs (see command-options.ts): the
// actions load ONNX Runtime, SQLite and the studio, which --help, --version and usage errors
// never need. Option parsers and choices come from light modules.
import type { InspectFlags } from './inspect';
import { ZOO_FAMILIES, ZOO_SIZES } from '../../shared/zoo-names';
import type { SweepFlags } from './sweep';
import { collectNamedInt, collectShape, nonNegativeInt, positiveInt } from './options';
import { addBenchOptions, type BenchFlags } from './bench-options';
import { CliError, failLine } from './errors';
import { addOutputOptions, outputFormat, type OutputFlags } from './output-options';
import type { ReportFlags } from './report';
import type { CompareFlags } from './compare';
import { percent } from './options';
import type { ConvertFlags } from './convert';
import { addExecOptions, type ExecFlags } from './exec-options';
import { collectTarget } from './targets';
import type { OptimizeFlags } from './optimize';
import type { OptimizeExecFlags } from './optimize-exec';
import { addOptimizeExecOptions, COMPARE_FORMATS, CONVERT_TARGETS, DEFAULT_ROUNDS, factorList, intList } from './command-options';
import { OBJECTIVES } from '../../shared/optimizer/goal';
import { z } from 'zod';
import { cliParser } from './options';
import { numberParser } from '../../shared/knobs/builders';
import { optionDescription } from './help-defaults';

/** Commander's "error: …" message as the CLI's one line. */
export function usageErrorLine(text: string): string {
  return `dyno: ${text.replace(/^error: /, '').replace(/\s+/g, ' ').trim()} (run with --help for usage)`;
}

function exitWith(code: number): void {
  process.exitCode = code;
}

export function buildProgram(): Command {
  const program = new Command('dyno')
    .description('Measure how fast, lean and energy-efficient ONNX models run.')
    .version(appVersion())
    // A usage error is one line like every other error: "dyno: <what> (run with --help for usage)".
    .configureOutput({ outputError: (text, write) => write(`${usageErrorLine(text)}\n`) })
    // Inherited by every command: no "(default: {})" after a repeatable option (help-defaults.ts).
    .configureHelp({ optionDescription })
    .addHelpText('after', '\nExit codes: 0 ok, 1 error, 3 regression / failed target / failed check / server budget missed / no optimizer candidate meets the constraints, 130 cancelled.');

  addOutputOptions(
    addBenchOptions(
      program
        .command('bench')
        .description('Benchmark a model with ONNX Runtime and store the run in the studio database.')
        .argument('<model>', 'path to an .onnx file')
        .option('--no-advice', 'leave out what to try next (the "try next:" lines and the JSON\'s advice field)'),
    ),
  ).action(async (model: string, opts: BenchFlags & OutputFlags & { advice: boolean }) => exitWith(await (await import('./bench')).bench(model, opts)));

  addOutputOptions(
    addBenchOptions(
      program
        .command('sweep')
        .description('Run the same benchmark over batch sizes and/or thread counts and fit time ∝ n^k.')
        .argument('<model>', 'path to an .onnx file')
        .option('--batches <list>', 'batch sizes to sweep, e.g. 1,2,4,8', intList('--batches'))
        .option('--thread-counts <list>', 'intra-op thread counts to sweep, e.g. 1,2,4', intList('--thread-counts')),
    ),
    ['text', 'json'],
  ).action(async (model: string, opts: Omit<SweepFlags, 'json'> & OutputFlags) => exitWith(await (await import('./sweep')).sweep(model, { ...opts, json: outputFormat(opts) === 'json' })));

  addOutputOptions(
    program
      .command('compare')
      .description('Compare runs with a baseline: a verdict per run (faster, slower, no meaningful difference, inconclusive, not enough samples).')
      .argument('<run...>', 'stored run ids or `dyno bench --format json` files; ids joined by commas are one side of repeated runs')
      .option('--baseline <run>', 'the run (or comma-joined runs) to compare against (default: the first)')
      .option('--threshold <pct>', 'practical threshold: a smaller difference reads "no meaningful difference"', percent('--threshold'), 1)
      .option('--fail-if-slower <pct>', "exit 3 when a run's median is slower by more than PCT % at the 95 % interval's lower bound", percent('--fail-if-slower'))
      .option('--rerun', "re-measure the runs' configurations in alternating rounds (A B A B …) and compare them round by round", false)
      .option('--rounds <n>', `with --rerun: rounds (default ${DEFAULT_ROUNDS})`, positiveInt('--rounds'))
      .option('--target <spec>', "judge every run of every side against a target, e.g. 'p99<=15ms'; repeatable, exit 3 when one fails", collectTarget, []),
    COMPARE_FORMATS,
  ).action(async (refs: string[], opts: CompareFlags) => exitWith(await (await import('./compare')).compare(refs, opts)));

  addOutputOptions(
    program
      .command('inspect')
      .description("Show a model's inputs and outputs, opsets, operators, parameters and metadata.")
      .argument('<model>', 'path to an .onnx file')
      .option('--flops', 'count FLOPs with one profiled inference (Conv, ConvTranspose, MatMul, Gemm)', false)
      .option('--dim <name=n>', 'with --flops: value of a symbolic dimension, repeatable', collectNamedInt('--dim'), {})
      .option('--shape <name=DxD…>', 'with --flops: whole shape of an input, repeatable', collectShape, {})
      .option('-b, --batch <n>', 'with --flops: batch size', positiveInt('--batch')),
    ['text', 'json'],
  ).action(async (model: string, opts: InspectFlags) => exitWith(await (await import('./inspect')).inspect(model, opts)));

  addOutputOptions(
    program
      .command('convert')
      .description('Write an FP16 or INT8 copy of a model: what was converted and skipped, and its outputs against the original.')
      .argument('<model>', 'path to an .onnx file')
      .addOption(new Option('--to <precision>', 'target precision').choices(CONVERT_TARGETS).makeOptionMandatory())
      .option('-o, --output <file>', 'where to write the converted model (default: <model>.<precision>.onnx beside it)')
      .option('--inputs <dir>', 'compare outputs on these inputs (input_N.pb or NAME.npy) instead of seeded random ones')
      .option('--calibrate <dir>', 'with --to int8: static (QDQ) quantization calibrated on these inputs (test_data_set_N folders, or one set)')
      // One default in the help: commander would print the empty record ({}) after the words.
      .addOption(new Option('--dim <name=n>', 'value of a symbolic dimension for the random inputs, repeatable').argParser(collectNamedInt('--dim')).default({}, '1 for each one not given'))
      .option('--seed <n>', 'seed of the random inputs', nonNegativeInt('--seed'), 1),
    ['text', 'json'],
  ).action(async (model: string, opts: ConvertFlags) => exitWith(await (await import('./convert')).convert(model, opts)));

  program
    .command('zoo')
    .description('Generate a model: mlp, resnet, bert or unet, at a size, deterministic from a seed.')
    .argument('[family]', `one of ${ZOO_FAMILIES.join(', ')}`)
    .addOption(new Option('--size <size>', 'model size').choices(ZOO_SIZES).default('small'))
    .option('--seed <n>', 'seed of the weights', nonNegativeInt('--seed'), 1)
    .option('-o, --output <file>', 'where to write the .onnx (default: <family>-<size>-seed<n>.onnx)')
    .option('--list', 'list the families', false)
    .action(async (family: string | undefined, opts) => exitWith((await import('./zoo')).zoo(family, opts)));

  addOutputOptions(
    program.command('providers').description('List the execution providers (cpu, cuda, tensorrt, webgpu) and whether each works here.'),
    ['text', 'json'],
  ).action(async (opts: OutputFlags) => exitWith(await (await import('./providers')).providers(opts)));

  addOutputOptions(
    addExecOptions(
      program
        .command('exec')
        .description('Measure a command (a training script, a data pipeline, a benchmark binary) like a model: N runs after M warm-ups, wall and CPU time, peak memory of the process tree, metrics from its output.')
        .argument('<command...>', 'the command and its arguments, after --'),
    ),
  ).action(async (argv: string[], opts: ExecFlags & OutputFlags) => exitWith(await (await import('./exec')).exec(argv, opts)));

  program
    .command('serve')
    .description('Serve the studio to a browser, with a token in the printed URL (kept in DYNO_HOME/serve-token).')
    .addOption(new Option('--host <host>', 'interface to listen on').default('127.0.0.1'))
    .addOption(new Option('--port <port>', 'port (0 picks a free one)').default(4780).argParser(nonNegativeInt('--port')))
    .option('--allow-commands', 'let the studio run command workloads (anyone with the URL and token could then run programs here)', false)
    .action(async (opts) => exitWith(await (await import('./serve')).serve(opts)));

  program
    .command('report')
    .description('Write stored runs (or a study) as an HTML report, Markdown tables, CSV or the versioned JSON.')
    .argument('<id|study...>', 'run ids or a study id')
    .addOption(new Option('--format <format>', 'report format').choices(['html', 'markdown', 'csv', 'json']).default('html'))
    .option('-o, --output <file>', 'file to write (default: standard output)')
    .option('--samples', 'with --format csv: one row per sample instead of one per run', false)
    .option('--embed-samples', 'with --format html: embed every sample, so dyno import brings the runs back exactly (without it: summary figures, decimated charts, ≤ 2 MB for two runs)', false)
    .option('--target <spec>', "judge every run against a target as well as its own, e.g. 'p99<=15ms'; repeatable", collectTarget, [])
    .action(async (refs: string[], opts: ReportFlags) => exitWith(await (await import('./report')).report(refs, opts)));

  program
    .command('export')
    .description('Write stored runs (or a study) with their samples and telemetry as a bundle that dyno import reads.')
    .argument('<id|study...>', 'run ids or a study id')
    .option('-o, --output <file>', 'bundle file to write, e.g. runs.dyno (default: standard output)')
    .action(async (refs: string[], opts: { output?: string }) => exitWith(await (await import('./report')).exportBundle(refs, opts)));

  program
    .command('import')
    .description('Store the runs of Dyno bundles and HTML reports, hyperfine --export-json files and onnxruntime_perf_test output.')
    .argument('<file...>', 'files to import')
    .option('--json', 'print what was imported as JSON', false)
    .action(async (files: string[], opts: { json: boolean }) => exitWith(await (await import('./import')).importFiles(files, opts)));

  program
    .command('optimize')
    .description('Search for a faster, leaner configuration: baseline, one change at a time, combined, re-measured; outputs checked against the FP32 baseline.')
    .argument('[model]', 'path to an .onnx file (not with --resume)')
    .addOption(new Option('--objective <objective>', 'what to improve').choices(OBJECTIVES).default('latency'))
    .option('--budget-ms <ms>', 'latency budget every candidate must keep (p99 for --objective p99, else p50)', cliParser('--budget-ms', numberParser(z.number().positive())))
    .option('--max-error <x>', 'largest absolute output difference from the FP32 baseline (default 1e-3)', cliParser('--max-error', numberParser(z.number().nonnegative())))
    .option('--min-accuracy <x>', 'least top-1 agreement with the expected outputs of --inputs, 0..1 (e.g. 0.99)', cliParser('--min-accuracy', numberParser(z.number().min(0).max(1))))
    .option('--memory-cap <MiB>', "peak memory of the benchmark worker, in MiB", cliParser('--memory-cap', numberParser(z.number().positive())))
    .option('--time-budget <duration>', 'wall time for the whole search, e.g. 10m, 90s (default 10m)')
    .option('--trial-duration <s>', 'each trial measures at least this long', cliParser('--trial-duration', numberParser(z.number().positive())), 1)
    .option('--trial-iterations <n>', 'and at least this many iterations (662 at least for --objective p99)', positiveInt('--trial-iterations'), 100)
    .option('--warmup <n>', 'warm-up iterations per trial', nonNegativeInt('--warmup'), 10)
    .option('--dim <name=n>', 'value of a symbolic dimension, repeatable', collectNamedInt('--dim'), {})
    .option('--inputs <dir>', 'a test_data_set folder: its inputs are fed and its expected outputs checked')
    .option('--rounds <n>', 'interleaved rounds re-measuring the best candidates against the baseline', nonNegativeInt('--rounds'), 3)
    .option('--top <k>', 'how many candidates are re-measured', nonNegativeInt('--top'), 2)
    .option('-o, --out <dir>', 'write the report (Markdown, HTML) and the winner\'s exports here')
    .option('--factors <list>', 'search only these factors, e.g. threads,optLevel,batch (default: all)', factorList)
    .option('--resume <study>', 'continue a stopped optimizer study, reusing its measured trials')
    .option('--json', 'print one JSON object', false)
    .action(async (model: string | undefined, opts: OptimizeFlags) => exitWith(await (await import('./optimize')).optimizeCommand(model, opts)));

  addOptimizeExecOptions(
    program
      .command('optimize-exec')
      .description('Search for a faster, leaner command: baseline, each flag or parameter value alone, combined, re-measured; metric gates keep it correct.')
      .argument('[command...]', 'the command and its arguments, after -- (not with --resume)'),
  ).action(async (argv: string[], opts: OptimizeExecFlags) => exitWith(await (await import('./optimize-exec')).optimizeExecCommand(argv, opts)));

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

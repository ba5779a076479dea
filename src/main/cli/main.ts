/**
 * The `dyno` command line: wiring only. Each subcommand lives in its own module; errors leave
 * as one line and a non-zero exit (see errors.ts).
 */
import { Command, Option } from 'commander';
import { appVersion } from '../studio/paths';
import { bench } from './bench';
import { inspect, type InspectFlags } from './inspect';
import { serve } from './serve';
import { providers } from './providers';
import { zoo } from './zoo';
import { ZOO_FAMILIES, ZOO_SIZES } from '../models/zoo/families';
import { intList, sweep, type SweepFlags } from './sweep';
import { collectNamedInt, collectShape, nonNegativeInt, positiveInt } from './options';
import { addBenchOptions, type BenchFlags } from './bench-options';
import { CliError, failLine } from './errors';
import { addOutputOptions, outputFormat, type OutputFlags } from './output-options';
import { exportBundle, report, type ReportFlags } from './report';
import { importFiles } from './import';
import { compare, COMPARE_FORMATS, DEFAULT_ROUNDS, type CompareFlags } from './compare';
import { percent } from './options';
import { collectTarget, type TargetFlags } from './targets';

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
    .addHelpText('after', '\nExit codes: 0 ok, 1 error, 3 regression / failed target / failed check / server budget missed, 130 cancelled.');

  addOutputOptions(
    addBenchOptions(
      program
        .command('bench')
        .description('Benchmark a model with ONNX Runtime and store the run in the studio database.')
        .argument('<model>', 'path to an .onnx file'),
    ),
  )
    .option('--target <spec>', "a target the run must meet, e.g. 'p99<=15ms', 'throughput>=500/s', 'energy<=2J', 'memory<=512MiB'; repeatable, exit 3 on a fail", collectTarget, [])
    .action(async (model: string, opts: BenchFlags & OutputFlags & TargetFlags) => exitWith(await bench(model, opts)));

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
  ).action(async (model: string, opts: Omit<SweepFlags, 'json'> & OutputFlags) => exitWith(await sweep(model, { ...opts, json: outputFormat(opts) === 'json' })));

  addOutputOptions(
    program
      .command('compare')
      .description('Compare runs with a baseline: a verdict per run (faster, slower, no meaningful difference, inconclusive, not enough samples).')
      .argument('<run...>', 'stored run ids or `dyno bench --format json` files; ids joined by commas are one side of repeated runs')
      .option('--baseline <run>', 'the run (or comma-joined runs) to compare against (default: the first)')
      .option('--threshold <pct>', 'practical threshold: a smaller difference reads "no meaningful difference"', percent('--threshold'), 1)
      .option('--fail-if-slower <pct>', "exit 3 when a run's median is slower by more than PCT % at the 95 % interval's lower bound", percent('--fail-if-slower'))
      .option('--rerun', "re-measure the runs' configurations in alternating rounds (A B A B …) and compare them round by round", false)
      .option('--rounds <n>', `with --rerun: rounds (default ${DEFAULT_ROUNDS})`, positiveInt('--rounds')),
    COMPARE_FORMATS,
  ).action(async (refs: string[], opts: CompareFlags) => exitWith(await compare(refs, opts)));

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
  ).action(async (model: string, opts: InspectFlags) => exitWith(await inspect(model, opts)));

  program
    .command('zoo')
    .description('Generate a model: mlp, resnet, bert or unet, at a size, deterministic from a seed.')
    .argument('[family]', `one of ${ZOO_FAMILIES.join(', ')}`)
    .addOption(new Option('--size <size>', 'model size').choices(ZOO_SIZES).default('small'))
    .option('--seed <n>', 'seed of the weights', nonNegativeInt('--seed'), 1)
    .option('-o, --output <file>', 'where to write the .onnx (default: <family>-<size>-seed<n>.onnx)')
    .option('--list', 'list the families', false)
    .action((family: string | undefined, opts) => exitWith(zoo(family, opts)));

  addOutputOptions(
    program.command('providers').description('List the execution providers (cpu, cuda, tensorrt, webgpu) and whether each works here.'),
    ['text', 'json'],
  ).action(async (opts: OutputFlags) => exitWith(await providers(opts)));

  program
    .command('serve')
    .description('Serve the studio to a browser, with a token in the printed URL (kept in DYNO_HOME/serve-token).')
    .addOption(new Option('--host <host>', 'interface to listen on').default('127.0.0.1'))
    .addOption(new Option('--port <port>', 'port (0 picks a free one)').default(4780).argParser(nonNegativeInt('--port')))
    .action(async (opts) => exitWith(await serve(opts)));

  program
    .command('report')
    .description('Write stored runs (or a study) as an HTML report, Markdown tables, CSV or the versioned JSON.')
    .argument('<id|study...>', 'run ids or a study id')
    .addOption(new Option('--format <format>', 'report format').choices(['html', 'markdown', 'csv', 'json']).default('html'))
    .option('-o, --output <file>', 'file to write (default: standard output)')
    .option('--samples', 'with --format csv: one row per sample instead of one per run', false)
    .action(async (refs: string[], opts: ReportFlags) => exitWith(await report(refs, opts)));

  program
    .command('export')
    .description('Write stored runs (or a study) with their samples and telemetry as a bundle that dyno import reads.')
    .argument('<id|study...>', 'run ids or a study id')
    .option('-o, --output <file>', 'bundle file to write, e.g. runs.dyno (default: standard output)')
    .action(async (refs: string[], opts: { output?: string }) => exitWith(await exportBundle(refs, opts)));

  program
    .command('import')
    .description('Store the runs of Dyno bundles and HTML reports, hyperfine --export-json files and onnxruntime_perf_test output.')
    .argument('<file...>', 'files to import')
    .option('--json', 'print what was imported as JSON', false)
    .action(async (files: string[], opts: { json: boolean }) => exitWith(await importFiles(files, opts)));

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

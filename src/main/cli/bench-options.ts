/**
 * Every `dyno bench` knob: the commander options and their mapping onto a RunConfig. The UI's
 * "same run from a terminal" line (shared/cli-command.ts) is the inverse; a unit test checks
 * that parsing that line gives back the configuration it came from.
 */
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { EXECUTION_PROVIDERS, RUN_DEFAULTS, RunConfigSchema, type RunConfig } from '../../shared/run-config';
import {
  collectNamedInt,
  collectShape,
  collectValue,
  nonNegativeInt,
  percent,
  positiveInt,
  positiveNumber,
  seconds,
} from './options';

export interface BenchFlags {
  iterations?: number;
  minIterations?: number;
  maxIterations?: number;
  minDuration?: number;
  maxDuration?: number;
  warmup: number;
  ep: RunConfig['session']['executionProvider'];
  optLevel: RunConfig['session']['graphOptimizationLevel'];
  threads: number;
  interThreads: number;
  executionMode: RunConfig['session']['executionMode'];
  memArena: boolean;
  memPattern: boolean;
  freeDim: Record<string, number>;
  deviceId: number;
  cudnnAlgoSearch: RunConfig['session']['cuda']['cudnnConvAlgoSearch'];
  cudaGraph: boolean;
  dim: Record<string, number>;
  shape: Record<string, number[]>;
  value: Record<string, number>;
  batch?: number;
  inputs?: string;
  zeros: boolean;
  seed: number;
  checkOutputs: boolean;
  scenario: RunConfig['scenario']['kind'];
  qps?: number;
  latencyBudget?: number;
  percentile: number;
  samplesPerQuery?: number;
  profile: boolean;
  telemetry: boolean;
  telemetryInterval: number;
  idleBaseline: number;
  gpus?: number[];
  label?: string;
  baseline?: string;
  failIfSlower?: number;
}

export function addBenchOptions(cmd: Command): Command {
  return cmd
    .option('-n, --iterations <n>', 'measure exactly N iterations (overrides the min/max rule)', positiveInt('--iterations'))
    .option('--min-iterations <n>', `measure at least N iterations (default ${RUN_DEFAULTS.minIterations})`, positiveInt('--min-iterations'))
    .option('--max-iterations <n>', `stop after N iterations (default ${RUN_DEFAULTS.maxIterations})`, positiveInt('--max-iterations'))
    .option('--min-duration <s>', `measure for at least S seconds (default ${RUN_DEFAULTS.minDurationMs / 1000})`, seconds('--min-duration'))
    .option('--max-duration <s>', `stop after S seconds (default ${RUN_DEFAULTS.maxDurationMs / 1000})`, seconds('--max-duration'))
    .option('-w, --warmup <n>', 'warm-up iterations, not measured', nonNegativeInt('--warmup'), RUN_DEFAULTS.warmupIterations)
    .addOption(new Option('--ep <provider>', 'execution provider').choices(EXECUTION_PROVIDERS).default('cpu'))
    .addOption(new Option('--opt-level <level>', 'graph optimization level').choices(['disabled', 'basic', 'extended', 'all']).default('all'))
    .option('-t, --threads <n>', 'intra-op threads (0: ONNX Runtime decides)', nonNegativeInt('--threads'), 0)
    .option('--inter-threads <n>', 'inter-op threads (0: ONNX Runtime decides)', nonNegativeInt('--inter-threads'), 0)
    .addOption(new Option('--execution-mode <mode>', 'operator scheduling').choices(['sequential', 'parallel']).default('sequential'))
    .option('--no-mem-arena', 'disable the CPU memory arena')
    .option('--no-mem-pattern', 'disable memory pattern planning')
    .option('--free-dim <name=n>', 'fix a symbolic dimension inside the session, repeatable', collectNamedInt('--free-dim'), {})
    .option('--device-id <n>', 'GPU for cuda/tensorrt', nonNegativeInt('--device-id'), 0)
    .addOption(new Option('--cudnn-algo-search <mode>', 'cuDNN convolution algorithm search').choices(['EXHAUSTIVE', 'HEURISTIC', 'DEFAULT']).default('EXHAUSTIVE'))
    .option('--cuda-graph', 'capture the model in a CUDA graph', false)
    .option('--dim <name=n>', 'value of a symbolic dimension, repeatable', collectNamedInt('--dim'), {})
    .option('--shape <name=DxD…>', 'whole shape of an input, repeatable', collectShape, {})
    .option('--value <name=v>', 'fill an input with one value (e.g. a sample rate), repeatable', collectValue, {})
    .option('-b, --batch <n>', 'batch size: the leading dynamic dimension of every input', positiveInt('--batch'))
    .option('--inputs <dir>', 'read inputs from a folder (input_N.pb TensorProto files, or NAME.npy)')
    .option('--zeros', 'feed zeros instead of seeded random values', false)
    .option('--seed <n>', 'seed of the generated inputs', nonNegativeInt('--seed'), 1)
    .option('--check-outputs', 'compare outputs with output_N.pb in the --inputs folder', false)
    .addOption(new Option('--scenario <name>', 'load scenario (MLPerf LoadGen)').choices(['single-stream', 'offline', 'server', 'multi-stream']).default('single-stream'))
    .option('--qps <n>', 'server scenario: target queries per second (Poisson arrivals)', positiveNumber('--qps'))
    .option('--latency-budget <ms>', 'server scenario: latency the percentile must stay within', positiveNumber('--latency-budget'))
    .option('--percentile <p>', 'server scenario: the percentile judged against the budget', Number, 0.99)
    .option('--samples-per-query <n>', 'multi-stream scenario: samples per query', positiveInt('--samples-per-query'))
    .option('--profile', 'after measuring, profile a separate pass: time per operator and FLOPs', false)
    .option('--no-telemetry', 'do not sample CPU/GPU telemetry beside the run')
    .option('--telemetry-interval <ms>', 'telemetry sampling interval (20–10000 ms)', positiveInt('--telemetry-interval'), 100)
    .option('--gpus <list>', 'GPU indices to sample telemetry from, e.g. 0,1 (default: all)', gpuList)
    .option('--idle-baseline <ms>', 'idle power measured before the run, when an energy counter exists', nonNegativeInt('--idle-baseline'), 1000)
    .option('--label <text>', 'a label to find the run by later')
    .option('--baseline <run-id|file>', 'compare with a stored run or a `dyno bench --json` file')
    .option('--fail-if-slower <pct>', 'with --baseline: exit 3 if the median is slower by more than PCT %', percent('--fail-if-slower'));
}

function gpuList(value: string): number[] {
  const list = value.split(',').map((s) => Number(s.trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 0)) throw new InvalidArgumentError(`--gpus takes GPU indices like 0,1 (got '${value}').`);
  return list;
}

export function benchConfig(model: string, o: BenchFlags): RunConfig {
  const exact = o.iterations !== undefined;
  const scenario = (() => {
    switch (o.scenario) {
      case 'server':
        if (o.qps === undefined || o.latencyBudget === undefined) throw new Error('--scenario server needs --qps and --latency-budget.');
        return { kind: 'server' as const, targetQps: o.qps, latencyBudgetMs: o.latencyBudget, percentile: o.percentile };
      case 'multi-stream':
        if (o.samplesPerQuery === undefined) throw new Error('--scenario multi-stream needs --samples-per-query.');
        return { kind: 'multi-stream' as const, samplesPerQuery: o.samplesPerQuery };
      default:
        return { kind: o.scenario };
    }
  })();
  return RunConfigSchema.parse({
    modelPath: resolve(model),
    session: {
      executionProvider: o.ep,
      graphOptimizationLevel: o.optLevel,
      intraOpThreads: o.threads,
      interOpThreads: o.interThreads,
      executionMode: o.executionMode,
      enableCpuMemArena: o.memArena,
      enableMemPattern: o.memPattern,
      freeDimensionOverrides: o.freeDim,
      cuda: { deviceId: o.deviceId, cudnnConvAlgoSearch: o.cudnnAlgoSearch, enableCudaGraph: o.cudaGraph },
    },
    dims: o.dim,
    shapes: o.shape,
    values: o.value,
    ...(o.batch !== undefined ? { batchSize: o.batch } : {}),
    inputs: o.inputs ? { kind: 'files', dir: resolve(o.inputs) } : o.zeros ? { kind: 'zeros' } : { kind: 'random', seed: o.seed },
    checkOutputs: o.checkOutputs,
    scenario,
    profile: o.profile,
    telemetry: { enabled: o.telemetry, intervalMs: o.telemetryInterval, idleBaselineMs: o.idleBaseline, gpus: o.gpus ?? [] },
    label: o.label,
    stop: {
      warmupIterations: o.warmup,
      // --iterations N means exactly N measured iterations, whatever time they take.
      minIterations: exact ? o.iterations : (o.minIterations ?? RUN_DEFAULTS.minIterations),
      maxIterations: exact ? o.iterations : (o.maxIterations ?? RUN_DEFAULTS.maxIterations),
      minDurationMs: exact ? 0 : (o.minDuration ?? RUN_DEFAULTS.minDurationMs / 1000) * 1000,
      maxDurationMs: (o.maxDuration ?? RUN_DEFAULTS.maxDurationMs / 1000) * 1000,
    },
  });
}

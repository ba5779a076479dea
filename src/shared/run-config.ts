/**
 * Everything that defines a benchmark run: the model, ONNX Runtime's session knobs, where the
 * inputs come from, the load scenario and the stop rule. Defaults follow ../DESIGN.md.
 */
import { z } from 'zod';
import { TelemetryConfigSchema } from './telemetry';
import { CommandWorkloadSchema } from './command/workload';
import { TargetSchema } from './targets/schema';

export const RUN_DEFAULTS = {
  warmupIterations: 10,
  minIterations: 100,
  maxIterations: 100_000,
  minDurationMs: 3_000,
  maxDurationMs: 120_000,
} as const;

export const StopRuleSchema = z
  .object({
    /** Iterations run and discarded before measuring (GPU autotuning, caches, allocator). */
    warmupIterations: z.number().int().min(0).max(100_000),
    /** Measure at least this many iterations ... */
    minIterations: z.number().int().min(1).max(10_000_000),
    /** ... and for at least this long (both must hold, as in hyperfine and LoadGen). */
    minDurationMs: z.number().min(0).max(86_400_000),
    /** Caps: stop at whichever comes first. */
    maxIterations: z.number().int().min(1).max(10_000_000),
    maxDurationMs: z.number().min(1).max(86_400_000),
    /**
     * The whole run's limit, session creation included: a run still going then is stopped and
     * failed with the reason. The caps above are checked between iterations, so they cannot end
     * a model that hangs inside one inference; this can (the worker is killed). Unset: no limit.
     */
    timeoutMs: z.number().min(1_000).max(604_800_000).optional(),
    /**
     * A hard cap on the worker's memory, in MiB: its private data (RLIMIT_DATA, Linux), set
     * before the session is created. An allocation past it fails inside the worker only, so a
     * model that needs more ends its own run ("out of memory") instead of the kernel's OOM
     * killer picking some other process. Unset: no cap.
     */
    memoryCapMiB: z.number().int().min(64).max(16_777_216).optional(),
  })
  .refine((r) => r.maxIterations >= r.minIterations, {
    message: 'must be at least the min iterations',
    path: ['maxIterations'],
  });
export type StopRule = z.infer<typeof StopRuleSchema>;

/** The choice lists, once: the schemas below, the knob registry (shared/knobs) and the UI use these. */
export const EXECUTION_PROVIDERS = ['cpu', 'cuda', 'tensorrt', 'webgpu'] as const;
export type ExecutionProviderName = (typeof EXECUTION_PROVIDERS)[number];
export const GRAPH_OPTIMIZATION_LEVELS = ['disabled', 'basic', 'extended', 'all'] as const;
export const EXECUTION_MODES = ['sequential', 'parallel'] as const;
export const CUDNN_CONV_ALGO_SEARCHES = ['EXHAUSTIVE', 'HEURISTIC', 'DEFAULT'] as const;
export const INPUT_SOURCES = ['random', 'zeros', 'files'] as const;
export const SCENARIOS = ['single-stream', 'offline', 'server', 'multi-stream'] as const;

/** Options of the CUDA (and TensorRT) providers; ignored by the others. */
export const CudaKnobsSchema = z.object({
  deviceId: z.number().int().min(0).max(1023).default(0),
  cudnnConvAlgoSearch: z.enum(CUDNN_CONV_ALGO_SEARCHES).default('EXHAUSTIVE'),
  enableCudaGraph: z.boolean().default(false),
});

export const SessionKnobsSchema = z.object({
  executionProvider: z.enum(EXECUTION_PROVIDERS).default('cpu'),
  graphOptimizationLevel: z.enum(GRAPH_OPTIMIZATION_LEVELS).default('all'),
  /** 0 lets ONNX Runtime choose (one thread per physical core). */
  intraOpThreads: z.number().int().min(0).max(1024).default(0),
  interOpThreads: z.number().int().min(0).max(1024).default(0),
  executionMode: z.enum(EXECUTION_MODES).default('sequential'),
  enableCpuMemArena: z.boolean().default(true),
  enableMemPattern: z.boolean().default(true),
  /** Fixes symbolic dimensions inside the session, so the optimizer can specialise for them. */
  freeDimensionOverrides: z.record(z.string(), z.number().int().positive()).default({}),
  cuda: CudaKnobsSchema.default(CudaKnobsSchema.parse({})),
});
export type SessionKnobs = z.infer<typeof SessionKnobsSchema>;

/** Seeded uniform values: identical tensors for identical seeds. */
export const RandomInputsSchema = z.object({ kind: z.literal('random'), seed: z.number().int().min(0).max(4_294_967_295).default(1) });
/**
 * A folder of ONNX TensorProto files (input_0.pb …, as in ONNX's backend tests and
 * onnxruntime_perf_test's test_data_set_N) or of NumPy files named after the inputs (x.npy).
 */
export const FileInputsSchema = z.object({ kind: z.literal('files'), dir: z.string().min(1) });
export const InputSourceSchema = z.discriminatedUnion('kind', [RandomInputsSchema, z.object({ kind: z.literal('zeros') }), FileInputsSchema]);
export type InputSource = z.infer<typeof InputSourceSchema>;

/** Poisson arrivals at a target rate; latency includes queueing, judged against a budget. */
export const ServerScenarioSchema = z.object({
  kind: z.literal('server'),
  targetQps: z.number().positive().max(1_000_000),
  latencyBudgetMs: z.number().positive().max(86_400_000),
  /** The percentile that must stay within the budget (LoadGen uses p99). */
  percentile: z.number().min(0.5).max(0.9999).default(0.99),
});
/** N samples per query, one query at a time: the latency of a frame of N streams. */
export const MultiStreamScenarioSchema = z.object({ kind: z.literal('multi-stream'), samplesPerQuery: z.number().int().min(1).max(65_536) });
export const ScenarioSchema = z.discriminatedUnion('kind', [
  /** One query at a time, back to back: the latency of a single request. */
  z.object({ kind: z.literal('single-stream') }),
  /** Everything at once at the batch size: throughput. */
  z.object({ kind: z.literal('offline') }),
  ServerScenarioSchema,
  MultiStreamScenarioSchema,
]);
export type Scenario = z.infer<typeof ScenarioSchema>;

export const RunConfigSchema = z.object({
  modelPath: z.string().min(1, 'choose a model'),
  session: SessionKnobsSchema.default(SessionKnobsSchema.parse({})),
  /** Values for symbolic dimensions by name (e.g. { batch: 8 }), used to shape generated inputs. */
  dims: z.record(z.string(), z.number().int().positive()).default({}),
  /** Whole shapes by input name, for inputs with unnamed dynamic dims. */
  shapes: z.record(z.string(), z.array(z.number().int().nonnegative())).default({}),
  /** Inputs filled with one value (e.g. a sample rate that must be valid). */
  values: z.record(z.string(), z.number()).default({}),
  /** Sets the leading (batch) dimension of every input that has a dynamic one. */
  batchSize: z.number().int().positive().optional(),
  inputs: InputSourceSchema.default({ kind: 'random', seed: 1 }),
  /** Compare outputs with output_*.pb in the inputs folder. */
  checkOutputs: z.boolean().default(false),
  scenario: ScenarioSchema.default({ kind: 'single-stream' }),
  /** After measuring, a separate profiled pass records time per operator. */
  profile: z.boolean().default(false),
  telemetry: TelemetryConfigSchema.default({ enabled: true, intervalMs: 100, idleBaselineMs: 1000, gpus: [] }),
  stop: StopRuleSchema,
  label: z.string().max(200).optional(),
  /**
   * The workload, when it is a program rather than the model (shared/command/workload.ts):
   * `modelPath` then holds its command line and the session knobs are unused. Absent on model
   * runs, so their JSON is unchanged.
   */
  command: CommandWorkloadSchema.optional(),
  /**
   * What the run is held to (`--target 'p99<=15ms'`, the run form's targets panel): judged when
   * it completes and stored with its results. Not a knob: it changes no measurement, only the
   * verdicts (so it is outside the knob registry and the config diff).
   */
  targets: z.array(TargetSchema).max(50).optional(),
});
export type RunConfig = z.infer<typeof RunConfigSchema>;
export type RunConfigInput = z.input<typeof RunConfigSchema>;

/**
 * The versioned, flat JSON form of a run (`dyno bench --json`, the JSON exporter), as a zod
 * schema: the TypeScript type, the reader's validation and the committed JSON Schema file
 * (resources/schema/run-v1.schema.json, `npm run schema`) all come from it. Units sit in the
 * key names (`_ms`, `_per_s`, `_j`) so a reader never has to guess. Absent readings are null.
 */
import { z } from 'zod';
import { COMPARE_VERDICTS, EVIDENCE_LEVELS } from './compare/schema';
import { TargetResultSchema } from './targets/schema';
import { RunConfigSchema, type RunStatus } from './run';
import { OutputCheckSchema } from './run-results';
import { TensorInfoSchema } from './model';
import { EnvironmentSchema } from './telemetry';
import { DisplaySchema } from './conditions';
import { ADVICE_IDS } from './advice/item';

export const RUN_JSON_FORMAT_VERSION = 1;
/** Where the schema lives in the repository; `$schema` names the same path under dyno.dev. */
export const RUN_JSON_SCHEMA_FILE = 'resources/schema/run-v1.schema.json';
export const RUN_JSON_SCHEMA_URL = 'https://dyno.dev/schema/run-v1.schema.json';

const STATUSES = { queued: 'queued', running: 'running', completed: 'completed', failed: 'failed', aborted: 'aborted', interrupted: 'interrupted' } as const satisfies {
  [S in RunStatus]: S;
};
const num = z.number();
const maybe = z.number().nullable();

const StatsJsonSchema = z.object({
  count: z.number().int(),
  mean_ms: num,
  std_ms: num,
  cv_pct: num,
  min_ms: num,
  max_ms: num,
  p50_ms: maybe,
  p90_ms: maybe,
  p95_ms: maybe,
  p99_ms: maybe,
  p999_ms: maybe,
  p90_supported: z.boolean().describe('false when too few samples back this percentile'),
  p99_supported: z.boolean(),
  median_ci_low_ms: maybe,
  median_ci_high_ms: maybe,
  p99_ci_low_ms: maybe,
  p99_ci_high_ms: maybe,
  p90_ci_low_ms: maybe,
  p90_ci_high_ms: maybe,
  median_ci_coverage: maybe.describe('achieved coverage of the order-statistic interval (≥ 0.95)'),
  p90_ci_coverage: maybe,
  p99_ci_coverage: maybe,
  p50_early_stopping_ms: maybe.describe("MLPerf LoadGen's early-stopping estimate; null below its minimum count"),
  p90_early_stopping_ms: maybe,
  p95_early_stopping_ms: maybe,
  p99_early_stopping_ms: maybe,
  p999_early_stopping_ms: maybe,
  throughput_per_s: num.describe('samples per second over the measured wall-clock window'),
  measured_wall_ms: num,
  outliers: z.number().int(),
});

const TelemetryJsonSchema = z.object({
  gpu: z.object({
    available: z.boolean(),
    reason: z.string().optional(),
    source: z.enum(['nvml', 'nvidia-smi', 'none']).optional().describe('what the GPU figures were read from: NVML in the process, or the nvidia-smi stream (absent in files written before it was recorded)'),
    sourceNote: z.string().optional().describe('why a preferred source was not used'),
    avgPower_w: maybe,
    peakPower_w: maybe,
    avgUtil_pct: maybe,
    maxTemp_c: maybe,
    peakMemUsed_mib: maybe,
    throttled_share: maybe,
    workerMemory_mib: maybe,
    energy_j: maybe.describe('all sampled GPUs together (whole devices)'),
    perGpu: z.array(
      z.object({
        index: z.number().int(),
        uuid: z.string().nullable(),
        name: z.string().nullable(),
        avgPower_w: maybe,
        peakPower_w: maybe,
        energy_j: maybe,
        idlePower_w: maybe,
        avgUtil_pct: maybe,
        maxTemp_c: maybe,
        peakMemUsed_mib: maybe,
        energyMethod: z.enum(['counter', 'power-integral']).nullable().optional().describe("counter: NVML's hardware energy counter; power-integral: the trapezoid of sampled power"),
        energyNote: z.string().optional().describe('why the counter was not used where the source has one'),
      }),
    ),
  }),
  cpu: z.object({ avgUtil_pct: maybe, peakUtil_pct: maybe, workerAvgCpu_pct: maybe, workerPeakRss_bytes: maybe, energy_j: maybe }),
  interval_ms: num,
  samples: z.number().int(),
  window: z
    .object({ start_epoch_ms: num, end_epoch_ms: num })
    .optional()
    .describe('the measured window the figures cover, in ms since the epoch (absent in files written before it was recorded)'),
});

const EnergyJsonSchema = z.object({
  source: z.string(),
  reason: z.string().optional(),
  device: z.string().nullable().describe('what the energy figures cover: the device the run used'),
  total_j: maybe,
  net_j: maybe.describe('energy above the idle baseline'),
  average_w: maybe,
  peak_w: maybe,
  idle_w: maybe,
  perInference_mj: maybe,
  netPerInference_mj: maybe,
  inferencesPerJ: maybe,
});

const ProfileJsonSchema = z.object({
  kernel_ms_per_iteration: num,
  pass_mean_ms: num.optional().describe("mean wall time per iteration of the profiling pass, which runs apart from the measured loop with the profiler's overhead: the figure kernel time is a part of"),
  flops_per_iteration: num,
  traceFile: z.string().describe('Chrome trace event file, for Perfetto or chrome://tracing'),
  byOpType: z.array(z.object({ opType: z.string(), ms: num, share: num, nodes: z.number().int() })),
  topNodes: z.array(z.object({ name: z.string(), opType: z.string(), ms: num, share: num })),
});

/** A comparison with `--baseline`, by the same verdict logic as `dyno compare` (shared/compare). */
const BaselineJsonSchema = z.object({
  ref: z.string().describe('the baseline: "run <id>" or the file it came from'),
  ratio: num.describe('median of this run ÷ median of the baseline; > 1 is slower'),
  /** Runs stored before the verdicts: hyperfine's σ of the ratio of means (the spread of iterations, not an uncertainty). */
  ratioSigma: num.optional(),
  slowerByPct: num,
  ciLow: maybe.optional().describe('95 % interval of the ratio, widened by run-to-run variation'),
  ciHigh: maybe.optional(),
  verdict: z.enum(COMPARE_VERDICTS).optional(),
  evidence: z.enum(EVIDENCE_LEVELS).optional(),
  sentence: z.string(),
});

const DynoProcessCostJsonSchema = z.object({
  pid: z.number().int(),
  cpu_pct: num.describe('average % of one core while it measured, all threads'),
  wakeups_per_s: num.describe('voluntary context switches a second, all threads'),
  threads: z.number().int(),
  event_loop_pct: num
    .optional()
    .describe(
      'the host only: event-loop utilization, the % of wall time its event loop was not idle — this includes waiting for a CPU on a busy machine, so it can read 8 while cpu_pct reads 0',
    ),
});

/** What the run was measured under (shared/conditions.ts); absent in files written before it was recorded. */
const ConditionsJsonSchema = z.object({
  display: DisplaySchema.describe('what the client drew while it measured: live-charts, charts-paused, or none (CLI, API)'),
  workerCores: z.number().int().describe("logical cores the worker's affinity allowed"),
  machineCores: z.number().int(),
  workerCpuList: z.string().optional(),
  workerNice: z.number().int().optional(),
  intraOpThreads: z.number().int().optional(),
  busyProcesses: z
    .array(z.object({ pid: z.number().int(), name: z.string(), cpu_pct: num.describe('average % of one core while it measured'), dynoHost: z.boolean().optional() }))
    .optional()
    .describe('other processes that used ≥ 2 % of a core while it measured, busiest first (Linux)'),
  dynoProcesses: z
    .object({ host: DynoProcessCostJsonSchema, worker: DynoProcessCostJsonSchema.optional() })
    .optional()
    .describe("Dyno's own processes while it measured: the host (studio, dyno serve or the CLI) and the worker (Linux)"),
});

const SpreadJsonSchema = z.object({ n: z.number().int(), mean: num, std: num, median: num, min: num, max: num });

/** A command workload's figures (shared/command/results.ts); absent on model runs. */
const CommandJsonSchema = z.object({
  commandLine: z.string(),
  runs: z.array(
    z.object({
      phase: z.enum(['warmup', 'measure']),
      i: z.number().int(),
      wall_ms: num,
      user_ms: maybe,
      sys_ms: maybe,
      peakRss_bytes: maybe.describe('summed resident memory of the process tree, sampled'),
      exitCode: z.number().int().nullable(),
      metrics: z.record(z.string(), num).describe('each metric\'s last value in the run'),
      target_s: z.record(z.string(), maybe).describe('seconds until each target was first reached; null if never'),
    }),
  ),
  cpu: z.object({ user_ms: SpreadJsonSchema.nullable(), sys_ms: SpreadJsonSchema.nullable() }),
  metrics: z.array(z.object({ name: z.string(), final: SpreadJsonSchema.nullable() })),
  targets: z.array(z.object({ target: z.string(), reached: z.number().int(), runs: z.number().int(), seconds: SpreadJsonSchema.nullable(), joules: SpreadJsonSchema.nullable() })),
  neverMatched: z.array(z.string()),
  stdoutTail: z.string(),
  stderrTail: z.string(),
});

/** What to try next (shared/advice): absent when there is none and in files written before advice existed. */
const AdviceJsonSchema = z.object({
  id: z.enum(ADVICE_IDS),
  title: z.string(),
  evidence: z.string().describe('the measured figures the item rests on'),
  why: z.string().describe('what may change; advice never predicts a gain, the comparison of a tried run measures it'),
  change: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .nullable()
    .describe("the factor levels the tried run changes ({}: the same run again); null when the remedy is outside the run's settings"),
  command: z.string().nullable().describe('the dyno command line that tries it'),
});

export const RunJsonSchema = z
  .object({
    $schema: z.string(),
    formatVersion: z.literal(RUN_JSON_FORMAT_VERSION),
    exporter: z.string().describe('the program that wrote the file, as dyno@x.y.z'),
    run: z.object({ id: z.string(), status: z.enum(STATUSES), model: z.string(), modelName: z.string(), createdAt: z.string(), error: z.string().optional() }),
    config: RunConfigSchema,
    stats: StatsJsonSchema.nullable(),
    coldStart: z.object({ sessionCreate_ms: num, firstRun_ms: num }).nullable(),
    memory: z.object({ peakRss_bytes: num }).nullable(),
    stability: z.object({ stable: z.boolean(), windowMedians_ms: z.array(num) }).nullable(),
    check: OutputCheckSchema.pick({ passed: true, maxAbsError: true, maxRelError: true, outputs: true }).nullable(),
    server: z
      .object({
        targetQps: num,
        achievedQps: num,
        latencyBudget_ms: num,
        percentile: num,
        percentile_ms: num,
        earlyStopping_ms: maybe,
        overBudget: maybe,
        queriesNeeded: maybe,
        judgedBy: z.enum(['early-stopping', 'interpolated']),
        outcome: z.enum(['pass', 'over-budget', 'too-few-queries', 'did-not-keep-up']).nullable(),
        passed: z.boolean(),
      })
      .nullable(),
    profile: ProfileJsonSchema.nullable(),
    inputs: z.array(TensorInfoSchema).nullable().describe('the shapes actually fed'),
    telemetry: TelemetryJsonSchema.nullable(),
    energy: EnergyJsonSchema.nullable(),
    environment: EnvironmentSchema.nullable(),
    conditions: ConditionsJsonSchema.nullable().optional(),
    command: CommandJsonSchema.optional().describe('a command workload (dyno exec): per-run CPU time, peak memory, exit code and metrics'),
    warnings: z.array(z.object({ code: z.string(), message: z.string() })),
    baseline: BaselineJsonSchema.optional(),
    targets: z.array(TargetResultSchema).optional().describe('--target: each judged pass, fail or not enough samples from the figure’s 95 % interval'),
    advice: z.array(AdviceJsonSchema).optional().describe('what to try next, each with its evidence and the change that tries it'),
  })
  .meta({ title: 'Dyno run', description: 'One benchmark run as Dyno exports it (dyno bench --json).' });
export type RunJson = z.infer<typeof RunJsonSchema>;
export type RunJsonStats = z.infer<typeof StatsJsonSchema>;
export type RunJsonBaseline = z.infer<typeof BaselineJsonSchema>;

/** The JSON Schema document of the format, as committed at RUN_JSON_SCHEMA_FILE. */
export function runJsonSchemaDocument(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(RunJsonSchema, { target: 'draft-2020-12' });
  return { $schema, $id: RUN_JSON_SCHEMA_URL, ...rest };
}

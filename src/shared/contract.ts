/**
 * The one API contract between the studio's host and any front end. Electron's preload and
 * `dyno serve`'s WebSocket both carry exactly these methods and events; TypeScript types are
 * inferred from the schemas, and each side parses what it receives with them.
 */
import { z } from 'zod';
import { DisplaySchema } from './conditions';
import { ModelInfoSchema, SampleModelSchema } from './model';
import { RunConfigSchema, RunSchema, SampleSchema } from './run';
import { WarningSchema } from './warnings-schema';
import { BinSummarySchema, PurgeAfterDaysSchema } from './bin';
import { ProfileSchema } from './run-results';
import { TelemetrySampleSchema } from './telemetry';
import { isMethodName, type MethodName } from './method-names';
import { firstIssue } from './first-issue';
import { ZOO_FAMILIES, ZOO_SIZES } from './zoo-names';
import { NewStudySchema, StudyDetailSchema, StudySchema, StudySummarySchema } from './study';
import { RecentModelSchema } from './recent-model';
import { HistoryPointSchema, RunFacetsSchema, RunFilterSchema, RunMetaPatchSchema, RunSortSchema } from './sessions/run-query';
import { ImportRequestSchema, ImportResultSchema, ReportFileSchema, ReportRequestSchema } from './report';
import { CompareParamsSchema, ComparisonSchema } from './compare/schema';
import { CommandMetricsSchema, CommandOutputSchema } from './command/live';
import { OptimizerStartSchema, OptimizerStateSchema } from './optimizer/study-state';
import { CommandOptimizerStartSchema } from './optimizer/command/start';
import { CommandOptimizerStateSchema } from './optimizer/command/study-state';
import { SweepProgressSchema, SweepRequestSchema } from './sweep';
import { ModelGraphSchema, NodeProfileSchema } from './model-graph';
import { ADVICE_IDS } from './advice/item';

/**
 * One execution provider as the host knows it. `checking`: its probe (a worker process that
 * loads the provider) has not answered yet; an `app.providers` event brings the verdict.
 */
export const ExecutionProviderStatusSchema = z.object({ name: z.string(), available: z.boolean(), reason: z.string().optional(), checking: z.boolean().optional() });
export type ExecutionProviderStatus = z.infer<typeof ExecutionProviderStatusSchema>;

export const AppInfoSchema = z.object({
  version: z.string(),
  ortVersion: z.string(),
  nodeVersion: z.string(),
  electronVersion: z.string().nullable(),
  platform: z.string(),
  cpuModel: z.string(),
  logicalCores: z.number().int(),
  totalMemoryBytes: z.number(),
  home: z.string(),
  databasePath: z.string(),
  executionProviders: z.array(ExecutionProviderStatusSchema),
  /** Things the user should know about from start-up (e.g. a damaged database set aside). */
  notices: z.array(z.string()),
  /** Whether this host runs command workloads (`dyno serve` only with --allow-commands). */
  commandsAllowed: z.boolean().default(false),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const RunDetailSchema = z.object({
  run: RunSchema,
  warnings: z.array(WarningSchema),
});
export type RunDetail = z.infer<typeof RunDetailSchema>;

export const SeriesPointSchema = z.object({ i: z.number(), tMs: z.number(), latencyMs: z.number(), phase: z.enum(['warmup', 'measure']) });
export type SeriesPoint = z.infer<typeof SeriesPointSchema>;
export const SeriesSchema = z.object({
  runId: z.string(),
  totalPoints: z.number().int(),
  points: z.array(SeriesPointSchema),
});
export type Series = z.infer<typeof SeriesSchema>;

const Empty = z.object({}).strict();
const RunIdParams = z.object({ runId: z.string().min(1) }).strict();
const RunIdsParams = z.object({ runIds: z.array(z.string().min(1)).min(1).max(10_000) }).strict();

export const methods = {
  /**
   * `waitForProbe: false` answers at once, with providers not yet probed marked `checking`
   * (a page's first load should not wait on worker processes); the probe's verdict follows as
   * an `app.providers` event. The default waits, for callers that act on the verdict.
   */
  'app.info': { params: z.object({ waitForProbe: z.boolean().default(true) }).strict(), result: AppInfoSchema },
  'models.samples': { params: Empty, result: z.array(SampleModelSchema) },
  'models.inspect': { params: z.object({ path: z.string().min(1) }).strict(), result: ModelInfoSchema },
  /** Inspect and remember in the recent models list. */
  'models.open': { params: z.object({ path: z.string().min(1) }).strict(), result: ModelInfoSchema },
  /** A file dropped in a browser has bytes but no path: the host stores a copy and opens it. */
  'models.import': {
    params: z.object({ fileName: z.string().min(1).max(255), dataBase64: z.string().min(1) }).strict(),
    result: ModelInfoSchema,
  },
  /** Models opened by path, uploaded or generated, newest first; bundled samples are listed apart. */
  'models.recent': { params: Empty, result: z.array(RecentModelSchema) },
  /** Generate a zoo model into the studio's folder and open it. */
  'models.zoo': {
    params: z
      .object({
        family: z.enum(ZOO_FAMILIES),
        size: z.enum(ZOO_SIZES),
        seed: z.number().int().min(0).default(1),
      })
      .strict(),
    result: ModelInfoSchema,
  },
  /**
   * FLOPs of Conv, ConvTranspose, MatMul and Gemm for the chosen shapes, counted from one
   * profiled inference in a worker (the shapes ORT really ran, intermediates included).
   */
  'models.flops': {
    params: z
      .object({
        path: z.string().min(1),
        dims: z.record(z.string(), z.number().int().positive()).default({}),
        shapes: z.record(z.string(), z.array(z.number().int().nonnegative())).default({}),
        batchSize: z.number().int().positive().optional(),
      })
      .strict(),
    result: z.object({ flopsPerIteration: z.number(), byOpType: ProfileSchema.shape.byOpType }),
  },
  /** The model's main graph for the graph view: nodes, tensors with stated shapes, edges; no weights (shared/model-graph.ts). */
  'models.graph': { params: z.object({ path: z.string().min(1) }).strict(), result: ModelGraphSchema },
  /** A profiled run's kernel time, provider and FLOPs per node of its model's graph, from the run's stored trace. */
  'runs.nodeProfile': { params: RunIdParams, result: NodeProfileSchema },
  /** A study groups the runs one question asked for (a sweep's grid, a comparison, an optimizer search). */
  'studies.create': { params: NewStudySchema, result: StudySchema },
  'studies.list': { params: Empty, result: z.array(StudySummarySchema) },
  'studies.get': { params: z.object({ studyId: z.string().min(1) }).strict(), result: StudyDetailSchema },
  /** Adds stored runs to a study, all or none; a run already in another study is refused. */
  'studies.addRuns': {
    params: z.object({ studyId: z.string().min(1), runIds: z.array(z.string().min(1)).min(1).max(10_000) }).strict(),
    result: z.object({ added: z.number().int().nonnegative() }),
  },
  /**
   * Measures one configuration over a grid of batch sizes × thread counts as one `sweep` study,
   * a point at a time, on the host (shared/sweep.ts); answers at once, and `study.progress`
   * events follow the points.
   */
  'studies.sweep': { params: SweepRequestSchema, result: z.object({ studyId: z.string(), points: z.number().int().positive(), notes: z.array(z.string()).optional() }) },
  /** Ends a sweep's running point and queues no more; its ended points stay in the study. */
  'studies.cancelSweep': { params: z.object({ studyId: z.string().min(1) }).strict(), result: z.object({ cancelled: z.boolean() }) },
  /**
   * `studyId`: the run belongs to that study from the moment it is queued. `display`: what the
   * client will draw while it measures (recorded in the run's conditions; none when not said).
   */
  'runs.start': {
    params: z.object({ config: RunConfigSchema, studyId: z.string().min(1).optional(), display: DisplaySchema.optional() }).strict(),
    /** `notes`: what the studio filled in for the run, e.g. the model's recorded default dims (shared/default-dims.ts). */
    result: z.object({ runId: z.string(), notes: z.array(z.string()).optional() }),
  },
  'runs.cancel': { params: RunIdParams, result: z.object({ cancelled: z.boolean() }) },
  /**
   * Stored runs, newest first unless sorted otherwise: one page (`offset`, `limit`) of those the
   * filter keeps. Deleted runs are never listed.
   */
  'runs.list': {
    params: z
      .object({
        limit: z.number().int().min(1).max(10_000).default(200),
        offset: z.number().int().min(0).default(0),
        filter: RunFilterSchema.default({}),
        sort: RunSortSchema.default({ by: 'createdAt', dir: 'desc' }),
      })
      .strict(),
    result: z.array(RunSchema),
  },
  /**
   * The ids of every run the filter keeps, in list order: the Sessions list's rows, so selection
   * (Shift-click across pages, Ctrl+A) needs no run's data; the rows' data comes a page at a time.
   */
  'runs.ids': {
    params: z.object({ filter: RunFilterSchema.default({}), sort: RunSortSchema.default({ by: 'createdAt', dir: 'desc' }) }).strict(),
    result: z.object({ ids: z.array(z.string()) }),
  },
  /** How many stored runs the filter keeps (the Sessions list's length). */
  'runs.count': { params: z.object({ filter: RunFilterSchema.default({}) }).strict(), result: z.object({ total: z.number().int().nonnegative() }) },
  /** A model's history: its measured runs oldest first (the newest `limit`), with p50, throughput, configuration and machine. */
  'runs.history': {
    params: z.object({ filter: RunFilterSchema.default({}), limit: z.number().int().min(1).max(10_000).default(2_000) }).strict(),
    result: z.array(HistoryPointSchema),
  },
  /** The models, providers, thread counts, batches, scenarios and tags present, for the filters. */
  'runs.facets': { params: Empty, result: RunFacetsSchema },
  /** Changes a run's label, notes or tags (what was measured stays as it was). */
  'runs.update': { params: RunIdParams.extend({ patch: RunMetaPatchSchema }).strict(), result: RunSchema },
  /** Deletes runs softly, all or none: they leave every list and `runs.restore` brings them back. */
  'runs.delete': { params: RunIdsParams, result: z.object({ deleted: z.array(z.string()) }) },
  'runs.restore': { params: RunIdsParams, result: z.object({ restored: z.array(z.string()) }) },
  /** The bin (deleted runs, restorable): how many, since when, and the purge setting (shared/bin.ts). */
  'bin.get': { params: Empty, result: BinSummarySchema },
  /** Days a deleted run stays in the bin before the studio's start purges it; null: until emptied. */
  'bin.setPurge': { params: z.object({ purgeAfterDays: PurgeAfterDaysSchema }).strict(), result: BinSummarySchema },
  /** Deletes every run in the bin for good, with its samples and telemetry; answers how many. */
  'bin.empty': { params: Empty, result: z.object({ purged: z.number().int().nonnegative() }) },
  /** Starts a new run with a stored run's configuration, through the same queue as runs.start. */
  /**
   * `advice`: "try it": the run's configuration with only that advice item's change (shared/advice),
   * so the two runs compare on that change alone. `display` as for runs.start.
   */
  'runs.rerun': {
    params: RunIdParams.extend({ advice: z.enum(ADVICE_IDS).optional(), display: DisplaySchema.optional() }).strict(),
    result: z.object({ runId: z.string() }),
  },
  'runs.get': { params: RunIdParams, result: RunDetailSchema },
  /**
   * Answers once the run has ended (completed, failed, aborted or interrupted), with what
   * runs.get would then say; at once for a run that has already ended.
   */
  'runs.wait': { params: RunIdParams, result: RunDetailSchema },
  /** Latency per iteration, decimated to at most maxPoints for display (full data stays stored). */
  'runs.series': {
    params: RunIdParams.extend({ maxPoints: z.number().int().min(10).max(200_000).default(5_000) }).strict(),
    result: SeriesSchema,
  },
  /**
   * Compares stored runs with a baseline: per side a verdict (faster / slower / no meaningful
   * difference / inconclusive / not enough samples) judged at the level of evidence the runs
   * give (single runs, repeated runs, interleaved rounds), per-metric entries, config and
   * environment differences. See shared/compare/schema.ts.
   */
  'runs.compare': { params: CompareParamsSchema, result: ComparisonSchema },
  /** Telemetry samples of a run (CPU load, memory, worker, power), on the latency time base. */
  'runs.telemetry': { params: RunIdParams, result: z.array(TelemetrySampleSchema) },
  /** A profiled run's ONNX Runtime trace (Chrome trace event JSON) as a file to save (Perfetto opens it). */
  'runs.trace': { params: RunIdParams, result: ReportFileSchema },
  /** Histogram and CDF of every measured latency of a run (computed over all stored samples). */
  'runs.distribution': {
    params: RunIdParams,
    result: z.object({
      scale: z.enum(['linear', 'log']),
      binEdgesMs: z.array(z.number()),
      counts: z.array(z.number()),
      clippedAbove: z.number(),
      cdfLatencyMs: z.array(z.number()),
      cdfFraction: z.array(z.number()),
    }),
  },
  /** One file of stored runs (or a study's): html | markdown | csv | json | bundle. */
  'reports.create': { params: ReportRequestSchema, result: ReportFileSchema },
  /** Stores the runs of a bundle, an HTML report, a hyperfine export or onnxruntime_perf_test output, in one transaction. */
  'runs.import': { params: ImportRequestSchema, result: ImportResultSchema },
  /**
   * Starts an optimizer study (the search `dyno optimize` runs) and answers with its id once it
   * exists; its progress comes as `optimizer.updated` events. One study runs at a time: a second
   * start (or resume) while one runs is refused with its id.
   */
  'optimizer.start': { params: OptimizerStartSchema, result: z.object({ studyId: z.string() }) },
  /** Continues a stopped, cancelled or failed optimizer study, reusing the trials it measured. */
  'optimizer.resume': {
    params: z.object({ studyId: z.string().min(1), timeBudgetMs: z.number().positive().max(24 * 3_600_000).optional() }).strict(),
    result: z.object({ studyId: z.string() }),
  },
  /** Stops the running study after its current trial (which is cancelled); what was measured is kept and resumable. */
  'optimizer.cancel': { params: z.object({ studyId: z.string().min(1) }).strict(), result: z.object({ cancelled: z.boolean() }) },
  /** An optimizer study's state: live while it runs, then its result (trials, attribution, recommended, exports). */
  'optimizer.get': { params: z.object({ studyId: z.string().min(1) }).strict(), result: OptimizerStateSchema },
  /**
   * Starts a command optimizer study (the search `dyno optimize-exec` runs) and answers with its
   * id once it exists; progress comes as `commandOptimizer.updated` events. Refused where the
   * host runs no commands (`dyno serve` without --allow-commands), and while any optimizer study runs.
   */
  'commandOptimizer.start': { params: CommandOptimizerStartSchema, result: z.object({ studyId: z.string() }) },
  /** Continues a stopped, cancelled or failed command study (the studio's or the CLI's), reusing its measured trials. */
  'commandOptimizer.resume': {
    params: z.object({ studyId: z.string().min(1), timeBudgetMs: z.number().positive().max(24 * 3_600_000).optional() }).strict(),
    result: z.object({ studyId: z.string() }),
  },
  /** Stops the running command study after cancelling its current run; what was measured is kept and resumable. */
  'commandOptimizer.cancel': { params: z.object({ studyId: z.string().min(1) }).strict(), result: z.object({ cancelled: z.boolean() }) },
  /** A command study's state: live while it runs, then its result (trials, gates, attribution, recommended, exports). */
  'commandOptimizer.get': { params: z.object({ studyId: z.string().min(1) }).strict(), result: CommandOptimizerStateSchema },
} as const satisfies Record<MethodName, { params: z.ZodType; result: z.ZodType }>;

export type Method = MethodName;
export type Params<M extends Method> = z.input<(typeof methods)[M]['params']>;
export type ParsedParams<M extends Method> = z.output<(typeof methods)[M]['params']>;
export type Result<M extends Method> = z.output<(typeof methods)[M]['result']>;

export const isMethod = isMethodName;

/** The result schemas seen per method, so a generic method indexes its own schema (no cast). */
const RESULT_SCHEMAS: { readonly [M in Method]: { readonly result: z.ZodType<Result<M>> } } = methods;

/** Every transport parses what the host answered with the method's schema: no wire is trusted. */
export function parseResult<M extends Method>(method: M, raw: unknown): Result<M> {
  const parsed = RESULT_SCHEMAS[method].result.safeParse(raw);
  if (!parsed.success) throw new ApiCallError(`The host sent an unexpected ${method} result (${firstIssue(parsed.error)}).`, 'bad-result');
  return parsed.data;
}

export const ProgressSchema = z.object({
  phase: z.enum(['starting', 'warmup', 'measure']),
  warmupDone: z.number().int(),
  measuredDone: z.number().int(),
  /** Measured time so far, against the stop rule's minimum duration. */
  elapsedMs: z.number(),
  /** 0..1: how far the stop rule is from being satisfied (max of its two criteria). */
  fraction: z.number().min(0).max(1),
});
export type Progress = z.infer<typeof ProgressSchema>;

export const EventSchema = z.discriminatedUnion('type', [
  /** Any change of a run's state (queued, running, completed, failed, aborted). */
  z.object({ type: z.literal('run.updated'), run: RunSchema }),
  z.object({ type: z.literal('run.progress'), runId: z.string(), progress: ProgressSchema }),
  z.object({ type: z.literal('run.samples'), runId: z.string(), samples: z.array(SampleSchema) }),
  z.object({ type: z.literal('run.telemetry'), runId: z.string(), samples: z.array(TelemetrySampleSchema) }),
  /** A command workload's output as it prints it (bounded chunks) and the metrics read from it. */
  z.object({ type: z.literal('run.output'), runId: z.string(), output: CommandOutputSchema }),
  z.object({ type: z.literal('run.metrics'), runId: z.string(), metrics: CommandMetricsSchema }),
  /** An optimizer study's new state: a phase begun, a trial finished, a factor skipped, the result. */
  z.object({ type: z.literal('optimizer.updated'), state: OptimizerStateSchema }),
  /** A command optimizer study's new state: a phase begun, a trial finished, the result. */
  z.object({ type: z.literal('commandOptimizer.updated'), state: CommandOptimizerStateSchema }),
  /** A studio sweep's state: after each point is queued and once the grid has ended. */
  z.object({ type: z.literal('study.progress'), progress: SweepProgressSchema }),
  /** Every execution provider probed (once per host): what app.info marked `checking`, settled. */
  z.object({ type: z.literal('app.providers'), executionProviders: z.array(ExecutionProviderStatusSchema) }),
]);
export type StudioEvent = z.infer<typeof EventSchema>;

/** The error every transport returns when a call fails: one readable line. */
export const ApiErrorSchema = z.object({ message: z.string(), code: z.string() });
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Wire envelopes for transports that carry calls as messages (WebSocket). */
export const RequestEnvelopeSchema = z.object({ id: z.number().int(), method: z.string(), params: z.unknown() });
export const ServerMessageSchema = z.union([
  z.object({ kind: z.literal('result'), id: z.number().int(), result: z.unknown() }),
  z.object({ kind: z.literal('error'), id: z.number().int(), error: ApiErrorSchema }),
  z.object({ kind: z.literal('event'), event: z.unknown() }),
  /** Events the host sent together (one live batch): a client applies them in one go, in order. */
  z.object({ kind: z.literal('events'), events: z.array(z.unknown()) }),
]);
export type ServerMessage = z.infer<typeof ServerMessageSchema>;

/** A server message that carries events, not a call's answer. */
export type EventMessage = Extract<ServerMessage, { kind: 'event' | 'events' }>;
export const isEventMessage = (m: ServerMessage): m is EventMessage => m.kind === 'event' || m.kind === 'events';

/** The events it carries, in order (unparsed). */
export function eventsOf(m: EventMessage): readonly unknown[] {
  return m.kind === 'event' ? [m.event] : m.events;
}

/** What a front end needs from a transport: call a method, hear events. */
export interface DynoApi {
  call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>>;
  onEvent(listener: (event: StudioEvent) => void): () => void;
}

/** A failed call, carrying the host's one-line message. */
export class ApiCallError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

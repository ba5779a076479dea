/**
 * The studio service: the one implementation of the API contract. Every front end (Electron
 * IPC, the `dyno serve` WebSocket, the CLI) calls `call()` with untrusted input; parameters are
 * parsed with the contract's schemas here, once, and errors become one readable line.
 */
import { explainConfigIssue } from '../../shared/knobs/setting-names';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ApiCallError, isMethod, methods, type AppInfo, type StudioEvent } from '../../shared/contract';
import type { ModelInfo, SampleModel } from '../../shared/model';
import { lttbIndices } from '../../shared/lttb';
import { distributionOf } from '../../shared/distribution';
import { inspectInWorker } from '../child/inspect-in-worker';
import { graphInWorker } from '../child/graph-in-worker';
import { InspectionCache } from './inspection-cache';
import type { InspectionStore } from './inspections-on-disk';
import { readyToRun } from './check-shapes';
import { buildZooModel } from '../models/zoo/families';
import type { RunsRepository } from '../store/runs-repository';
import type { StudiesRepository } from '../store/studies-repository';
import type { BundleStore } from '../store/bundle-store';
import { reportHandlers } from './report-handlers';
import type { Handlers } from './handlers';
import { requireStudy, studyHandlers } from './study-handlers';
import { compareHandler } from './compare-handler';
import { describeRecentModels } from './recent-models';
import { RunQueue } from './run-queue';
import type { ProviderCache } from './provider-cache';
import type { TelemetrySources } from './run-telemetry';
import type { Environment } from '../../shared/telemetry';
import type { WorkerSpawnSpec } from '../child/fork-worker';
import type { Executor } from '../executor/executor';
import { RunConfigSchema, type RunConfig } from '../../shared/run';
import type { Display } from '../../shared/conditions';
import type { RunCatalog } from '../store/run-catalog';
import { sessionHandlers } from './session-handlers';
import { checkCommand, checkCommandAllowed } from './check-command';
import { binHandlers } from './bin-handlers';
import { SweepRunner } from './sweep-runner';
import { traceHandler } from './trace-handler';
import { dimsSetByBatch } from '../../shared/knobs/batch-dims';
import type { RunBin } from '../store/run-bin';
import { OptimizerService } from './optimizer-service';
import { CommandOptimizerService } from './command-optimizer-service';
import { createInProcessApi } from './in-process-api';

/**
 * A refused request in words: a run configuration's problems are named by the setting's label
 * and CLI flag ("Intra-op threads (--threads) must be …"), so the UI and the CLI can show the
 * same line; anything else as zod puts it.
 */
function invalidRequest(method: string, error: z.ZodError): string {
  const configIssues = error.issues.filter((i) => i.path[0] === 'config');
  if (method !== 'runs.start' || configIssues.length !== error.issues.length) return `Invalid ${method} request: ${z.prettifyError(error)}`;
  return `Invalid ${method} request: ${configIssues.map((i) => explainConfigIssue({ path: i.path.slice(1), message: i.message }).message).join('; ')}`;
}

export interface StudioDeps {
  repo: RunsRepository;
  studies: StudiesRepository;
  catalog: RunCatalog;
  /** Deleted runs: their count, the purge setting, emptying. */
  bin: RunBin;
  /** Whole runs in and out, for reports, bundles and imports. */
  bundles: BundleStore;
  worker: WorkerSpawnSpec;
  /** Runs benchmarks (and the one-inference FLOPs count). */
  executor: Executor;
  samples: SampleModel[];
  home: string;
  info: () => AppInfo;
  providers: ProviderCache;
  telemetry: TelemetrySources;
  environment: (executionProvider: string) => Promise<Environment>;
  /** Whether command workloads may run here (see create-studio.ts). */
  allowCommands?: boolean;
  /** Reads a model's interface in a worker (a warm one for a long session); a fresh process per call by default. */
  inspect?: (path: string) => Promise<ModelInfo>;
  /** Inspections kept across restarts (a long session's studio: `dyno serve`, the desktop app). */
  inspectionStore?: InspectionStore;
}

/** 1 GiB: a model this large should be opened by path, not uploaded through a browser. */
const MAX_IMPORT_BYTES = 1024 ** 3;
const RECENT_MODELS_SHOWN = 20;

export class Studio {
  private readonly listeners = new Set<(e: StudioEvent) => void>();
  readonly queue: RunQueue;
  private readonly handlers: Handlers;
  /** The optimizer wizard's searches (optimizer.*), over this studio's own API. */
  private readonly optimizer: OptimizerService;
  /** The same wizard driving a command (commandOptimizer.*). */
  private readonly commandOptimizer: CommandOptimizerService;
  private readonly inspections: InspectionCache;

  constructor(private readonly deps: StudioDeps) {
    this.inspections = new InspectionCache(deps.inspect ?? ((path) => inspectInWorker(deps.worker, path)), undefined, deps.inspectionStore);
    this.queue = new RunQueue({
      repo: deps.repo,
      executor: deps.executor,
      emit: (e) => this.emit(e),
      artifactsDir: join(deps.home, 'artifacts'),
      telemetry: deps.telemetry,
      environment: deps.environment,
    });
    this.optimizer = new OptimizerService({ api: createInProcessApi(this), worker: deps.worker, artifactsDir: join(deps.home, 'artifacts'), emit: (e) => this.emit(e), now: () => Date.now(), otherStudy: () => this.commandOptimizer.runningStudy() });
    this.commandOptimizer = new CommandOptimizerService({ api: createInProcessApi(this), artifactsDir: join(deps.home, 'artifacts'), emit: (e) => this.emit(e), now: () => Date.now(), allowCommands: deps.allowCommands === true, otherStudy: () => this.optimizer.runningStudy() });
    this.handlers = this.makeHandlers();
  }

  onEvent(listener: (e: StudioEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * For a long session (`dyno serve`, the desktop app): probe the providers and inspect the
   * default sample now, so the first page load's app.info and models.open are answered from
   * what is already known instead of waiting on fresh worker processes. Never fails: an
   * inspection that goes wrong is tried again, and answered with its error, when it is asked for.
   */
  async warmUp(): Promise<void> {
    const sample = this.deps.samples.find((s) => s.isDefault);
    await Promise.all([this.probeProviders(), sample ? this.inspections.get(sample.path).catch(() => undefined) : undefined]);
  }

  private probed?: Promise<void>;
  /**
   * Probes every provider once, and tells every front end the verdict when it lands: an
   * app.info answered before then marked the unprobed ones `checking`.
   */
  private probeProviders(): Promise<void> {
    this.probed ??= this.deps.providers.probeAll().then((executionProviders) => this.emit({ type: 'app.providers', executionProviders }));
    return this.probed;
  }

  /** One broken listener (a closed window, a dead socket) must not break the run or the others. */
  private emit(event: StudioEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // The listener's own transport reports its failure; the run goes on.
      }
    }
  }

  /** Parse, dispatch, and normalise errors. `method` and `params` come straight off a wire. */
  async call(method: unknown, params: unknown): Promise<unknown> {
    if (!isMethod(method)) throw new ApiCallError(`Unknown method: ${String(method)}`, 'unknown-method');
    const parsed = methods[method].params.safeParse(params ?? {});
    if (!parsed.success) throw new ApiCallError(invalidRequest(method, parsed.error), 'invalid-params');
    try {
      const handler = this.handlers[method] as (p: unknown) => unknown;
      return await handler(parsed.data);
    } catch (err) {
      if (err instanceof ApiCallError) throw err;
      throw new ApiCallError(err instanceof Error ? err.message : String(err), 'failed');
    }
  }

  /** The studio's sweeps: the grid is checked as runs.start checks a run, once per sweep. */
  private sweepHandlers(inspectModel: (path: string) => Promise<ModelInfo>): Pick<Handlers, 'studies.sweep' | 'studies.cancelSweep'> {
    const sweeps = new SweepRunner({
      studies: this.deps.studies,
      queue: this.queue,
      emit: (e) => this.emit(e),
      now: () => new Date(),
      prepare: async (config) => {
        const model = await inspectModel(config.modelPath);
        const ep = await this.deps.providers.status(config.session.executionProvider);
        if (!ep.available) throw new ApiCallError(`Execution provider ${ep.name} is not available: ${ep.reason ?? 'unknown reason'}`, 'provider-unavailable');
        return { dimsSetByBatch: dimsSetByBatch(model.inputs), check: (c) => readyToRun(model, c) };
      },
    });
    return {
      'studies.sweep': (request) => sweeps.start(request),
      'studies.cancelSweep': ({ studyId }) => ({ cancelled: sweeps.cancel(studyId) }),
    };
  }

  private makeHandlers(): Handlers {
    const { repo, studies } = this.deps;
    const samplePaths = new Set(this.deps.samples.map((s) => s.path));
    const inspectModel = (path: string) => this.inspections.get(path);
    const start = async (asked: RunConfig, studyId?: string, display?: Display): Promise<{ runId: string; notes?: string[] }> => {
      let config = asked;
      if (config.command) {
        checkCommandAllowed(this.deps.allowCommands === true);
        checkCommand(config.command);
        return { runId: this.queue.enqueue(config, { ...(studyId !== undefined ? { studyId } : {}), ...(display !== undefined ? { display } : {}) }).id };
      }
      // Fail now, with the model's own error, rather than as a failed run in a worker.
      const model = await inspectModel(config.modelPath);
      const ready = readyToRun(model, config);
      config = ready.config;
      const notes = ready.note !== undefined ? [ready.note] : undefined;
      const ep = await this.deps.providers.status(config.session.executionProvider);
      if (!ep.available) throw new ApiCallError(`Execution provider ${ep.name} is not available: ${ep.reason ?? 'unknown reason'}`, 'provider-unavailable');
      const run = this.queue.enqueue(config, { ...(studyId !== undefined ? { studyId } : {}), ...(display !== undefined ? { display } : {}) });
      return notes ? { runId: run.id, notes } : { runId: run.id };
    };
    return {
      'app.info': async ({ waitForProbe }) => {
        const probed = this.probeProviders();
        if (waitForProbe) await probed;
        return this.deps.info();
      },
      'models.samples': () => this.deps.samples,
      'models.inspect': ({ path }) => inspectModel(path),
      'models.open': async ({ path }) => {
        const info = await inspectModel(path);
        repo.rememberModel(info.path, new Date().toISOString());
        return info;
      },
      'models.import': async ({ fileName, dataBase64 }) => {
        const bytes = Buffer.from(dataBase64, 'base64');
        if (bytes.length === 0) throw new ApiCallError(`${fileName} is empty.`, 'invalid-model');
        if (bytes.length > MAX_IMPORT_BYTES) throw new ApiCallError(`${fileName} is over 1 GiB: open it by path instead.`, 'too-large');
        // Content-addressed, so importing the same file twice reuses one copy.
        const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
        const dir = join(this.deps.home, 'models', digest);
        await mkdir(dir, { recursive: true });
        const path = join(dir, basename(fileName));
        await writeFile(path, bytes);
        const info = await inspectModel(path);
        repo.rememberModel(path, new Date().toISOString());
        return info;
      },
      'models.recent': () =>
        // Samples are remembered too but listed apart: ask for enough to fill the list without them.
        describeRecentModels(repo.recentModels(RECENT_MODELS_SHOWN + samplePaths.size), this.deps.home, samplePaths).slice(0, RECENT_MODELS_SHOWN),
      'models.zoo': async ({ family, size, seed }) => {
        const dir = join(this.deps.home, 'zoo');
        await mkdir(dir, { recursive: true });
        const path = join(dir, `${family}-${size}-seed${seed}.onnx`);
        await writeFile(path, buildZooModel(family, size, seed, `dyno@${this.deps.info().version}`));
        const info = await inspectModel(path);
        repo.rememberModel(path, new Date().toISOString());
        return info;
      },
      'models.flops': async ({ path, dims, shapes, batchSize }) => {
        await inspectModel(path);
        const config = RunConfigSchema.parse({
          modelPath: path,
          dims,
          shapes,
          ...(batchSize ? { batchSize } : {}),
          profile: true,
          stop: { warmupIterations: 0, minIterations: 1, maxIterations: 1, minDurationMs: 0, maxDurationMs: 600_000 },
        });
        const job = { runId: `flops-${Date.now().toString(36)}`, config, artifactsDir: join(this.deps.home, 'artifacts', 'flops') };
        const outcome = await this.deps.executor.start(job, { onReady: () => undefined, onSamples: () => undefined }).outcome;
        if (outcome.kind === 'error') throw new ApiCallError(outcome.message, 'failed');
        if (!outcome.profile) throw new ApiCallError('The profiled inference produced no trace.', 'failed');
        await rm(outcome.profile.traceFile, { force: true });
        return { flopsPerIteration: outcome.profile.flopsPerIteration, byOpType: outcome.profile.byOpType };
      },
      'models.graph': async ({ path }) => (await graphInWorker(this.deps.worker, path)).graph,
      'runs.nodeProfile': async ({ runId }) => {
        const found = repo.get(runId);
        if (!found) throw new ApiCallError(`No run with id ${runId}.`, 'not-found');
        const { run } = found;
        const profile = 'results' in run ? run.results?.profile : undefined;
        if (!profile) throw new ApiCallError(`Run ${runId} was not profiled (run it with profiling on to see time per node).`, 'not-profiled');
        const trace = { file: profile.traceFile, keepLastRuns: profile.iterations, runId, executionProvider: run.config.session.executionProvider };
        const read = await graphInWorker(this.deps.worker, run.config.modelPath, trace);
        if (!read.profile) throw new ApiCallError(`Run ${runId}'s trace gave no time per node.`, 'failed');
        return read.profile;
      },
      ...studyHandlers(studies, () => new Date()),
      ...this.sweepHandlers(inspectModel),
      ...reportHandlers({ bundles: this.deps.bundles, compare: compareHandler(repo), studies, exporter: () => `dyno@${this.deps.info().version}`, now: () => new Date() }),
      'runs.start': async ({ config, studyId, display }) => {
        if (studyId !== undefined) requireStudy(studies, studyId);
        return start(config, studyId, display);
      },
      ...sessionHandlers(this.deps.catalog, repo, (config, display) => start(config, undefined, display), () => new Date(), this.deps.home),
      ...binHandlers(this.deps.bin),
      'runs.cancel': ({ runId }) => ({ cancelled: this.queue.cancel(runId) }),
      'runs.get': ({ runId }) => {
        const found = repo.get(runId);
        if (!found) throw new ApiCallError(`No run with id ${runId}.`, 'not-found');
        return { run: found.run, warnings: found.warnings as { code: string; message: string }[] };
      },
      'runs.wait': async ({ runId }) => {
        if (!repo.get(runId)) throw new ApiCallError(`No run with id ${runId}.`, 'not-found');
        // The final state as the queue knows it: the store may have refused to save it.
        const run = await this.queue.whenFinished(runId);
        return { run, warnings: (repo.get(runId)?.warnings ?? []) as { code: string; message: string }[] };
      },
      'runs.telemetry': ({ runId }) => {
        if (!repo.get(runId)) throw new ApiCallError(`No run with id ${runId}.`, 'not-found');
        return repo.telemetry(runId);
      },
      'runs.compare': compareHandler(repo),
      'optimizer.start': (p) => this.optimizer.start(p),
      'optimizer.resume': (p) => this.optimizer.resume(p),
      'optimizer.cancel': (p) => this.optimizer.cancel(p),
      'optimizer.get': (p) => this.optimizer.get(p),
      'commandOptimizer.start': (p) => this.commandOptimizer.start(p),
      'commandOptimizer.resume': (p) => this.commandOptimizer.resume(p),
      'commandOptimizer.cancel': (p) => this.commandOptimizer.cancel(p),
      'commandOptimizer.get': (p) => this.commandOptimizer.get(p),
      'runs.trace': traceHandler(repo, join(this.deps.home, 'artifacts')),
      'runs.distribution': ({ runId }) => {
        if (!repo.get(runId)) throw new ApiCallError(`No run with id ${runId}.`, 'not-found');
        return distributionOf(repo.samples(runId).flatMap((s) => (s.phase === 'measure' ? [s.latencyMs] : [])));
      },
      'runs.series': ({ runId, maxPoints }) => {
        if (!repo.get(runId)) throw new ApiCallError(`No run with id ${runId}.`, 'not-found');
        const samples = repo.samples(runId);
        const keep = lttbIndices(
          samples.map((s) => s.latencyMs),
          maxPoints,
        );
        let warmups = 0;
        for (const s of samples) if (s.phase === 'warmup') warmups++;
        return {
          runId,
          totalPoints: samples.length,
          // One x-axis over the whole run: warm-up iterations first, measured ones after.
          points: keep.flatMap((k) => {
            const s = samples[k];
            return s ? [{ i: s.phase === 'warmup' ? s.i : warmups + s.i, tMs: s.tMs, latencyMs: s.latencyMs, phase: s.phase }] : [];
          }),
        };
      },
    };
  }
}

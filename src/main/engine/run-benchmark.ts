/**
 * One benchmark from configuration to measured samples, independent of how it is hosted:
 * session creation (timed as cold start), inputs, the timing loop for the scenario, then the
 * optional output check and a separate profiled pass (profiling slows ORT, so it never runs
 * while latency is being measured).
 */
import * as ort from 'onnxruntime-node';
import { mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { TensorInfo } from '../../shared/model';
import type { RunConfig } from '../../shared/run';
import type { TimingLoopOptions } from './timing-loop';
import type { OutputCheck, Profile } from '../../shared/run-results';
import { makeFeeds, mulberry32, normalizeDim } from './inputs';
import { readExpectedOutputs, readInputFiles } from './input-files';
import { compareOutputs } from './check-outputs';
import { poissonGaps, runTimingLoop } from './timing-loop';
import { explainOrtError } from './ort-errors';
import { sessionOptionsFor } from './session-options';
import { summarizeTrace } from './profile-trace';
import { intraOpThreadsUsed } from './ort-threads';

export interface BenchmarkHooks {
  now: () => number;
  toEpochMs: (t: number) => number;
  isCancelled: () => boolean;
  onReady: (ready: { sessionCreateMs: number; inputs: TensorInfo[]; samplesPerIteration: number }) => Promise<void> | void;
  onSample: TimingLoopOptions['onSample'];
  onYield: () => Promise<void>;
  yieldEveryMs: number;
  /** Where the profiler's trace file is kept. */
  artifactsDir: string;
  runId: string;
  /** Peak resident memory of this process so far, in bytes. */
  peakRssBytes: () => number;
}

export interface BenchmarkOutcome {
  firstRunMs: number;
  measuredWallMs: number;
  aborted: boolean;
  peakRssBytes: number;
  inputs: TensorInfo[];
  samplesPerIteration: number;
  /** The intra-op pool ORT ran with, resolved when the config left it at 0. */
  intraOpThreads: number;
  check?: OutputCheck;
  profile?: Profile;
}

/** Iterations in the profiled pass: enough to average, few enough to stay quick. */
const PROFILE_WARMUP = 3;
const PROFILE_ITERATIONS = 20;

export function declaredInputs(session: ort.InferenceSession): TensorInfo[] {
  return session.inputMetadata.map((m) => ({
    name: m.name,
    type: m.isTensor ? m.type : 'unknown',
    shape: m.isTensor ? m.shape.map(normalizeDim) : [],
  }));
}

/**
 * Samples each iteration carries: the leading dimension actually fed to the first input whose
 * leading dimension is dynamic (the batch), else 1. Taken from the tensors, not the request,
 * so throughput can never count a batch that did not run.
 */
export function samplesPerIteration(declared: readonly TensorInfo[], resolved: readonly TensorInfo[]): number {
  const at = declared.findIndex((d) => typeof d.shape[0] === 'string');
  const n = at >= 0 ? resolved[at]?.shape[0] : undefined;
  return typeof n === 'number' && n > 0 ? n : 1;
}

export async function createSession(config: RunConfig, extra: Partial<ort.InferenceSession.SessionOptions> = {}): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(config.modelPath, sessionOptionsFor(config.session, extra));
  } catch (err) {
    throw new Error(explainOrtError(err, config.modelPath), { cause: err });
  }
}

export function feedsFor(config: RunConfig, declared: TensorInfo[]): { feeds: Record<string, ort.Tensor>; resolved: TensorInfo[] } {
  if (config.inputs.kind === 'files') {
    const feeds = readInputFiles(config.inputs.dir, declared);
    const resolved = declared.map((d) => ({ ...d, shape: [...(feeds[d.name]?.dims ?? [])] }));
    return { feeds, resolved };
  }
  const batchSize = config.scenario.kind === 'multi-stream' ? config.scenario.samplesPerQuery : config.batchSize;
  const settings = { dims: config.dims, shapes: config.shapes, ...(batchSize !== undefined ? { batchSize } : {}) };
  return makeFeeds(declared, settings, config.inputs.kind === 'zeros' ? 'zeros' : config.inputs.seed, config.values);
}

async function profiledPass(config: RunConfig, feeds: Record<string, ort.Tensor>, hooks: BenchmarkHooks): Promise<Profile> {
  mkdirSync(hooks.artifactsDir, { recursive: true });
  const prefix = join(hooks.artifactsDir, `profile-${hooks.runId}`);
  const session = await createSession(config, { enableProfiling: true, profileFilePrefix: prefix });
  try {
    for (let i = 0; i < PROFILE_WARMUP + PROFILE_ITERATIONS; i++) await session.run(feeds);
    session.endProfiling();
  } finally {
    await session.release();
  }
  // ORT names the file <prefix>_<timestamp>.json; keep it under a stable name.
  const written = readdirSync(hooks.artifactsDir).find((f) => f.startsWith(`profile-${hooks.runId}_`) && f.endsWith('.json'));
  if (!written) throw new Error('ONNX Runtime wrote no profile trace.');
  const traceFile = join(hooks.artifactsDir, `profile-${hooks.runId}.json`);
  renameSync(join(hooks.artifactsDir, written), traceFile);
  return summarizeTrace(JSON.parse(readFileSync(traceFile, 'utf8')), traceFile, { skipRuns: PROFILE_WARMUP });
}

export async function runBenchmark(config: RunConfig, hooks: BenchmarkHooks): Promise<BenchmarkOutcome> {
  const t0 = hooks.now();
  const session = await createSession(config);
  const sessionCreateMs = hooks.now() - t0;
  try {
    const declared = declaredInputs(session);
    const { feeds, resolved } = feedsFor(config, declared);
    const perIteration = samplesPerIteration(declared, resolved);
    await hooks.onReady({ sessionCreateMs, inputs: resolved, samplesPerIteration: perIteration });
    const server = config.scenario.kind === 'server' ? config.scenario : undefined;
    const loop = await runTimingLoop({
      runOnce: () => session.run(feeds),
      stop: config.stop,
      now: hooks.now,
      toEpochMs: hooks.toEpochMs,
      onSample: hooks.onSample,
      onYield: hooks.onYield,
      yieldEveryMs: hooks.yieldEveryMs,
      isCancelled: hooks.isCancelled,
      ...(server
        ? {
            nextArrivalGapMs: poissonGaps(server.targetQps, mulberry32(config.inputs.kind === 'random' ? config.inputs.seed : 1)),
            sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
          }
        : {}),
    });
    let check: OutputCheck | undefined;
    if (config.checkOutputs && !loop.aborted) {
      if (config.inputs.kind !== 'files') throw new Error('--check-outputs needs --inputs <folder> holding the expected output_N.pb files.');
      const expected = readExpectedOutputs(config.inputs.dir, session.outputNames.map((name) => ({ name })));
      check = compareOutputs(await session.run(feeds), expected);
    }
    const profile = config.profile && !loop.aborted ? await profiledPass(config, feeds, hooks) : undefined;
    return {
      firstRunMs: loop.firstRunMs,
      measuredWallMs: loop.measuredWallMs,
      aborted: loop.aborted,
      peakRssBytes: hooks.peakRssBytes(),
      inputs: resolved,
      samplesPerIteration: perIteration,
      intraOpThreads: intraOpThreadsUsed(config.session.intraOpThreads),
      ...(check ? { check } : {}),
      ...(profile ? { profile } : {}),
    };
  } catch (err) {
    if (err instanceof Error && err.cause) throw err;
    throw new Error(explainOrtError(err, config.modelPath), { cause: err });
  } finally {
    await session.release();
  }
}

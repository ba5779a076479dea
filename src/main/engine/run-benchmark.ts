/**
 * One benchmark from configuration to measured samples, independent of how it is hosted:
 * session creation (timed as cold start), inputs, then the timing loop.
 */
import * as ort from 'onnxruntime-node';
import type { TensorInfo } from '../../shared/model';
import type { RunConfig, Sample } from '../../shared/run';
import { makeFeeds, normalizeDim } from './inputs';
import { runTimingLoop } from './timing-loop';
import { explainOrtError } from './ort-errors';

export interface BenchmarkHooks {
  now: () => number;
  toEpochMs: (t: number) => number;
  isCancelled: () => boolean;
  onReady: (ready: { sessionCreateMs: number; inputs: TensorInfo[] }) => Promise<void> | void;
  onSample: (sample: Sample) => void;
  onYield: () => Promise<void>;
  yieldEveryMs: number;
}

export function sessionOptionsFor(config: RunConfig): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: [config.executionProvider],
    graphOptimizationLevel: 'all',
    // Warnings (e.g. unused initializers) are for model authors; keep the worker's stderr for errors.
    logSeverityLevel: 3,
    ...(config.intraOpThreads > 0 ? { intraOpNumThreads: config.intraOpThreads } : {}),
  };
}

export function declaredInputs(session: ort.InferenceSession): TensorInfo[] {
  return session.inputMetadata.map((m) => ({
    name: m.name,
    type: m.isTensor ? m.type : 'unknown',
    shape: m.isTensor ? m.shape.map(normalizeDim) : [],
  }));
}

export async function runBenchmark(config: RunConfig, hooks: BenchmarkHooks) {
  const t0 = hooks.now();
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(config.modelPath, sessionOptionsFor(config));
  } catch (err) {
    throw new Error(explainOrtError(err, config.modelPath), { cause: err });
  }
  const sessionCreateMs = hooks.now() - t0;
  try {
    const { feeds, resolved } = makeFeeds(declaredInputs(session), config.dims, config.seed);
    await hooks.onReady({ sessionCreateMs, inputs: resolved });
    const result = await runTimingLoop({
      runOnce: () => session.run(feeds),
      stop: config.stop,
      now: hooks.now,
      toEpochMs: hooks.toEpochMs,
      onSample: hooks.onSample,
      onYield: hooks.onYield,
      yieldEveryMs: hooks.yieldEveryMs,
      isCancelled: hooks.isCancelled,
    });
    return { firstRunMs: result.firstRunMs, measuredWallMs: result.measuredWallMs, aborted: result.aborted };
  } catch (err) {
    throw new Error(explainOrtError(err, config.modelPath), { cause: err });
  } finally {
    await session.release();
  }
}

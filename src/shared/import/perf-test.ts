/**
 * The console output of onnxruntime_perf_test (ONNX Runtime's own benchmark tool): a summary
 * only, with no per-iteration latencies. Its percentiles, mean, cold start and peak working set
 * are kept as the tool printed them; the standard deviation, intervals, outliers and stability
 * cannot be recomputed without the samples, and the warning says so.
 */
import { EXECUTION_PROVIDERS, type ExecutionProviderName } from '../run';
import { minSamplesForPercentile, PERCENTILES, type LatencyStats } from '../stats';
import type { StoredRun } from '../stored-run';
import { foreignRun, type ForeignSource } from './foreign-run';

const LATENCY_LINES = { p50: 'P50', p90: 'P90', p95: 'P95', p99: 'P99', p999: 'P999' } as const;

/** Whether text is onnxruntime_perf_test's output (its two lines every version prints). */
export function looksLikePerfTest(text: string): boolean {
  return /^Session creation time cost:/m.test(text) && /^Total inference requests:/m.test(text);
}

/** The number after `label:` on its own line, converted by its unit (s or ms) when it has one. */
function reading(text: string, label: string, fileName: string): number {
  const m = new RegExp(`^${label}:\\s*([0-9.eE+-]+)\\s*(s|ms|bytes|%)?\\s*$`, 'm').exec(text);
  const value = m ? Number(m[1]) : Number.NaN;
  if (!m || !Number.isFinite(value)) throw new Error(`${fileName} looks like onnxruntime_perf_test output but has no "${label}" line: was it cut short?`);
  return m[2] === 's' ? value * 1000 : value;
}

export function perfTestRuns(text: string, src: ForeignSource): StoredRun[] {
  const outputs = text.match(/^Total inference requests:/gm)?.length ?? 0;
  if (outputs > 1) throw new Error(`${src.fileName} holds ${outputs} onnxruntime_perf_test outputs: save each run's output in a file of its own.`);
  const get = (label: string): number => reading(text, label, src.fileName);
  const count = get('Total inference requests');
  const wallMs = get('Total inference run time');
  const meanMs = reading(text.replace(/^Average inference time cost total:/m, 'Average inference time cost:'), 'Average inference time cost', src.fileName);
  const percentiles = Object.fromEntries(
    PERCENTILES.map(({ key, q }) => {
      const minSamples = minSamplesForPercentile(q);
      return [key, { valueMs: get(`${LATENCY_LINES[key]} Latency`), minSamples, supported: count >= minSamples, earlyStoppingMs: null }];
    }),
  ) as LatencyStats['percentiles'];
  const stats: LatencyStats = {
    count,
    minMs: get('Min Latency'),
    maxMs: get('Max Latency'),
    meanMs,
    stdMs: 0,
    cvPct: 0,
    percentiles,
    medianCi: null,
    p90Ci: null,
    p99Ci: null,
    throughputPerS: wallMs > 0 ? (count * 1000) / wallMs : 0,
    measuredWallMs: wallMs,
    outlierCount: 0,
    maxAbsModifiedZ: 0,
  };
  const threads = /^Setting intra_op_num_threads to (\d+)/m.exec(text);
  const provider = /^using (\w+)ExecutionProvider/m.exec(text)?.[1]?.toLowerCase();
  const known = EXECUTION_PROVIDERS.find((p): p is ExecutionProviderName => p === provider);
  const fileSubject = `onnxruntime_perf_test output (${src.fileName})`;
  return [
    foreignRun(
      {
        tool: 'onnxruntime_perf_test',
        subject: fileSubject,
        index: 0,
        config: { session: { ...(known ? { executionProvider: known } : {}), ...(threads ? { intraOpThreads: Number(threads[1]) } : {}) } },
        stats,
        coldStart: { sessionCreateMs: get('Session creation time cost'), firstRunMs: get('First inference time cost') },
        peakRssBytes: /^Peak working set size:/m.test(text) ? get('Peak working set size') : null,
        stability: { stable: false, windowMediansMs: [] },
        executionProvider: provider ?? 'not in the output',
        latenciesMs: null,
        missing: ['per-iteration latencies', 'the standard deviation', 'confidence intervals', 'outliers', 'stability', 'the model path', ...(provider ? [] : ['the execution provider'])],
      },
      src,
    ),
  ];
}

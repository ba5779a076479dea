/**
 * What the importers of other tools' output share: a completed run built from what the tool
 * reported, with a stable id (the file's digest and the result's place in it, so importing the
 * same file twice adds nothing), and one warning that names the tool, the file and every figure
 * the tool does not report. Dyno's schema wants those figures, so they read 0 or "unknown";
 * the warning travels with the run into every view and report, so nobody mistakes them.
 */
import { RunSchema, type Run, type RunConfigInput } from '../run';
import type { LatencyStats } from '../stats';
import type { Environment } from '../telemetry';
import type { StoredRun } from '../stored-run';

export interface ForeignSource {
  /** The file's name as the user gave it (shown in the warning). */
  fileName: string;
  /** A digest of the file's bytes (hex), computed by the caller. */
  digest: string;
  /** When the run is taken to have happened: the file's modification time. */
  createdAt: string;
}

export interface ForeignResult {
  tool: 'hyperfine' | 'onnxruntime_perf_test';
  /** What was measured: a command, or the file the output came from. */
  subject: string;
  index: number;
  config: Partial<RunConfigInput>;
  stats: LatencyStats;
  coldStart: { sessionCreateMs: number; firstRunMs: number } | null;
  peakRssBytes: number | null;
  stability: { stable: boolean; windowMediansMs: number[] };
  executionProvider: string;
  /** Per-iteration latencies in ms, in the order run, when the tool exports them. */
  latenciesMs: number[] | null;
  /** Figures the tool does not report, in words, besides cold start / memory / environment. */
  missing: string[];
}

const ID_PREFIX = { hyperfine: 'hyperfine', onnxruntime_perf_test: 'ort-perf-test' } as const;

function unknownEnvironment(tool: string, executionProvider: string): Environment {
  const unknown = `unknown (not in the ${tool} output)`;
  return {
    cpuModel: unknown,
    logicalCores: 0,
    physicalCores: null,
    totalMemoryBytes: 0,
    os: unknown,
    kernel: unknown,
    nodeVersion: unknown,
    electronVersion: null,
    ortVersion: unknown,
    executionProvider,
    gpus: [],
    cudaVersion: null,
    gpuProcesses: [],
    cpuTemperatureC: null,
  };
}

export function foreignRun(r: ForeignResult, src: ForeignSource): StoredRun {
  const n = r.stats.count;
  const missing = [...(r.coldStart ? [] : ['cold start']), ...(r.peakRssBytes === null ? ['memory'] : []), ...r.missing, 'inputs', 'the machine it ran on'];
  const run: Run = RunSchema.parse({
    id: `${ID_PREFIX[r.tool]}-${src.digest.slice(0, 16)}-${r.index + 1}`,
    status: 'completed',
    modelName: r.subject,
    createdAt: src.createdAt,
    startedAt: src.createdAt,
    finishedAt: src.createdAt,
    config: {
      modelPath: r.subject,
      label: `${r.tool}: ${r.subject}`,
      telemetry: { enabled: false },
      stop: { warmupIterations: 0, minIterations: Math.max(1, n), maxIterations: Math.max(1, n), minDurationMs: 0, maxDurationMs: Math.max(1, r.stats.measuredWallMs) },
      ...r.config,
    },
    coldStart: r.coldStart ?? { sessionCreateMs: 0, firstRunMs: 0 },
    stats: r.stats,
    results: {
      memory: { peakRssBytes: r.peakRssBytes ?? 0 },
      inputs: [],
      samplesPerIteration: 1,
      stability: r.stability,
      environment: unknownEnvironment(r.tool, r.executionProvider),
    },
  });
  const message = `Imported from ${r.tool} (${src.fileName}): it does not report ${missing.join(', ')}; those read 0 or unknown here.`;
  const latencies = r.latenciesMs;
  const batches = latencies
    ? [{ phase: 'measure' as const, firstI: 0, latencyMs: Float64Array.from(latencies), tMs: startTimes(Date.parse(src.createdAt), latencies) }]
    : [];
  return { run, warnings: [{ code: 'imported', message }], batches, telemetry: [] };
}

/** The tools report no start times: iterations are laid end to end from the run's time. */
function startTimes(t0: number, latenciesMs: readonly number[]): Float64Array<ArrayBuffer> {
  const t = new Float64Array(latenciesMs.length);
  let at = Number.isFinite(t0) ? t0 : 0;
  latenciesMs.forEach((l, k) => {
    t[k] = at;
    at += l;
  });
  return t;
}

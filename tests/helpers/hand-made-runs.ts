/**
 * Runs of every kind, built by hand from the real schemas and the real statistics (for the
 * states and results a quick real run cannot give here: a failed or interrupted run, a GPU
 * with power readings, RAPL energy). Parsed with RunSchema, so they are runs the host could
 * have stored.
 */
import { RunSchema, type Run, type RunConfigInput } from '../../src/shared/run';
import { summarizeLatencies } from '../../src/shared/stats';
import type { Environment, TelemetrySummary } from '../../src/shared/telemetry';

const STOP = { warmupIterations: 2, minIterations: 10, maxIterations: 10, minDurationMs: 0, maxDurationMs: 10_000 };
const LATENCIES_MS = [1.2, 1.1, 1.3, 1.25, 1.15, 1.22, 1.18, 1.4, 1.05, 1.21];

export const ENVIRONMENT: Environment = {
  cpuModel: 'Test CPU @ 3.0GHz',
  logicalCores: 8,
  physicalCores: 4,
  totalMemoryBytes: 16 * 1024 ** 3,
  os: 'linux',
  kernel: '6.1.0',
  nodeVersion: '20.19.0',
  electronVersion: null,
  ortVersion: '1.30.0',
  executionProvider: 'cuda',
  gpus: [{ name: 'NVIDIA H100 80GB HBM3', driver: '550.54', uuid: 'GPU-1', memoryTotalMiB: 81559, powerLimitW: 700, smClockMHz: 1980 }],
  cudaVersion: '12.4',
  gpuProcesses: [],
  cpuTemperatureC: 48,
};

const TELEMETRY: TelemetrySummary = {
  intervalMs: 100,
  samples: 31,
  gpu: {
    available: true,
    avgPowerW: 212.5,
    peakPowerW: 301,
    avgUtilPct: 87,
    maxTempC: 61,
    peakMemUsedMiB: 2048,
    workerMemoryMiB: 900,
    throttledShare: 0,
    energyJ: 637.5,
    perGpu: [{ index: 0, uuid: 'GPU-1', name: 'NVIDIA H100 80GB HBM3', avgPowerW: 212.5, peakPowerW: 301, energyJ: 637.5, idlePowerW: 70, avgUtilPct: 87, maxTempC: 61, peakMemUsedMiB: 2048 }],
  },
  cpu: { avgUtilPct: 14, peakUtilPct: 30, workerAvgCpuPct: 99, workerPeakRssBytes: 512_000_000, energyJ: null },
  energy: {
    source: 'gpu-power-integral',
    device: 'GPU 0 (whole device, every process on it)',
    totalJ: 637.5,
    averageW: 212.5,
    peakW: 301,
    idleW: 70,
    netJ: 427.5,
    perInferenceMj: 63.75,
    netPerInferenceMj: 42.75,
    inferencesPerJ: 15.7,
  },
};

function base(id: string, config: Partial<RunConfigInput> = {}) {
  return { id, modelName: 'conv2d.onnx', createdAt: '2026-12-01T10:00:00.000Z', config: { modelPath: '/models/conv2d.onnx', stop: STOP, ...config } };
}
const ended = { startedAt: '2026-12-01T10:00:01.000Z', finishedAt: '2026-12-01T10:00:05.000Z' };
const stats = summarizeLatencies(LATENCIES_MS, { measuredWallMs: 13 });

function completed(id: string, config: Partial<RunConfigInput>, extra: Record<string, unknown>): Run {
  return RunSchema.parse({
    ...base(id, config),
    ...ended,
    status: 'completed',
    coldStart: { sessionCreateMs: 41.5, firstRunMs: 3.25 },
    stats,
    results: {
      memory: { peakRssBytes: 250_000_000 },
      inputs: [{ name: 'x', type: 'float32', shape: [2, 3, 7, 5] }],
      samplesPerIteration: 1,
      stability: { stable: true, windowMediansMs: [1.2, 1.21, 1.19] },
      environment: ENVIRONMENT,
      ...extra,
    },
  });
}

/** One of each: what the exporters and the reader must carry without loss. */
export const HAND_MADE_RUNS: Record<string, Run> = {
  queued: RunSchema.parse({ ...base('r-queued'), status: 'queued' }),
  running: RunSchema.parse({ ...base('r-running'), status: 'running', startedAt: ended.startedAt }),
  interrupted: RunSchema.parse({ ...base('r-interrupted'), status: 'interrupted', startedAt: ended.startedAt }),
  failed: RunSchema.parse({ ...base('r-failed'), ...ended, status: 'failed', error: "Input 'x' has a dynamic dimension 'batch' with no value." }),
  'aborted with stats': RunSchema.parse({ ...base('r-aborted'), ...ended, status: 'aborted', stats }),
  'aborted before measuring': RunSchema.parse({ ...base('r-aborted-early'), ...ended, status: 'aborted' }),
  'completed on a GPU with energy': completed('r-gpu', { session: { executionProvider: 'cuda' }, label: 'gpu | run, "quoted"' }, { telemetry: TELEMETRY }),
  'completed, server scenario': completed(
    'r-server',
    { scenario: { kind: 'server', targetQps: 200, latencyBudgetMs: 15 } },
    { server: { targetQps: 200, achievedQps: 198.7, latencyBudgetMs: 15, percentile: 0.99, percentileMs: 1.38, passed: true } },
  ),
  'completed, outputs checked': completed(
    'r-check',
    { inputs: { kind: 'files', dir: '/data/test_data_set_0' }, checkOutputs: true },
    {
      check: {
        passed: false,
        maxAbsError: 1,
        maxRelError: 0.5,
        rtol: 1e-3,
        atol: 1e-7,
        outputs: [{ name: 'y', passed: false, maxAbsError: 1, maxRelError: 0.5, mismatched: 120, elements: 120 }],
      },
    },
  ),
  'completed, profiled': completed(
    'r-profile',
    { profile: true },
    {
      profile: {
        iterations: 10,
        kernelMsPerIteration: 0.9,
        byOpType: [{ opType: 'Conv', ms: 0.8, share: 0.89, nodes: 1 }],
        topNodes: [{ name: 'conv_1', opType: 'Conv', ms: 0.8, share: 0.89, calls: 10 }],
        traceFile: '/artifacts/r-profile/trace.json',
        flopsPerIteration: 5760,
      },
    },
  ),
};

/**
 * Every measurement warning Dyno can raise, with its user-facing text in one place
 * (hyperfine keeps its warnings in one enum for the same reason).
 */
import type { LatencyStats } from './stats';
import { PERCENTILES } from './stats';
import { OUTPUT_GRACE_MS, type CommandResults } from './command/results';
import { disturbingProcesses, type BusyProcess, type MeasurementConditions } from './conditions';
import type { TelemetrySummary } from './telemetry';
import { plural } from './format';

export type MeasurementWarning =
  | { code: 'percentile-unsupported'; message: string; percentiles: string[]; have: number; need: number }
  | { code: 'outliers'; message: string; count: number; maxAbsZ: number }
  | { code: 'noisy'; message: string; cvPct: number }
  | { code: 'slow-first-run'; message: string; firstRunMs: number; medianMs: number }
  | { code: 'drawn-on-all-cores'; message: string; intraOpThreads: number; workerCores: number }
  | { code: 'threads-oversubscribed'; message: string; intraOpThreads: number; workerCores: number }
  | { code: 'busy-processes'; message: string; processes: BusyProcess[] }
  | { code: 'metric-never-matched'; message: string; metric: string }
  | { code: 'output-held-open'; message: string; runs: number }
  | { code: 'gpu-shared'; message: string; processes: GpuTenant[] };

type GpuTenant = NonNullable<TelemetrySummary['gpu']['otherProcesses']>[number];

/** hyperfine warns when a point lies this many scaled MADs from the median. */
const SEVERE_OUTLIER_Z = 10;
const NOISY_CV_PCT = 10;
const SLOW_FIRST_RUN_FACTOR = 5;

/** What one sample is called: a model run's samples are inferences (iterations), a command's are its runs. */
export type WorkloadKind = 'model' | 'command';
const WORDS: Record<WorkloadKind, { sample: string; samples: string; one: string; first: string; spread: string; coldStart: string }> = {
  model: { sample: 'iteration', samples: 'iterations', one: 'inference', first: 'The first inference', spread: 'Latency', coldStart: 'cold start is reported separately; keep warm-up on' },
  command: { sample: 'run', samples: 'runs', one: 'run', first: 'The first run', spread: 'Wall time', coldStart: 'caches or a JIT were cold; add --warmup runs' },
};

/** The workload's words for its samples (`samples`: iterations / runs; `one`: inference / run), for every view that names them. */
export function workloadWords(workload: WorkloadKind): { samples: string; one: string } {
  return WORDS[workload];
}

/** A count of the workload's samples: "1 iteration", "40 runs". */
export function sampleCount(n: number, workload: WorkloadKind): string {
  return plural(n, WORDS[workload].sample);
}

export function measurementWarnings(stats: LatencyStats, firstRunMs?: number, workload: WorkloadKind = 'model'): MeasurementWarning[] {
  const words = WORDS[workload];
  const out: MeasurementWarning[] = [];
  const unsupported = PERCENTILES.flatMap(({ key }) => {
    const p = stats.percentiles[key];
    return p && !p.supported ? [{ key, need: p.minSamples }] : [];
  });
  const first = unsupported[0];
  if (first) {
    out.push({
      code: 'percentile-unsupported',
      percentiles: unsupported.map((u) => u.key),
      have: stats.count,
      need: first.need,
      message: `${unsupported.map((u) => `${u.key} (needs ${u.need})`).join(', ')}: too few samples to claim at 99% confidence (have ${stats.count}); run at least ${first.need} ${words.samples} to claim ${first.key}.`,
    });
  }
  if (stats.maxAbsModifiedZ > SEVERE_OUTLIER_Z) {
    out.push({
      code: 'outliers',
      count: stats.outlierCount,
      maxAbsZ: stats.maxAbsModifiedZ,
      message: `${plural(stats.outlierCount, 'statistical outlier')}, the worst ${stats.maxAbsModifiedZ.toFixed(0)} scaled MADs from the median: other programs or power management may have interfered.`,
    });
  }
  if (stats.cvPct > NOISY_CV_PCT) {
    out.push({
      code: 'noisy',
      cvPct: stats.cvPct,
      message: `${words.spread} varies by ${stats.cvPct.toFixed(1)}% (CV): the machine may be busy; compare medians, not means.`,
    });
  }
  const median = stats.percentiles.p50?.valueMs;
  if (firstRunMs !== undefined && median !== undefined && firstRunMs > SLOW_FIRST_RUN_FACTOR * median) {
    out.push({
      code: 'slow-first-run',
      firstRunMs,
      medianMs: median,
      message: `${words.first} took ${firstRunMs.toFixed(1)} ms, ${(firstRunMs / median).toFixed(0)}× the median: ${words.coldStart}.`,
    });
  }
  return out;
}

/** Conditions of the measurement likely to have disturbed it (see conditions.ts). */
export function conditionWarnings(c: MeasurementConditions): MeasurementWarning[] {
  const out: MeasurementWarning[] = [];
  const threads = c.intraOpThreads;
  if (threads !== undefined && threads > c.workerCores) {
    out.push({
      code: 'threads-oversubscribed',
      intraOpThreads: threads,
      workerCores: c.workerCores,
      message: `${threads} intra-op threads on the worker's ${c.workerCores} cores: ONNX Runtime's threads took turns on the cores, which slows and scatters latency; use at most ${c.workerCores}.`,
    });
  } else if (threads !== undefined && threads >= c.workerCores && c.display === 'live-charts') {
    out.push({
      code: 'drawn-on-all-cores',
      intraOpThreads: threads,
      workerCores: c.workerCores,
      message: `The studio drew live charts while ONNX Runtime used all ${c.workerCores} of the worker's cores: each redraw (every few seconds) takes a core from the benchmark for a moment, which can show in the highest percentiles. For the quietest figures, untick "Draw charts live" or use ${c.workerCores - 1 || 1} intra-op thread${c.workerCores - 1 > 1 ? 's' : ''}.`,
    });
  }
  const busy = disturbingProcesses(c);
  if (busy.length > 0) {
    out.push({
      code: 'busy-processes',
      processes: busy,
      message: `Other processes used the CPU while this run measured (${busy.map((p) => `${p.name} ${p.cpuPct.toFixed(0)}% of a core`).join(', ')}): they took time from the benchmark; rerun on a quiet machine to be sure of the figures.`,
    });
  }
  return out;
}

/**
 * A command workload's metric that no line of its output gave a value for (a pattern that never
 * matched), and runs whose output a process the command started (a daemon, a `setsid` child) kept
 * open after the command exited: Dyno stopped reading it shortly after the exit.
 */
export function commandWarnings(command: Pick<CommandResults, 'neverMatched' | 'runs'>): MeasurementWarning[] {
  // Counted as the summary counts runs: the measured ones, not the warm-ups.
  const measured = command.runs.filter((r) => r.phase === 'measure');
  const held = measured.filter((r) => r.outputHeldOpen === true).length;
  return [
    ...command.neverMatched.map((metric): MeasurementWarning => ({
      code: 'metric-never-matched',
      metric,
      message: `Metric ${metric}: no line of the output matched it in any run (check the pattern, or that the program prints {"dyno": {"${metric}": …}}).`,
    })),
    ...(held > 0
      ? [
          {
            code: 'output-held-open' as const,
            runs: held,
            message: `A process the command started kept its output open after it exited (${held} of ${measured.length} runs): Dyno stopped reading ${OUTPUT_GRACE_MS / 1000} s after each exit, so output after that was not kept; each run's time is the command's own.`,
          },
        ]
      : []),
  ];
}

/** Other processes on the GPUs the run measured on (NVML lists them): they share its SMs and memory bandwidth. */
export function gpuWarnings(t: TelemetrySummary | undefined): MeasurementWarning[] {
  const others = t?.gpu.otherProcesses ?? [];
  if (others.length === 0) return [];
  const named = others.map((p) => `${p.name ?? `pid ${p.pid}`} on GPU ${p.gpu}${p.usedMemoryMiB === null ? '' : ` (${p.usedMemoryMiB.toFixed(0)} MiB)`}`).join(', ');
  return [
    {
      code: 'gpu-shared',
      processes: others,
      message: `Other processes held GPU memory while this run measured (${named}): they share the GPU with the benchmark and can slow it and add to its power; rerun on an idle GPU to be sure of the figures.`,
    },
  ];
}

/**
 * The stable, flat JSON form of a run that `dyno bench --json` prints and scripts consume.
 * Units sit in the key names (`_ms`, `_per_s`) so a reader never has to guess.
 */
import type { Run } from './run';
import type { OutputCheck } from './run-results';
import type { Environment } from './telemetry';

export const RUN_JSON_FORMAT_VERSION = 1;

export interface RunJson {
  $schema: string;
  formatVersion: number;
  exporter: string;
  run: { id: string; status: Run['status']; model: string; modelName: string; createdAt: string; error?: string };
  config: Run['config'];
  stats: Record<string, number | boolean | null> | null;
  coldStart: { sessionCreate_ms: number; firstRun_ms: number } | null;
  memory: { peakRss_bytes: number } | null;
  stability: { stable: boolean; windowMedians_ms: number[] } | null;
  check: { passed: boolean; maxAbsError: number; maxRelError: number; outputs: OutputCheck['outputs'] } | null;
  server: {
    targetQps: number;
    achievedQps: number;
    latencyBudget_ms: number;
    percentile: number;
    percentile_ms: number;
    earlyStopping_ms: number | null;
    overBudget: number | null;
    queriesNeeded: number | null;
    judgedBy: 'early-stopping' | 'interpolated';
    outcome: 'pass' | 'over-budget' | 'too-few-queries' | 'did-not-keep-up' | null;
    passed: boolean;
  } | null;
  profile: {
    kernel_ms_per_iteration: number;
    flops_per_iteration: number;
    traceFile: string;
    byOpType: { opType: string; ms: number; share: number; nodes: number }[];
    topNodes: { name: string; opType: string; ms: number; share: number }[];
  } | null;
  inputs: { name: string; type: string; shape: (number | string)[] }[] | null;
  telemetry: {
    gpu: {
      available: boolean;
      reason?: string;
      avgPower_w: number | null;
      peakPower_w: number | null;
      avgUtil_pct: number | null;
      maxTemp_c: number | null;
      peakMemUsed_mib: number | null;
      throttled_share: number | null;
      workerMemory_mib: number | null;
      energy_j: number | null;
      perGpu: {
        index: number;
        uuid: string | null;
        name: string | null;
        avgPower_w: number | null;
        peakPower_w: number | null;
        energy_j: number | null;
        idlePower_w: number | null;
        avgUtil_pct: number | null;
        maxTemp_c: number | null;
        peakMemUsed_mib: number | null;
      }[];
    };
    cpu: { avgUtil_pct: number | null; peakUtil_pct: number | null; workerAvgCpu_pct: number | null; workerPeakRss_bytes: number | null; energy_j: number | null };
    interval_ms: number;
    samples: number;
  } | null;
  energy: {
    source: string;
    reason?: string;
    device: string | null;
    total_j: number | null;
    net_j: number | null;
    average_w: number | null;
    peak_w: number | null;
    idle_w: number | null;
    perInference_mj: number | null;
    netPerInference_mj: number | null;
    inferencesPerJ: number | null;
  } | null;
  environment: Environment | null;
  warnings: { code: string; message: string }[];
}

export function runToJson(run: Run, warnings: readonly { code: string; message: string }[], exporter: string): RunJson {
  const stats = run.status === 'completed' || run.status === 'aborted' ? run.stats : undefined;
  const done = run.status === 'completed' ? run : undefined;
  const r = done?.results;
  const t = r?.telemetry;
  return {
    $schema: 'https://dyno.dev/schemas/run.v1.json',
    formatVersion: RUN_JSON_FORMAT_VERSION,
    exporter,
    run: {
      id: run.id,
      status: run.status,
      model: run.config.modelPath,
      modelName: run.modelName,
      createdAt: run.createdAt,
      ...(run.status === 'failed' ? { error: run.error } : {}),
    },
    config: run.config,
    stats: stats
      ? {
          count: stats.count,
          mean_ms: stats.meanMs,
          std_ms: stats.stdMs,
          cv_pct: stats.cvPct,
          min_ms: stats.minMs,
          max_ms: stats.maxMs,
          p50_ms: stats.percentiles.p50?.valueMs ?? null,
          p90_ms: stats.percentiles.p90?.valueMs ?? null,
          p95_ms: stats.percentiles.p95?.valueMs ?? null,
          p99_ms: stats.percentiles.p99?.valueMs ?? null,
          p999_ms: stats.percentiles.p999?.valueMs ?? null,
          p90_supported: stats.percentiles.p90?.supported ?? false,
          p99_supported: stats.percentiles.p99?.supported ?? false,
          median_ci_low_ms: stats.medianCi?.lowMs ?? null,
          median_ci_high_ms: stats.medianCi?.highMs ?? null,
          p99_ci_low_ms: stats.p99Ci?.lowMs ?? null,
          p99_ci_high_ms: stats.p99Ci?.highMs ?? null,
          p90_ci_low_ms: stats.p90Ci?.lowMs ?? null,
          p90_ci_high_ms: stats.p90Ci?.highMs ?? null,
          median_ci_coverage: stats.medianCi?.coverage ?? null,
          p90_ci_coverage: stats.p90Ci?.coverage ?? null,
          p99_ci_coverage: stats.p99Ci?.coverage ?? null,
          p50_early_stopping_ms: stats.percentiles.p50?.earlyStoppingMs ?? null,
          p90_early_stopping_ms: stats.percentiles.p90?.earlyStoppingMs ?? null,
          p95_early_stopping_ms: stats.percentiles.p95?.earlyStoppingMs ?? null,
          p99_early_stopping_ms: stats.percentiles.p99?.earlyStoppingMs ?? null,
          p999_early_stopping_ms: stats.percentiles.p999?.earlyStoppingMs ?? null,
          throughput_per_s: stats.throughputPerS,
          measured_wall_ms: stats.measuredWallMs,
          outliers: stats.outlierCount,
        }
      : null,
    coldStart: done ? { sessionCreate_ms: done.coldStart.sessionCreateMs, firstRun_ms: done.coldStart.firstRunMs } : null,
    memory: r ? { peakRss_bytes: r.memory.peakRssBytes } : null,
    stability: r ? { stable: r.stability.stable, windowMedians_ms: r.stability.windowMediansMs } : null,
    check: r?.check ? { passed: r.check.passed, maxAbsError: r.check.maxAbsError, maxRelError: r.check.maxRelError, outputs: r.check.outputs } : null,
    server: r?.server
      ? {
          targetQps: r.server.targetQps,
          achievedQps: r.server.achievedQps,
          latencyBudget_ms: r.server.latencyBudgetMs,
          percentile: r.server.percentile,
          percentile_ms: r.server.percentileMs,
          earlyStopping_ms: r.server.earlyStoppingMs,
          overBudget: r.server.overBudget,
          queriesNeeded: r.server.queriesNeeded,
          judgedBy: r.server.judgedBy,
          outcome: r.server.outcome ?? null,
          passed: r.server.passed,
        }
      : null,
    profile: r?.profile
      ? {
          kernel_ms_per_iteration: r.profile.kernelMsPerIteration,
          flops_per_iteration: r.profile.flopsPerIteration,
          traceFile: r.profile.traceFile,
          byOpType: r.profile.byOpType,
          topNodes: r.profile.topNodes.map(({ name, opType, ms, share }) => ({ name, opType, ms, share })),
        }
      : null,
    inputs: r ? r.inputs : null,
    telemetry: t
      ? {
          // Absent readings stay null: "no GPU" is not "0 W".
          gpu: {
            available: t.gpu.available,
            ...(t.gpu.reason ? { reason: t.gpu.reason } : {}),
            avgPower_w: t.gpu.avgPowerW,
            peakPower_w: t.gpu.peakPowerW,
            avgUtil_pct: t.gpu.avgUtilPct,
            maxTemp_c: t.gpu.maxTempC,
            peakMemUsed_mib: t.gpu.peakMemUsedMiB,
            throttled_share: t.gpu.throttledShare,
            workerMemory_mib: t.gpu.workerMemoryMiB,
            energy_j: t.gpu.energyJ,
            perGpu: t.gpu.perGpu.map((g) => ({
              index: g.index,
              uuid: g.uuid,
              name: g.name,
              avgPower_w: g.avgPowerW,
              peakPower_w: g.peakPowerW,
              energy_j: g.energyJ,
              idlePower_w: g.idlePowerW,
              avgUtil_pct: g.avgUtilPct,
              maxTemp_c: g.maxTempC,
              peakMemUsed_mib: g.peakMemUsedMiB,
            })),
          },
          cpu: {
            avgUtil_pct: t.cpu.avgUtilPct,
            peakUtil_pct: t.cpu.peakUtilPct,
            workerAvgCpu_pct: t.cpu.workerAvgCpuPct,
            workerPeakRss_bytes: t.cpu.workerPeakRssBytes,
            energy_j: t.cpu.energyJ,
          },
          interval_ms: t.intervalMs,
          samples: t.samples,
        }
      : null,
    energy: t
      ? {
          source: t.energy.source,
          ...(t.energy.reason ? { reason: t.energy.reason } : {}),
          device: t.energy.device,
          total_j: t.energy.totalJ,
          net_j: t.energy.netJ,
          average_w: t.energy.averageW,
          peak_w: t.energy.peakW,
          idle_w: t.energy.idleW,
          perInference_mj: t.energy.perInferenceMj,
          netPerInference_mj: t.energy.netPerInferenceMj,
          inferencesPerJ: t.energy.inferencesPerJ,
        }
      : null,
    environment: r ? r.environment : null,
    warnings: warnings.map(({ code, message }) => ({ code, message })),
  };
}

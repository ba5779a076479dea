/**
 * A run in its versioned JSON form (see run-json.ts): what every exporter renders from, so the
 * CSV, Markdown and text outputs can never disagree with the JSON one.
 */
import type { Run } from './run';
import type { CommandResults } from './command/results';
import { RUN_JSON_FORMAT_VERSION, RUN_JSON_SCHEMA_URL, type RunJson } from './run-json';
import { adviceCommand, adviceFor } from './advice/advice';
import type { DynoProcessCost } from './conditions';

export function runToJson(run: Run, warnings: readonly { code: string; message: string }[], exporter: string): RunJson {
  const stats = 'stats' in run ? run.stats : undefined;
  // Whatever state carries results or a cold start (aborted runs may), the JSON shows them.
  const coldStart = 'coldStart' in run ? run.coldStart : undefined;
  const r = 'results' in run ? run.results : undefined;
  const t = r?.telemetry;
  const advice = adviceFor(run).map((a) => ({ ...a, command: adviceCommand(run.config, a.change) }));
  return {
    $schema: RUN_JSON_SCHEMA_URL,
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
    coldStart: coldStart ? { sessionCreate_ms: coldStart.sessionCreateMs, firstRun_ms: coldStart.firstRunMs } : null,
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
          ...(r.profile.passMeanMs === undefined ? {} : { pass_mean_ms: r.profile.passMeanMs }),
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
            ...(t.gpu.source ? { source: t.gpu.source } : {}),
            ...(t.gpu.sourceNote ? { sourceNote: t.gpu.sourceNote } : {}),
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
              ...(g.energyMethod === undefined ? {} : { energyMethod: g.energyMethod }),
              ...(g.energyNote ? { energyNote: g.energyNote } : {}),
            })),
          },
          cpu: { avgUtil_pct: t.cpu.avgUtilPct, peakUtil_pct: t.cpu.peakUtilPct, workerAvgCpu_pct: t.cpu.workerAvgCpuPct, workerPeakRss_bytes: t.cpu.workerPeakRssBytes, energy_j: t.cpu.energyJ },
          interval_ms: t.intervalMs,
          samples: t.samples,
          ...(t.window ? { window: { start_epoch_ms: t.window.startMs, end_epoch_ms: t.window.endMs } } : {}),
        }
      : null,
    energy: t
      ? {
          source: t.energy.source,
          device: t.energy.device,
          ...(t.energy.reason ? { reason: t.energy.reason } : {}),
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
    conditions: r?.conditions
      ? {
          display: r.conditions.display,
          workerCores: r.conditions.workerCores,
          machineCores: r.conditions.machineCores,
          ...(r.conditions.workerCpuList !== undefined ? { workerCpuList: r.conditions.workerCpuList } : {}),
          ...(r.conditions.workerNice !== undefined ? { workerNice: r.conditions.workerNice } : {}),
          ...(r.conditions.intraOpThreads !== undefined ? { intraOpThreads: r.conditions.intraOpThreads } : {}),
          ...(r.conditions.busyProcesses
            ? { busyProcesses: r.conditions.busyProcesses.map(({ pid, name, cpuPct, dynoHost }) => ({ pid, name, cpu_pct: cpuPct, ...(dynoHost ? { dynoHost } : {}) })) }
            : {}),
          ...(r.conditions.dynoProcesses
            ? {
                dynoProcesses: {
                  host: dynoProcessCostJson(r.conditions.dynoProcesses.host),
                  ...(r.conditions.dynoProcesses.worker ? { worker: dynoProcessCostJson(r.conditions.dynoProcesses.worker) } : {}),
                },
              }
            : {}),
        }
      : null,
    ...(r?.command ? { command: commandJson(r.command) } : {}),
    warnings: warnings.map(({ code, message }) => ({ code, message })),
    ...(r?.targets ? { targets: r.targets } : {}),
    ...(advice.length > 0 ? { advice } : {}),
  };
}

type DynoProcessCostJson = NonNullable<NonNullable<RunJson['conditions']>['dynoProcesses']>['host'];

function dynoProcessCostJson({ pid, cpuPct, wakeupsPerS, threads, eventLoopPct }: DynoProcessCost): DynoProcessCostJson {
  return { pid, cpu_pct: cpuPct, wakeups_per_s: wakeupsPerS, threads, ...(eventLoopPct !== undefined ? { event_loop_pct: eventLoopPct } : {}) };
}

function commandJson(c: CommandResults): NonNullable<RunJson['command']> {
  return {
    commandLine: c.commandLine,
    // The series stay in the store (charts); the JSON carries each run's figures.
    runs: c.runs.map((r) => ({
      phase: r.phase,
      i: r.i,
      wall_ms: r.wallMs,
      user_ms: r.userMs,
      sys_ms: r.sysMs,
      peakRss_bytes: r.peakRssBytes,
      exitCode: r.exitCode,
      metrics: r.metrics,
      target_s: r.targetS,
    })),
    cpu: { user_ms: c.cpu.userMs, sys_ms: c.cpu.sysMs },
    metrics: c.metrics,
    targets: c.targets,
    neverMatched: c.neverMatched,
    stdoutTail: c.stdoutTail,
    stderrTail: c.stderrTail,
  };
}

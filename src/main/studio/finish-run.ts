/**
 * Turns what an executor measured into a finished run: statistics, results and warnings
 * (samples per iteration for throughput, stability windows, the Server scenario's verdict).
 * One path for completed and aborted runs, so a cancelled run's figures mean the same as a
 * completed one's; only the status differs.
 */
import type { Run, RunConfig } from '../../shared/run';
import type { RunResults, ServerVerdict } from '../../shared/run-results';
import { stabilityOf, summarizeLatencies, type LatencyStats } from '../../shared/stats';
import { judgeServer } from '../../shared/server-verdict';
import { conditionWarnings, gpuWarnings, measurementWarnings, type MeasurementWarning } from '../../shared/warnings';
import type { MeasurementConditions } from '../../shared/conditions';
import type { ExecutorDone, ExecutorOutcome } from '../executor/executor';
import type { Environment, TelemetrySummary } from '../../shared/telemetry';

export function serverVerdict(config: RunConfig, latenciesMs: readonly number[], measuredWallMs: number): ServerVerdict | undefined {
  if (config.scenario.kind !== 'server') return undefined;
  return judgeServer(config.scenario, latenciesMs, measuredWallMs);
}

export function finishedResults(
  config: RunConfig,
  latenciesMs: readonly number[],
  done: ExecutorDone,
  environment: Environment,
  telemetry?: TelemetrySummary,
  conditions?: MeasurementConditions,
): { stats: LatencyStats; results: RunResults; warnings: MeasurementWarning[] } {
  const stats = summarizeLatencies(latenciesMs, { measuredWallMs: done.measuredWallMs, samplesPerIteration: done.samplesPerIteration });
  const server = serverVerdict(config, latenciesMs, done.measuredWallMs);
  const results: RunResults = {
    memory: { peakRssBytes: done.peakRssBytes },
    inputs: done.inputs,
    samplesPerIteration: done.samplesPerIteration,
    ...(done.intraOpThreads !== undefined ? { intraOpThreads: done.intraOpThreads } : {}),
    stability: stabilityOf(latenciesMs),
    environment,
    ...(telemetry ? { telemetry } : {}),
    ...(done.check ? { check: done.check } : {}),
    ...(done.profile ? { profile: done.profile } : {}),
    ...(server ? { server } : {}),
    ...(conditions ? { conditions } : {}),
  };
  return { stats, results, warnings: [...measurementWarnings(stats, done.firstRunMs), ...(conditions ? conditionWarnings(conditions) : []), ...gpuWarnings(telemetry)] };
}

/** What the queue saw of a run while it went: the measured latencies and their time window. */
export interface Measured {
  latenciesMs: readonly number[];
  /** From the executor's ready message; 1 if it never got that far. */
  samplesPerIteration: number;
  sessionCreateMs: number;
  /** First measured start and last measured end, on the samples' time base. */
  startMs?: number;
  endMs?: number;
}

export interface FinishContext {
  outcome: ExecutorOutcome;
  measured: Measured;
  cancelRequested: boolean;
  finishedAt: string;
  environment: () => Promise<Environment>;
  telemetry?: TelemetrySummary;
  /** The conditions it measured under (run-conditions.ts). */
  conditions?: MeasurementConditions;
}

/** The run's final state and its warnings. */
export async function finalRun(
  run: Run & { status: 'running' },
  ctx: FinishContext,
): Promise<{ run: Run; warnings: MeasurementWarning[] }> {
  const { outcome, measured, finishedAt } = ctx;
  const aborted = ctx.cancelRequested || (outcome.kind === 'done' && outcome.aborted);
  const { latenciesMs } = measured;
  if (outcome.kind === 'done' && latenciesMs.length > 0) {
    const { stats, results, warnings } = finishedResults(run.config, latenciesMs, outcome, await ctx.environment(), ctx.telemetry, ctx.conditions);
    const coldStart = { sessionCreateMs: measured.sessionCreateMs, firstRunMs: outcome.firstRunMs };
    const finished = { ...run, finishedAt, coldStart, stats, results };
    return { run: aborted ? { ...finished, status: 'aborted' } : { ...finished, status: 'completed' }, warnings };
  }
  if (aborted) {
    // A worker killed for ignoring the cancel sends no summary: the queue's own window and the
    // ready message's samples per iteration still give honest statistics.
    if (latenciesMs.length === 0) return { run: { ...run, status: 'aborted', finishedAt }, warnings: [] };
    const measuredWallMs = (measured.endMs ?? 0) - (measured.startMs ?? 0);
    const stats = summarizeLatencies(latenciesMs, { measuredWallMs, samplesPerIteration: measured.samplesPerIteration });
    return { run: { ...run, status: 'aborted', finishedAt, stats }, warnings: measurementWarnings(stats) };
  }
  const error = outcome.kind === 'error' ? outcome.message : 'The benchmark measured no iterations.';
  return { run: { ...run, status: 'failed', finishedAt, error }, warnings: [] };
}

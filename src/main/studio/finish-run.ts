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
import { commandWarnings, conditionWarnings, gpuWarnings, measurementWarnings, type MeasurementWarning } from '../../shared/warnings';
import type { MeasurementConditions } from '../../shared/conditions';
import type { ExecutorDone, ExecutorOutcome } from '../executor/executor';
import type { Environment, TelemetrySummary } from '../../shared/telemetry';
import { withTargetJoules } from '../../shared/command/results';
import { runToJson } from '../../shared/run-json-from-run';
import { judgeTargets } from '../../shared/targets/judge';

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
  energyBetween?: (fromMs: number, toMs: number) => number | null,
): { stats: LatencyStats; results: RunResults; warnings: MeasurementWarning[] } {
  const command = done.command && energyBetween ? withTargetJoules(done.command, energyBetween) : done.command;
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
    ...(command ? { command } : {}),
  };
  return {
    stats,
    results,
    warnings: [
      ...measurementWarnings(stats, done.firstRunMs, config.command ? 'command' : 'model'),
      ...(conditions ? conditionWarnings(conditions) : []),
      ...(done.command ? commandWarnings(done.command) : []),
      ...gpuWarnings(telemetry),
    ],
  };
}

/**
 * A completed run with its config's targets judged, stored with its results so every view and
 * report shows the verdicts the run had when it finished. Judged from the run's versioned JSON,
 * the figures `dyno bench --target` and the reports judge.
 */
export function withTargetVerdicts(run: Run & { status: 'completed' }, warnings: readonly MeasurementWarning[]): Run & { status: 'completed' } {
  const targets = run.config.targets ?? [];
  if (targets.length === 0) return run;
  return { ...run, results: { ...run.results, targets: judgeTargets(runToJson(run, warnings, 'dyno'), targets) } };
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
  /** Energy over a window of the run (a command's time-to-target in joules). */
  energyBetween?: (fromMs: number, toMs: number) => number | null;
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
    const { stats, results, warnings } = finishedResults(run.config, latenciesMs, outcome, await ctx.environment(), ctx.telemetry, ctx.conditions, ctx.energyBetween);
    const coldStart = { sessionCreateMs: measured.sessionCreateMs, firstRunMs: outcome.firstRunMs };
    const finished = { ...run, finishedAt, coldStart, stats, results };
    return { run: aborted ? { ...finished, status: 'aborted' } : withTargetVerdicts({ ...finished, status: 'completed' }, warnings), warnings };
  }
  if (aborted) {
    // A worker killed for ignoring the cancel sends no summary: the queue's own window and the
    // ready message's samples per iteration still give honest statistics.
    if (latenciesMs.length === 0) return { run: { ...run, status: 'aborted', finishedAt }, warnings: [] };
    const measuredWallMs = (measured.endMs ?? 0) - (measured.startMs ?? 0);
    const stats = summarizeLatencies(latenciesMs, { measuredWallMs, samplesPerIteration: measured.samplesPerIteration });
    return { run: { ...run, status: 'aborted', finishedAt, stats }, warnings: measurementWarnings(stats, undefined, run.config.command ? 'command' : 'model') };
  }
  const error = outcome.kind === 'error' ? outcome.message : 'The benchmark measured no iterations.';
  return { run: { ...run, status: 'failed', finishedAt, error }, warnings: [] };
}

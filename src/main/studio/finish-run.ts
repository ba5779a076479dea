/**
 * Turns what a worker measured into a finished run's statistics, results and warnings:
 * samples per iteration for throughput, stability windows, and the Server scenario's verdict.
 */
import type { RunConfig } from '../../shared/run';
import type { RunResults, ServerVerdict } from '../../shared/run-results';
import { stabilityOf, summarizeLatencies, type LatencyStats } from '../../shared/stats';
import { judgeServer } from '../../shared/server-verdict';
import { measurementWarnings, type MeasurementWarning } from '../../shared/warnings';
import type { WorkerOutcome } from '../engine/worker-client';
import type { Environment, TelemetrySummary } from '../../shared/telemetry';

type Done = Extract<WorkerOutcome, { kind: 'done' }>;

export function serverVerdict(config: RunConfig, latenciesMs: readonly number[], measuredWallMs: number): ServerVerdict | undefined {
  if (config.scenario.kind !== 'server') return undefined;
  return judgeServer(config.scenario, latenciesMs, measuredWallMs);
}

export function finishedResults(
  config: RunConfig,
  latenciesMs: readonly number[],
  done: Done,
  environment: Environment,
  telemetry?: TelemetrySummary,
): { stats: LatencyStats; results: RunResults; warnings: MeasurementWarning[] } {
  const stats = summarizeLatencies(latenciesMs, { measuredWallMs: done.measuredWallMs, samplesPerIteration: done.samplesPerIteration });
  const server = serverVerdict(config, latenciesMs, done.measuredWallMs);
  const results: RunResults = {
    memory: { peakRssBytes: done.peakRssBytes },
    inputs: done.inputs,
    samplesPerIteration: done.samplesPerIteration,
    stability: stabilityOf(latenciesMs),
    environment,
    ...(telemetry ? { telemetry } : {}),
    ...(done.check ? { check: done.check } : {}),
    ...(done.profile ? { profile: done.profile } : {}),
    ...(server ? { server } : {}),
  };
  return { stats, results, warnings: measurementWarnings(stats, done.firstRunMs) };
}

/**
 * The stable, flat JSON form of a run that `dyno bench --json` prints and scripts consume.
 * Units sit in the key names (`_ms`, `_per_s`) so a reader never has to guess.
 */
import type { Run } from './run';

export const RUN_JSON_FORMAT_VERSION = 1;

export interface RunJson {
  $schema: string;
  formatVersion: number;
  exporter: string;
  run: { id: string; status: Run['status']; model: string; modelName: string; createdAt: string; error?: string };
  config: Run['config'];
  stats: Record<string, number | boolean | null> | null;
  coldStart: { sessionCreate_ms: number; firstRun_ms: number } | null;
  warnings: { code: string; message: string }[];
}

export function runToJson(run: Run, warnings: readonly { code: string; message: string }[], exporter: string): RunJson {
  const stats = run.status === 'completed' || run.status === 'aborted' ? run.stats : undefined;
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
          throughput_per_s: stats.throughputPerS,
          measured_wall_ms: stats.measuredWallMs,
          outliers: stats.outlierCount,
        }
      : null,
    coldStart: run.status === 'completed' ? { sessionCreate_ms: run.coldStart.sessionCreateMs, firstRun_ms: run.coldStart.firstRunMs } : null,
    warnings: warnings.map(({ code, message }) => ({ code, message })),
  };
}

/**
 * What the comparison needs of one run, from either source it can come from: a stored run with
 * its measured samples, or a run JSON file (`dyno bench --json`), which carries the summary but
 * not the samples. Only completed runs can be compared.
 */
import type { Run, RunConfig } from '../run';
import type { RunJson } from '../run-json';
import type { Environment } from '../telemetry';
import type { DynoProcessCost, MeasurementConditions } from '../conditions';
import { sortedCopy } from '../stats';

export interface FigureWithCi {
  valueMs: number;
  supported: boolean;
  ci: { lowMs: number; highMs: number } | null;
}

export interface ComparableRun {
  id: string;
  /** How sentences name the run. */
  label: string;
  modelName: string;
  config: RunConfig;
  environment: Environment | null;
  /** What the run was measured under (drawing, cores, priority, busy neighbours); undefined when not recorded. */
  conditions: MeasurementConditions | undefined;
  /** Measured latencies, ascending; null when only the summary is known (a run file). */
  sortedLatenciesMs: Float64Array | null;
  count: number;
  median: FigureWithCi;
  p90: FigureWithCi | null;
  p99: FigureWithCi | null;
  meanMs: number;
  stdMs: number;
  throughputPerS: number;
  /** Gross energy per inference, where the run measured it. */
  energyPerInferenceMj: number | null;
  /** Medians of the run's measurement windows (its stability check): how far the machine drifted during the run. */
  windowMediansMs: readonly number[];
}

/** The run file's conditions (snake_case busy processes) as the store keeps them. */
function conditionsFromJson(c: RunJson['conditions']): MeasurementConditions | undefined {
  if (!c) return undefined;
  const { busyProcesses, dynoProcesses, ...rest } = c;
  const cost = ({ cpu_pct, wakeups_per_s, event_loop_pct, ...p }: NonNullable<typeof dynoProcesses>['host']): DynoProcessCost => ({
    ...p,
    cpuPct: cpu_pct,
    wakeupsPerS: wakeups_per_s,
    ...(event_loop_pct !== undefined ? { eventLoopPct: event_loop_pct } : {}),
  });
  return {
    ...rest,
    ...(busyProcesses ? { busyProcesses: busyProcesses.map(({ cpu_pct, ...p }) => ({ ...p, cpuPct: cpu_pct })) } : {}),
    ...(dynoProcesses ? { dynoProcesses: { host: cost(dynoProcesses.host), ...(dynoProcesses.worker ? { worker: cost(dynoProcesses.worker) } : {}) } } : {}),
  };
}

export class NotComparableError extends Error {}

/** "run <id>" (and its label, when it has one). */
export function runLabel(run: Pick<Run, 'id' | 'config'>): string {
  return run.config.label ? `run ${run.id} (${run.config.label})` : `run ${run.id}`;
}

export function comparableFromRun(run: Run, measuredLatenciesMs: ArrayLike<number> | null): ComparableRun {
  if (run.status !== 'completed') throw new NotComparableError(`Run ${run.id} is ${run.status}: only completed runs can be compared.`);
  const s = run.stats;
  const figure = (key: 'p50' | 'p90' | 'p99', ci: { lowMs: number; highMs: number } | null): FigureWithCi | null => {
    const p = s.percentiles[key];
    return p ? { valueMs: p.valueMs, supported: p.supported, ci: ci ? { lowMs: ci.lowMs, highMs: ci.highMs } : null } : null;
  };
  return {
    id: run.id,
    label: runLabel(run),
    modelName: run.modelName,
    config: run.config,
    environment: run.results.environment,
    conditions: run.results.conditions,
    sortedLatenciesMs: measuredLatenciesMs && measuredLatenciesMs.length > 0 ? sortedCopy(measuredLatenciesMs) : null,
    count: s.count,
    median: figure('p50', s.medianCi) ?? { valueMs: s.meanMs, supported: false, ci: null },
    p90: figure('p90', s.p90Ci),
    p99: figure('p99', s.p99Ci),
    meanMs: s.meanMs,
    stdMs: s.stdMs,
    throughputPerS: s.throughputPerS,
    energyPerInferenceMj: run.results.telemetry?.energy.perInferenceMj ?? null,
    windowMediansMs: run.results.stability.windowMediansMs,
  };
}

export function comparableFromJson(json: RunJson, label: string): ComparableRun {
  const s = json.stats;
  if (json.run.status !== 'completed' || !s) throw new NotComparableError(`${label} is a ${json.run.status} run: only completed runs can be compared.`);
  const ci = (low: number | null | undefined, high: number | null | undefined): FigureWithCi['ci'] => (typeof low === 'number' && typeof high === 'number' ? { lowMs: low, highMs: high } : null);
  // An interval that does not hold its own figure (a hand-edited file) is not used.
  const figure = (value: number | null | undefined, supported: boolean, c: FigureWithCi['ci']): FigureWithCi | null =>
    typeof value === 'number' ? { valueMs: value, supported, ci: c && c.lowMs <= value && value <= c.highMs ? c : null } : null;
  return {
    id: json.run.id,
    label,
    modelName: json.run.modelName,
    config: json.config,
    environment: json.environment,
    conditions: conditionsFromJson(json.conditions),
    sortedLatenciesMs: null,
    count: s.count,
    median: figure(s.p50_ms, true, ci(s.median_ci_low_ms, s.median_ci_high_ms)) ?? { valueMs: s.mean_ms, supported: false, ci: null },
    p90: figure(s.p90_ms, s.p90_supported, ci(s.p90_ci_low_ms, s.p90_ci_high_ms)),
    p99: figure(s.p99_ms, s.p99_supported, ci(s.p99_ci_low_ms, s.p99_ci_high_ms)),
    meanMs: s.mean_ms,
    stdMs: s.std_ms,
    throughputPerS: s.throughput_per_s,
    energyPerInferenceMj: json.energy?.perInference_mj ?? null,
    windowMediansMs: json.stability?.windowMedians_ms ?? [],
  };
}

/**
 * Run-to-run variation: how far apart two runs of one configuration on one machine land. One
 * run is one observation of the machine's state (clocks, caches, scheduling, neighbours), so a
 * difference between single runs means nothing until it exceeds this.
 *
 * From k ≥ 3 stored runs of the same configuration and environment fingerprint, the band is
 * the larger of the 95 % prediction band of the ratio of two new runs' medians,
 * exp(t₀.₉₇₅,ₖ₋₁·√2·s) − 1 with s the standard deviation of the stored runs' log medians
 * (Student's t, since s is itself estimated from k runs), and the widest ratio those runs
 * actually showed (max ÷ min − 1). Without such runs it is DEFAULT_RUN_TO_RUN_BAND. Either is
 * widened to the drift the compared runs saw within themselves (their measurement windows'
 * medians, max ÷ min − 1): on a machine busy enough to move a run's median by 2× between its
 * windows, two runs differ by as much, whatever quieter repeats showed.
 */
import type { RunConfig } from '../run-config';
import { environmentDifferences, type Environment } from '../telemetry';
import { meanOf, stdOf } from '../stats';
import type { RunToRun } from './schema';
import { studentTQuantile } from './distributions';

/**
 * ±30 %: on the 2-core test machine two runs of one configuration differed by 29 % in median
 * and ±25 % between consecutive runs was common (issue 11). Conservative on a quiet machine;
 * store three or more runs of a configuration to replace it with that machine's own figure.
 */
export const DEFAULT_RUN_TO_RUN_BAND = 0.3;
export const MIN_RUNS_FOR_BAND = 3;

export const DEFAULT_RUN_TO_RUN: RunToRun = { band: DEFAULT_RUN_TO_RUN_BAND, source: 'default', runs: 0 };

export function runToRunFromMedians(mediansMs: readonly number[]): RunToRun {
  const positive = mediansMs.filter((m) => m > 0);
  if (positive.length < MIN_RUNS_FOR_BAND) return DEFAULT_RUN_TO_RUN;
  const logs = positive.map(Math.log);
  const s = stdOf(logs, meanOf(logs));
  const widest = Math.max(...positive) / Math.min(...positive) - 1;
  const t = studentTQuantile(0.975, positive.length - 1);
  return { band: Math.max(Math.exp(t * Math.SQRT2 * s) - 1, widest), source: 'stored-runs', runs: positive.length };
}

/** The wider of the bands known for the two configurations compared; the default when neither is known. */
export function combinedRunToRun(a: RunToRun, b: RunToRun): RunToRun {
  const known = [a, b].filter((r) => r.source === 'stored-runs');
  if (known.length === 0) return DEFAULT_RUN_TO_RUN;
  return known.reduce((w, r) => (r.band > w.band ? r : w));
}

/** max ÷ min − 1 of a run's window medians: the drift the run itself saw; 0 without windows. */
export function windowDrift(windowMediansMs: readonly number[]): number {
  const positive = windowMediansMs.filter((m) => m > 0);
  return positive.length < 2 ? 0 : Math.max(...positive) / Math.min(...positive) - 1;
}

/** The band, widened to the largest drift any of the runs saw within itself. */
export function withRunDrift(band: RunToRun, runs: readonly { windowMediansMs: readonly number[] }[]): RunToRun {
  const drift = Math.max(0, ...runs.map((r) => windowDrift(r.windowMediansMs)));
  return drift > band.band ? { band: drift, source: 'run-drift', runs: runs.length } : band;
}

/** "by default", "from the runs' own drift", "from 5 stored runs". */
export function bandSource(band: RunToRun): string {
  if (band.source === 'default') return 'by default';
  if (band.source === 'run-drift') return "from the runs' own drift";
  return `from ${band.runs} stored runs`;
}

/** JSON with sorted keys, so two equal configurations give one text whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** What makes two runs repeats of one measurement: the configuration (its label aside). */
export function setupKey(config: RunConfig): string {
  const { label: _label, ...rest } = config;
  return canonical(rest);
}

export function sameSetup(a: { config: RunConfig; environment: Environment | null }, b: { config: RunConfig; environment: Environment | null }): boolean {
  if (setupKey(a.config) !== setupKey(b.config)) return false;
  if (!a.environment || !b.environment) return false;
  return environmentDifferences(a.environment, b.environment).length === 0;
}

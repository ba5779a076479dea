/**
 * Whether one side's repeated runs fell into two clusters: on a 2-vCPU VM, SqueezeNet at all
 * threads landed each whole run's p50 either at 6.0–6.8 ms or at 8.3–10.7 ms (10 of 16 slow),
 * on either side of a comparison. A verdict between such sides says which mode each side
 * happened to land in more often, not what the change did, so the comparison warns.
 *
 * The rule, on the per-run medians of one side: with at least MIN_RUNS runs, sort them and
 * split at the largest gap between neighbours. Two clusters when
 *  - each holds at least MIN_CLUSTER_RUNS runs (one stray run is an outlier, not a mode);
 *  - the gap is at least MIN_GAP_SHARE of the side's median (a material difference: a split
 *    smaller than that cannot move a verdict much, and ±3 % run-to-run noise cannot open it);
 *  - on logarithms, the gap is at least MIN_GAP_PER_SD times the larger cluster's standard
 *    deviation: the clusters lie farther apart than either is wide (Ashman's D-like). Logs,
 *    because run-to-run noise is multiplicative (a cluster at 9 ms spreads wider in ms than one
 *    at 6 ms; run-to-run.ts works on log medians for the same reason).
 * The third test uses the standard deviation, not the range: gap ≥ 3 × the larger cluster's
 * range never fires on the very runs that motivated it (the 1.5 ms gap between 6.8 and 8.3 ms
 * is smaller than the slow cluster's 2.4 ms range; 0.2 % of simulated 16-run sets fired).
 * Simulated (4 000 sets each, normal noise around one median): no set fires at ±3 % CV, ≤ 1.6 %
 * at 5 %, 2–15 % at 10–15 % (runs that noisy want more runs anyway); of sets drawn from the VM's
 * two modes in its proportions, 84 % of 8-run and 99 % of 16-run sets fire.
 */
import { meanOf, quantileSorted, sortedCopy, stdOf } from '../stats';

export const MIN_RUNS = 4;
export const MIN_CLUSTER_RUNS = 2;
export const MIN_GAP_SHARE = 0.1;
export const MIN_GAP_PER_SD = 2;

export interface RunCluster {
  /** How many runs landed in this cluster, and the range of their medians (ms). */
  runs: number;
  lowMs: number;
  highMs: number;
}

export interface TwoClusters {
  fast: RunCluster;
  slow: RunCluster;
  /** slow.lowMs − fast.highMs. */
  gapMs: number;
  /** The gap as a fraction of the median of all the side's runs. */
  gapShare: number;
}

const cluster = (sorted: Float64Array): RunCluster => ({ runs: sorted.length, lowMs: sorted[0] ?? Number.NaN, highMs: sorted[sorted.length - 1] ?? Number.NaN });

/** The two clusters the per-run medians split into, or null when they do not (or are too few to say). */
export function twoClusters(runMediansMs: readonly number[]): TwoClusters | null {
  const sorted = sortedCopy(runMediansMs.filter((m) => Number.isFinite(m) && m > 0));
  if (sorted.length < MIN_RUNS) return null;
  let at = 0;
  let gapMs = -1;
  for (let i = 0; i + 1 < sorted.length; i++) {
    const g = (sorted[i + 1] as number) - (sorted[i] as number);
    if (g > gapMs) {
      gapMs = g;
      at = i + 1;
    }
  }
  const fast = sorted.subarray(0, at);
  const slow = sorted.subarray(at);
  if (fast.length < MIN_CLUSTER_RUNS || slow.length < MIN_CLUSTER_RUNS) return null;
  const gapShare = gapMs / quantileSorted(sorted, 0.5);
  if (gapShare < MIN_GAP_SHARE) return null;
  const logSd = (c: Float64Array): number => {
    const logs = c.map(Math.log);
    return stdOf(logs, meanOf(logs));
  };
  const logGap = Math.log((slow[0] as number) / (fast[fast.length - 1] as number));
  if (logGap < MIN_GAP_PER_SD * Math.max(logSd(fast), logSd(slow))) return null;
  return { fast: cluster(fast), slow: cluster(slow), gapMs, gapShare };
}

const ms = (v: number): string => v.toFixed(v < 10 ? 2 : 1);
const range = (c: RunCluster): string => `${c.runs} runs at p50 ${ms(c.lowMs)}–${ms(c.highMs)} ms`;

/** The warning's sentence: which side (named by its first run's label, as the other warnings name sides), the two clusters, and what to do. */
export function twoClustersMessage(side: string, c: TwoClusters): string {
  return `The ${c.fast.runs + c.slow.runs} runs of ${side}'s side split into two clusters (${range(c.fast)}; ${range(c.slow)}): the verdict depends on which cluster each side's runs landed in; compare more runs a side, or find what changes between runs: thread placement, other load, CPU frequency.`;
}

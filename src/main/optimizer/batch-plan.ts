/**
 * The batch factor's single changes, adaptive: grow the batch ×4 (4, 16, 64 of the registry's
 * 2…64) while it keeps the latency budget and throughput still rises by ≥ 5 % over the best so
 * far, then measure the one ×2 level between the best batch and its better neighbour. Each ×4
 * step is a large change, so a noisy baseline or a noisy run rarely stops the growth by luck,
 * and the refinement still finds a peak that lies between two ×4 levels; it costs 4 trials
 * where growing ×2 cost up to 6. The throughput-per-batch curve is recorded as it goes. Pure
 * (no I/O): the model optimizer and the synthetic cost-model tests build the same plan.
 */
import type { Candidate } from '../../shared/optimizer/factors';
import type { SinglePlan } from './search-phases';

export interface BatchPoint {
  batch: number;
  throughputPerS?: number | undefined;
  latencyMs?: number | undefined;
  withinBudget: boolean;
  runId: string;
}

/** How much more throughput a larger batch must give to be worth growing further. */
export const BATCH_RISE = 1.05;

/**
 * The ×2 level to measure after the ×4 pass, or none. `coarse` are the ×4 levels in order, `b`
 * the best batch so far (1: none rose), `at` the measured points by batch. Between three points
 * whose middle one is best, a peak lies towards the better neighbour; when the next ×4 level broke
 * the latency budget (or failed), the level between may still keep it. At the top level there is
 * nothing above, and at batch 1 a ×4 step that fitted but did not rise leaves nothing worth a trial.
 */
export function batchRefinement(levels: readonly number[], coarse: readonly number[], b: number, baselineThroughput: number, at: ReadonlyMap<number, BatchPoint>): number | undefined {
  const i = coarse.indexOf(b);
  const upperLevel = coarse[i + 1];
  const upper = upperLevel === undefined ? undefined : at.get(upperLevel);
  if (upperLevel === undefined || !upper) return undefined;
  const upperBroke = !upper.withinBudget || upper.throughputPerS === undefined;
  let towards: number;
  if (upperBroke) towards = upperLevel;
  else if (i < 0) return undefined;
  else {
    const lowerLevel = i === 0 ? 1 : (coarse[i - 1] as number);
    const lowerThroughput = i === 0 ? baselineThroughput : at.get(lowerLevel)?.throughputPerS;
    towards = lowerThroughput !== undefined && lowerThroughput > (upper.throughputPerS as number) ? lowerLevel : upperLevel;
  }
  const [lo, hi] = towards > b ? [b, towards] : [towards, b];
  const between = levels.filter((l) => l > lo && l < hi && !at.has(l));
  return between[Math.floor((between.length - 1) / 2)];
}

/** `levels`: the batch sizes that may be tried, ascending (the registry's 2, 4, 8 … 64). */
export function batchPlan<T>(o: { levels: readonly number[]; baselineThroughput: number; read: (t: T) => BatchPoint; curve: BatchPoint[] }): SinglePlan<Candidate, T> {
  // ×4 from the baseline's batch of 1: every other level of the ×2 ladder.
  const coarse = o.levels.filter((_, i) => i % 2 === 1);
  let best = o.baselineThroughput;
  let bestBatch = 1;
  const at = new Map<number, BatchPoint>();
  const record = (t: T): BatchPoint => {
    const p = o.read(t);
    o.curve.push(p);
    at.set(p.batch, p);
    const rose = p.withinBudget && p.throughputPerS !== undefined && p.throughputPerS >= best * BATCH_RISE;
    if (rose) [best, bestBatch] = [p.throughputPerS as number, p.batch];
    return p;
  };
  return {
    candidates: coarse.map((batch): Candidate => ({ batch })),
    goOn: (t) => {
      const p = record(t);
      return bestBatch === p.batch;
    },
    refine: () => {
      const level = batchRefinement(o.levels, coarse, bestBatch, o.baselineThroughput, at);
      return level === undefined ? [] : [{ batch: level }];
    },
    after: (t) => void record(t),
  };
}

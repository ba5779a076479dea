/**
 * The trial count of `npm run bench:optimizer`'s search, on a synthetic cost model of its grid:
 * intra-op threads {1, 2} × optimization level × batch × precision, for throughput. Each level
 * multiplies a known true throughput, every measurement carries seeded log-normal noise, and the
 * INT8 points break the error limit (as they do on the zoo MLP). So for each seed the search's
 * trial count and its pick's true throughput against the grid's true best are known exactly.
 *
 * The bench's target: ≥ 95 % of the exhaustive best with ≤ 25 % of its 96 trials (24).
 */
import { describe, expect, it } from 'vitest';
import { mulberry32, standardNormal } from '../../../src/shared/random';
import { BATCH_LEVELS, candidateKey, type Candidate } from '../../../src/shared/optimizer/factors';
import { judgeFinalists, pickFrom, searchFromBaseline, TrialBudget, untilTwoLose, type SearchTrial, type SinglePlan } from '../../../src/main/optimizer/search-phases';
import { batchPlan, batchRefinement, type BatchPoint } from '../../../src/main/optimizer/batch-plan';
import type { Gain } from '../../../src/shared/optimizer/search';

type T = SearchTrial<Candidate>;

/** Throughput multipliers against ORT's defaults at batch 1 (> 1 is faster); int8 is rejected by the gate. */
interface GridModel {
  name: string;
  threads: Record<number, number>;
  optLevel: Record<string, number>;
  batch: Record<number, number>;
  fp16: number;
  /** The threads=1 gain shrinks at large batches (an interaction the combination must measure). */
  threadsAtLargeBatch?: number;
}

const SATURATING: GridModel = { name: 'saturating at 32', threads: { 1: 1.15, 2: 1 }, optLevel: { extended: 1, basic: 0.97, disabled: 0.8 }, batch: { 1: 1, 2: 1.8, 4: 3, 8: 4.2, 16: 5, 32: 5.4, 64: 5.2 }, fp16: 0.9 };
const PEAK_AT_16: GridModel = { name: 'peak at 16, interacting', threads: { 1: 1.2, 2: 0.95 }, optLevel: { extended: 1.01, basic: 0.96, disabled: 0.85 }, batch: { 1: 1, 2: 1.9, 4: 3.2, 8: 4.3, 16: 4.8, 32: 4.6, 64: 4 }, fp16: 0.95, threadsAtLargeBatch: 1.05 };
const PEAK_AT_8: GridModel = { name: 'peak at 8', threads: { 1: 0.9, 2: 1.05 }, optLevel: { extended: 1.03, basic: 1, disabled: 0.9 }, batch: { 1: 1, 2: 1.7, 4: 2.6, 8: 3, 16: 2.9, 32: 2.5, 64: 2 }, fp16: 1.02 };
const STILL_RISING: GridModel = { name: 'still rising at 64', threads: { 1: 1.1, 2: 1 }, optLevel: { extended: 1, basic: 0.99, disabled: 0.7 }, batch: { 1: 1, 2: 1.9, 4: 3.5, 8: 6, 16: 9, 32: 12, 64: 14 }, fp16: 0.8 };

function truth(m: GridModel, c: Candidate): number {
  const batch = Number(c.batch ?? 1);
  const threads = c.threads === undefined ? 1 : batch >= 16 && c.threads === 1 && m.threadsAtLargeBatch !== undefined ? m.threadsAtLargeBatch : (m.threads[Number(c.threads)] ?? 1);
  const opt = c.optLevel === undefined ? 1 : (m.optLevel[String(c.optLevel)] ?? 1);
  const precision = c.precision === 'fp16' ? m.fp16 : 1;
  return 1000 * threads * opt * precision * (m.batch[batch] ?? 1);
}

/** The bench's 96 points; the INT8 ones are left out, as the gate leaves them out there. */
function gridBest(m: GridModel): number {
  let best = 0;
  for (const threads of [0, 1, 2]) {
    if (threads === 0) continue; // the bench grid's threads are {1, cores}
    for (const optLevel of ['all', 'extended', 'basic', 'disabled'])
      for (const batch of [1, 4, 16, 64])
        for (const precision of ['fp32', 'fp16']) best = Math.max(best, truth(m, { threads, ...(optLevel === 'all' ? {} : { optLevel }), batch, ...(precision === 'fp32' ? {} : { precision }) }));
  }
  return best;
}

async function search(m: GridModel, seed: number, noise: number): Promise<{ trials: number; quality: number; pick: string }> {
  const rand = mulberry32(seed);
  const trials: T[] = [];
  const scoreOf = new Map<string, number>();
  let now = 0;
  const budget = new TrialBudget(3_600_000, () => now, 3, 2);
  const measure = async (phase: string, candidate: Candidate): Promise<T> => {
    now += 1000;
    budget.measured(1000);
    const runId = `run-${trials.length}`;
    // Lower is better: the score of throughput is its inverse.
    const score = (1 / truth(m, candidate)) * Math.exp(noise * standardNormal(rand));
    scoreOf.set(runId, score);
    const t: T = { key: candidateKey(candidate), phase, candidate, status: 'completed', score, runId, ...(candidate.precision === 'int8-dynamic' ? { rejected: 'max output error: 5.00e-3 is over the limit 1.00e-3' } : {}) };
    trials.push(t);
    return t;
  };
  const baseline = await measure('baseline', {});
  const baselineScore = baseline.score as number;
  const curve: BatchPoint[] = [];
  const plans: SinglePlan<Candidate, T>[] = [
    { candidates: [{ threads: 1 }, { threads: 2 }] },
    { candidates: ['extended', 'basic', 'disabled'].map((optLevel) => ({ optLevel })), goOn: untilTwoLose<T>(baselineScore) },
    batchPlan<T>({ levels: [...BATCH_LEVELS], baselineThroughput: 1 / baselineScore, curve, read: (t) => ({ batch: Number(t.candidate.batch), throughputPerS: 1 / (t.score as number), withinBudget: true, runId: t.runId }) }),
    { candidates: [{ precision: 'fp16' }, { precision: 'int8-dynamic' }] },
  ];
  const { finalists, remeasured } = await searchFromBaseline({ plans, trials, baselineScore, keyOf: candidateKey, measure, budget, shouldStop: () => false });
  const median = (ids: string[]): number => {
    const xs = ids.map((id) => scoreOf.get(id) as number).sort((a, b) => a - b);
    return xs[Math.floor(xs.length / 2)] as number;
  };
  const gain = (g: number): Gain => ({ gain: g, ciLow: g * 0.97, ciHigh: g * 1.03 });
  const judged = await judgeFinalists(finalists, remeasured, async (b, c) => gain(median(b) / median(c)), (t) => gain(baselineScore / (t.score as number)));
  const pick = pickFrom(judged)?.trial.candidate ?? {};
  return { trials: trials.length, quality: truth(m, pick) / gridBest(m), pick: candidateKey(pick) };
}

const SEEDS = 50;
const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] as number;

/**
 * Measured before these rules (batch grown ×2 from 2, two finalists re-measured whatever the
 * combination did, every optimization level tried), same harness, 50 seeds, trials median/max
 * and pick ÷ best median/p10/min:
 *   5 % noise:  saturating 24/26 1.038/0.962/0.870; peak 16 24/26 0.990/0.943/0.896;
 *               peak 8 24/24 0.985/0.938/0.907; rising 25/25 1.000/0.909/0.909
 *   15 % noise: saturating 24/26 0.870/0.702/0.167; peak 16 24/26 0.943/0.845/0.373;
 *               peak 8 23/24 0.938/0.844/0.313; rising 25/26 0.909/0.643/0.123
 * (At 15 % a lucky baseline stopped the ×2 growth at batch 2: the minima of 0.12–0.37.) After:
 *   5 % noise:  saturating 19/23 1.000/0.962/0.870; peak 16 21/24 0.990/0.943/0.941;
 *               peak 8 21/24 0.985/0.938/0.907; rising 19/22 1.000/0.909/0.909
 *   15 % noise: saturating 21/23 0.876/0.843/0.836; peak 16 21/24 0.943/0.896/0.754;
 *               peak 8 21/24 0.938/0.907/0.731; rising 20/23 0.909/0.900/0.900
 */
describe('the search on the bench grid (synthetic cost model)', () => {
  for (const [noise, medianAtLeast, minAtLeast] of [
    [0.05, 0.95, 0.85],
    [0.15, 0.85, 0.7],
  ] as const) {
    it(`takes at most 24 trials (25 % of 96) and keeps its pick near the grid's best, over ${SEEDS} seeds at ${noise * 100} % noise`, async () => {
      for (const m of [SATURATING, PEAK_AT_16, PEAK_AT_8, STILL_RISING]) {
        const runs = [];
        for (let seed = 1; seed <= SEEDS; seed++) runs.push(await search(m, seed, noise));
        const counts = runs.map((r) => r.trials);
        const quality = runs.map((r) => r.quality);
        console.log(
          `${m.name}, noise ${noise}: trials median ${quantile(counts, 0.5)} max ${Math.max(...counts)}; pick÷best median ${quantile(quality, 0.5).toFixed(3)} p10 ${quantile(quality, 0.1).toFixed(3)} min ${Math.min(...quality).toFixed(3)}; under 0.95 in ${quality.filter((q) => q < 0.95).length}/${SEEDS}`,
        );
        expect(Math.max(...counts), m.name).toBeLessThanOrEqual(24);
        expect(quantile(quality, 0.5), m.name).toBeGreaterThanOrEqual(medianAtLeast);
        expect(Math.min(...quality), m.name).toBeGreaterThanOrEqual(minAtLeast);
      }
    });
  }

  it('grows the batch ×4 and measures the ×2 level towards the better neighbour of the best', async () => {
    const batches = async (m: GridModel): Promise<number[]> => {
      const trials: T[] = [];
      const measure = async (phase: string, candidate: Candidate): Promise<T> => {
        const t: T = { key: candidateKey(candidate), phase, candidate, status: 'completed', score: 1 / truth(m, candidate), runId: `r${trials.length}` };
        trials.push(t);
        return t;
      };
      const curve: BatchPoint[] = [];
      const plan = batchPlan<T>({ levels: [...BATCH_LEVELS], baselineThroughput: truth(m, {}), curve, read: (t) => ({ batch: Number(t.candidate.batch), throughputPerS: 1 / (t.score as number), withinBudget: true, runId: t.runId }) });
      await searchFromBaseline({ plans: [plan], trials, baselineScore: 1 / truth(m, {}), keyOf: candidateKey, measure, budget: new TrialBudget(3_600_000, () => 0, 0, 0), shouldStop: () => false });
      expect(curve.map((p) => p.batch)).toEqual(trials.filter((t) => t.phase === 'single').map((t) => Number(t.candidate.batch)));
      return curve.map((p) => p.batch);
    };
    // 64 rose under 5 % over 16, and beat 4: the peak lies above 16.
    expect(await batches(SATURATING)).toEqual([4, 16, 64, 32]);
    // 16 is best and 64 beat 4: 32 (which is worse) is the one level left worth a trial.
    expect(await batches(PEAK_AT_16)).toEqual([4, 16, 64, 32]);
    // 16 rose under 5 % over 4 (2.9 against 2.6 is 11 %: it rose), 64 fell below 4: 8 lies towards the better side.
    expect(await batches(PEAK_AT_8)).toEqual([4, 16, 64, 8]);
    // Still rising at the top: nothing above 64 to refine towards.
    expect(await batches(STILL_RISING)).toEqual([4, 16, 64]);
  });

  it('refines upwards when the next ×4 batch broke the latency budget, and not at all when batch 4 fitted but did not rise', () => {
    const at = (points: [number, number | undefined, boolean][]): Map<number, BatchPoint> => new Map(points.map(([batch, throughputPerS, withinBudget]) => [batch, { batch, throughputPerS, withinBudget, runId: `b${batch}` }]));
    const levels = [...BATCH_LEVELS];
    const coarse = [4, 16, 64];
    expect(batchRefinement(levels, coarse, 4, 100, at([[4, 300, true], [16, 500, false]]))).toBe(8);
    expect(batchRefinement(levels, coarse, 1, 100, at([[4, 300, false]]))).toBe(2);
    expect(batchRefinement(levels, coarse, 1, 100, at([[4, 102, true]]))).toBeUndefined();
    expect(batchRefinement(levels, coarse, 4, 100, at([[4, 300, true], [16, 200, true]]))).toBe(8);
    expect(batchRefinement(levels, coarse, 4, 250, at([[4, 300, true], [16, 200, true]]))).toBe(2);
    expect(batchRefinement(levels, coarse, 64, 100, at([[4, 300, true], [16, 500, true], [64, 900, true]]))).toBeUndefined();
  });

  it('stops an ordered factor after two levels in a row lost to the baseline, and goes on past one loss', () => {
    const t = (score: number, rejected?: string): T => ({ key: 'k', phase: 'single', candidate: {}, status: 'completed', score, runId: 'r', ...(rejected ? { rejected } : {}) });
    const goOn = untilTwoLose<T>(10);
    expect(goOn(t(11))).toBe(true);
    expect(goOn(t(9))).toBe(true);
    expect(goOn(t(12))).toBe(true);
    expect(goOn(t(9, 'max output error'))).toBe(false);
  });

  it('re-measures only the combination when one was kept, and the two best candidates when none was', async () => {
    const finalistsOf = async (m: GridModel, plans: SinglePlan<Candidate, T>[]): Promise<string[]> => {
      const trials: T[] = [];
      const measure = async (phase: string, candidate: Candidate): Promise<T> => {
        const t: T = { key: candidateKey(candidate), phase, candidate, status: 'completed', score: 1 / truth(m, candidate), runId: `r${trials.length}` };
        trials.push(t);
        return t;
      };
      const baselineScore = 1 / truth(m, {});
      const { finalists } = await searchFromBaseline({ plans, trials, baselineScore, keyOf: candidateKey, measure, budget: new TrialBudget(3_600_000, () => 0, 3, 2), shouldStop: () => false });
      return finalists.map((f) => f.key);
    };
    // threads=1 and fp16 both help and add up: the combination beat both, and is the only finalist.
    expect(await finalistsOf({ ...STILL_RISING, threads: { 1: 1.2 }, fp16: 1.1 }, [{ candidates: [{ threads: 1 }] }, { candidates: [{ precision: 'fp16' }] }])).toEqual(['threads=1 precision=fp16']);
    // threads=1 helps alone but halves batch 16's throughput: the combination is not kept, so two
    // are re-measured, the runner-up being that combination (still far over the baseline). Left
    // out, a combination that lost its head-to-head run by noise gets no second look: over the
    // seeds above that cost more picks than the runs it saves.
    expect(await finalistsOf({ ...STILL_RISING, threads: { 1: 1.2 }, threadsAtLargeBatch: 0.5 }, [{ candidates: [{ threads: 1 }] }, { candidates: [{ batch: 16 }] }])).toEqual(['batch=16', 'threads=1 batch=16']);
  });
});

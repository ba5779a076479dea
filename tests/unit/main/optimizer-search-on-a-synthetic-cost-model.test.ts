/**
 * The optimizer's search (the phases both optimizers share) driven by a synthetic cost model
 * instead of ONNX Runtime: each factor level multiplies a known true latency, every measurement
 * carries seeded noise, and each trial costs one second of a simulated clock. So what the search
 * explores, what it re-measures and what it recommends can be checked against the known truth,
 * deterministically, seed by seed, under a time budget.
 *
 * The review this guards: a search re-measured a losing `optLevel=extended` while
 * `optLevel=basic` and `threads=1` were never tried.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32, standardNormal } from '../../../src/shared/random';
import { candidateKey, type Candidate } from '../../../src/shared/optimizer/factors';
import { closestToBaseline, judgeFinalists, pickFrom, searchFromBaseline, TrialBudget, type SearchTrial, type SinglePlan } from '../../../src/main/optimizer/search-phases';
import type { Gain } from '../../../src/shared/optimizer/search';

type T = SearchTrial<Candidate>;

/** Latency multipliers of each level against ORT's defaults (1): < 1 is faster. */
type CostModel = Record<string, Record<string, number>>;

/** Two levels help (and add up), the others cost 8 % or more: far beyond the 1 % noise. */
const REALISTIC: CostModel = {
  optLevel: { extended: 1.08, basic: 0.9, disabled: 1.3 },
  threads: { 1: 0.8, 2: 1.08 },
  memPattern: { false: 1.1 },
};
const NOTHING_HELPS: CostModel = {
  optLevel: { extended: 1.06, basic: 1.08, disabled: 1.3 },
  threads: { 1: 1.2, 2: 1.09 },
  memPattern: { false: 1.05 },
};

const TRIAL_MS = 1000;

function simulate(model: CostModel, seed: number, budgetMs: number, noise = 0.01) {
  const rand = mulberry32(seed);
  let now = 0;
  const trials: T[] = [];
  const scoreOf = new Map<string, number>();
  const truth = (c: Candidate): number => Object.entries(c).reduce((p, [f, l]) => p * (model[f]?.[String(l)] ?? 1), 10);
  const measure = async (phase: string, candidate: Candidate): Promise<T> => {
    now += TRIAL_MS;
    budget.measured(TRIAL_MS);
    const runId = `run-${trials.length}`;
    const score = truth(candidate) * Math.exp(noise * standardNormal(rand));
    scoreOf.set(runId, score);
    const t: T = { key: candidateKey(candidate), phase, candidate, status: 'completed', score, runId };
    trials.push(t);
    return t;
  };
  const budget = new TrialBudget(budgetMs, () => now, 3, 2);
  const plans: SinglePlan<Candidate, T>[] = Object.entries(model).map(([f, levels]) => ({
    candidates: Object.keys(levels).map((l): Candidate => ({ [f]: f === 'threads' ? Number(l) : l === 'false' ? false : l })),
  }));
  // The judge: a candidate's gain is the ratio of medians, its interval ± 3 %.
  const median = (ids: string[]): number => {
    const xs = ids.map((id) => scoreOf.get(id) as number).sort((a, b) => a - b);
    return xs[Math.floor(xs.length / 2)] as number;
  };
  const gain = (g: number): Gain => ({ gain: g, ciLow: g * 0.97, ciHigh: g * 1.03 });
  return {
    trials,
    elapsed: () => now,
    async run() {
      const baseline = await measure('baseline', {});
      const baselineScore = baseline.score as number;
      const { finalists, remeasured } = await searchFromBaseline({ plans, trials, baselineScore, keyOf: candidateKey, measure, budget, shouldStop: () => false });
      const single = (t: T): Gain => gain(baselineScore / (t.score as number));
      const judged = await judgeFinalists(finalists, remeasured, async (b, c) => gain(median(b) / median(c)), single);
      const pick = pickFrom(judged);
      return { finalists, remeasured, pick, closest: pick ? null : closestToBaseline(judged, trials, single), budget };
    },
  };
}

const singlesOf = (trials: readonly T[]): string[] => trials.filter((t) => t.phase === 'single').map((t) => t.key);
const remeasuredKeys = (trials: readonly T[]): Set<string> => new Set(trials.filter((t) => t.phase.startsWith('re-measure')).map((t) => t.key));

describe('the search on a synthetic cost model', () => {
  it('with time enough, tries every level of every factor, combines the two that help and recommends them, whatever the seed', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const sim = simulate(REALISTIC, seed, 60_000);
      const { pick, finalists } = await sim.run();
      expect(singlesOf(sim.trials)).toEqual(['optLevel=extended', 'optLevel=basic', 'optLevel=disabled', 'threads=1', 'threads=2', 'memPattern=false']);
      expect(sim.trials.some((t) => t.phase === 'combine' && t.key === 'optLevel=basic threads=1')).toBe(true);
      expect(pick?.trial.key).toBe('optLevel=basic threads=1');
      expect(pick?.gain.gain).toBeGreaterThan(1.3);
      // Only what beat the baseline goes on: never a level whose true cost is worse.
      for (const f of finalists) expect(['optLevel=basic', 'threads=1', 'optLevel=basic threads=1']).toContain(f.key);
    }
  });

  it('under a budget that cannot hold everything, tries every level before re-measuring, and re-measures only winners', async () => {
    // 11 trials: keeping back three rounds of two finalists from the start (9 runs) would stop the
    // singles after optLevel=extended and re-measure a loser.
    for (let seed = 1; seed <= 20; seed++) {
      const sim = simulate(REALISTIC, seed, 11 * TRIAL_MS);
      const { pick, remeasured, budget } = await sim.run();
      expect(singlesOf(sim.trials)).toEqual(['optLevel=extended', 'optLevel=basic', 'optLevel=disabled', 'threads=1', 'threads=2', 'memPattern=false']);
      expect([...remeasuredKeys(sim.trials)].sort()).toEqual(['baseline', 'threads=1']);
      expect(remeasured.get('baseline')).toHaveLength(2);
      expect(pick?.trial.key).toBe('threads=1');
      expect(sim.elapsed()).toBeLessThanOrEqual(11 * TRIAL_MS);
      expect(budget.stopped('s', 'dyno optimize')).toMatchObject({ reason: 'time-budget', message: expect.stringContaining('1 planned trial(s) not run (optLevel=basic threads=1)') });
    }
  });

  it('when nothing beats the defaults, re-measures nothing, keeps the baseline and names the closest loser', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const sim = simulate(NOTHING_HELPS, seed, 60_000);
      const { pick, finalists, closest } = await sim.run();
      expect(pick).toBeNull();
      expect(finalists).toEqual([]);
      expect(remeasuredKeys(sim.trials).size).toBe(0);
      expect(sim.trials.filter((t) => t.phase === 'combine')).toEqual([]);
      // 1 baseline + 6 singles: the time kept back for rounds went unspent, nothing else ran.
      expect(sim.trials).toHaveLength(7);
      // The closest is the loser that measured best (the two cheapest levels are 5 % and 6 % slower).
      const best = Math.max(...sim.trials.filter((t) => t.phase === 'single').map((t) => (sim.trials[0]?.score as number) / (t.score as number)));
      expect(['memPattern=false', 'optLevel=extended']).toContain(closest?.trial.key);
      expect(closest?.gain.gain).toBe(best);
      expect(closest?.gain.gain).toBeLessThan(1);
    }
  });

  it('keeps back the re-measurement of the winners found, so the rounds fit in the budget', async () => {
    for (const budgetS of [10, 12, 16, 20]) {
      const sim = simulate(REALISTIC, 7, budgetS * TRIAL_MS);
      const { remeasured } = await sim.run();
      expect(sim.elapsed()).toBeLessThanOrEqual(budgetS * TRIAL_MS);
      // Where a winner was found, the baseline was re-measured beside it in at least two rounds.
      expect(remeasured.get('baseline')?.length ?? 0).toBeGreaterThanOrEqual(2);
    }
  });
});

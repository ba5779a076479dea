/**
 * The optimizer's search (the phases both optimizers share) driven by a synthetic cost model
 * instead of ONNX Runtime: each factor level multiplies a known true latency, every measurement
 * carries seeded noise, and each trial costs one second of a simulated clock. So what the search
 * explores, what it re-measures and what it recommends can be checked against the known truth,
 * deterministically, seed by seed, under a time budget.
 *
 * The reviews this guards: a search re-measured a losing `optLevel=extended` while
 * `optLevel=basic` and `threads=1` were never tried; a short budget cut the re-measurement to
 * two rounds (an interval ±9 standard deviations wide) and said nothing; and the "closest" named
 * when the baseline stands was a single run never measured again.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32, standardNormal } from '../../../src/shared/random';
import { candidateKey, type Candidate } from '../../../src/shared/optimizer/factors';
import { closestToBaseline, judgeFinalists, pickFrom, searchFromBaseline, TrialBudget, type SearchTrial, type SinglePlan } from '../../../src/main/optimizer/search-phases';
import { MIN_ROUNDS_TO_DECIDE } from '../../../src/shared/compare/t-tests';
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
/** Only the last factor tried helps: the first winner comes when most of a short budget is spent. */
const LATE_WIN: CostModel = { ...NOTHING_HELPS, memPattern: { false: 0.85 } };

const TRIAL_MS = 1000;

/** `baselineMs`: what the search's first run costs (the baseline's one-off costs on top of a trial's). */
function simulate(model: CostModel, seed: number, budgetMs: number, noise = 0.01, baselineMs = TRIAL_MS) {
  const rand = mulberry32(seed);
  let now = 0;
  const trials: T[] = [];
  const scoreOf = new Map<string, number>();
  const truth = (c: Candidate): number => Object.entries(c).reduce((p, [f, l]) => p * (model[f]?.[String(l)] ?? 1), 10);
  const measure = async (phase: string, candidate: Candidate): Promise<T> => {
    const ms = phase === 'baseline' ? baselineMs : TRIAL_MS;
    now += ms;
    budget.measured(ms, phase === 'baseline');
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

/** Re-measure runs as `remeasure` returns them, each side's listed from round 1 on. */
const byRound = (sides: Record<string, string[]>): Map<string, Map<number, string>> => new Map(Object.entries(sides).map(([key, ids]) => [key, new Map(ids.map((id, i) => [i + 1, id]))]));
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

  it('under a budget that cannot hold everything, explores until a winner is found, then keeps back rounds enough for an interval, and re-measures only winners', async () => {
    // 11 trials: keeping back three rounds of two finalists from the start (9 runs) would stop the
    // singles after optLevel=extended and re-measure a loser. Keeping back nothing until a winner
    // (optLevel=basic, the 3rd trial), then three rounds of one finalist and the baseline (6 runs),
    // leaves threads=1 tried and the rounds whole.
    for (let seed = 1; seed <= 20; seed++) {
      const sim = simulate(REALISTIC, seed, 11 * TRIAL_MS);
      const { pick, remeasured, budget } = await sim.run();
      expect(singlesOf(sim.trials)).toEqual(['optLevel=extended', 'optLevel=basic', 'optLevel=disabled', 'threads=1']);
      expect([...remeasuredKeys(sim.trials)].sort()).toEqual(['baseline', 'threads=1']);
      expect(remeasured.get('baseline')?.size).toBe(MIN_ROUNDS_TO_DECIDE);
      expect(remeasured.get('threads=1')?.size).toBe(MIN_ROUNDS_TO_DECIDE);
      expect(pick?.trial.key).toBe('threads=1');
      expect(sim.elapsed()).toBeLessThanOrEqual(11 * TRIAL_MS);
      expect(budget.stopped('s', 'dyno optimize')).toEqual({ reason: 'time-budget', message: 'The time budget ended after 11 s: 3 planned trials not run (threads=2, memPattern=false, optLevel=basic threads=1).' });
    }
    // Two trials more hold every single level and the same three rounds.
    const sim = simulate(REALISTIC, 1, 13 * TRIAL_MS);
    const { remeasured } = await sim.run();
    expect(singlesOf(sim.trials)).toEqual(['optLevel=extended', 'optLevel=basic', 'optLevel=disabled', 'threads=1', 'threads=2', 'memPattern=false']);
    expect(remeasured.get('baseline')?.size).toBe(MIN_ROUNDS_TO_DECIDE);
  });

  it("estimates a trial's cost from the trials after the baseline, not from the baseline's one-off costs, so a short budget tries more of the grid and still keeps its rounds", async () => {
    // The baseline costs 4 trials (the first session, the reference outputs written). Estimating
    // every trial at 4 s kept back 3 rounds × 2 runs × 4 s = 24 s once optLevel=basic won, so a
    // 16 s search stopped after two levels and re-measured nothing.
    for (let seed = 1; seed <= 20; seed++) {
      const sim = simulate(REALISTIC, seed, 16 * TRIAL_MS, 0.01, 4 * TRIAL_MS);
      const { pick, remeasured, budget } = await sim.run();
      expect(budget.estimateMs).toBe(TRIAL_MS);
      expect(singlesOf(sim.trials)).toEqual(['optLevel=extended', 'optLevel=basic', 'optLevel=disabled', 'threads=1', 'threads=2', 'memPattern=false']);
      expect(remeasured.get('baseline')?.size).toBe(MIN_ROUNDS_TO_DECIDE);
      expect(remeasured.get('threads=1')?.size).toBe(MIN_ROUNDS_TO_DECIDE);
      expect(pick?.trial.key).toBe('threads=1');
      expect(sim.elapsed()).toBeLessThanOrEqual(16 * TRIAL_MS);
      expect(budget.stopped('s', 'dyno optimize')).toEqual({ reason: 'time-budget', message: 'The time budget ended after 16 s: 1 planned trial not run (optLevel=basic threads=1).' });
    }
    // Until a trial after the baseline has run, the baseline's time is all there is to go by.
    const budget = new TrialBudget(10_000, () => 0, 3, 2);
    budget.measured(4000, true);
    expect(budget.estimateMs).toBe(4000);
    budget.measured(1000);
    expect(budget.estimateMs).toBe(1000);
    budget.measured(4000, true);
    expect(budget.estimateMs).toBe(1000);
  });

  it('when the first winner comes too late for rounds enough, runs the rounds that fit and says they cannot give an interval', async () => {
    // 1 baseline + 6 singles = 7 s before memPattern=false wins; each round is 2 runs.
    const cases = [
      { budgetS: 13, rounds: 3, message: 'Every planned trial was measured.', reason: 'completed' },
      {
        budgetS: 11,
        rounds: 2,
        reason: 'time-budget',
        roundsLeft: 2,
        message: 'Every planned trial was measured. The time budget left 2 rounds for re-measuring; not enough for an interval (3 rounds needed), so the result has an interval too wide to rely on: give the search more time.',
      },
      {
        budgetS: 10,
        rounds: 0,
        reason: 'time-budget',
        roundsLeft: 0,
        message: 'Every planned trial was measured. The time budget left no rounds for re-measuring; not enough for an interval (3 rounds needed), so the result rests on one run of each candidate: give the search more time.',
      },
    ] as const;
    for (const c of cases) {
      for (let seed = 1; seed <= 10; seed++) {
        const sim = simulate(LATE_WIN, seed, c.budgetS * TRIAL_MS);
        const { pick, remeasured, budget } = await sim.run();
        expect(singlesOf(sim.trials)).toHaveLength(6);
        expect(sim.elapsed()).toBeLessThanOrEqual(c.budgetS * TRIAL_MS);
        expect(remeasured.get('memPattern=false')?.size ?? 0).toBe(c.rounds);
        expect(pick?.trial.key).toBe('memPattern=false');
        // The rounds left travel in the JSON too, so the recommendation can say why its gain is not established.
        expect(budget.stopped('s', 'dyno optimize')).toEqual({ reason: c.reason, message: c.message, ...('roundsLeft' in c ? { roundsLeft: c.roundsLeft } : {}) });
      }
    }
  });

  it('names as closest a finalist that lost when re-measured, not a single run that measured nearer the baseline but was never repeated', async () => {
    const trial = (key: string, phase: string, score: number, runId: string, candidate: Candidate): T => ({ key, phase, candidate, status: 'completed', score, runId });
    const baseline = trial('baseline', 'baseline', 10, 'b', {});
    // threads=1 beat the baseline once (a finalist) and lost over three rounds; optLevel=basic lost by 0.5 % in its one run.
    const lucky = trial('threads=1', 'single', 9.9, 'r1', { threads: 1 });
    const near = trial('optLevel=basic', 'single', 10.05, 'r2', { optLevel: 'basic' });
    const trials = [baseline, lucky, near];
    const single = (t: T): Gain => ({ gain: 10 / (t.score as number), ciLow: null, ciHigh: null });
    const judged = await judgeFinalists([lucky], byRound({ baseline: ['b1', 'b2', 'b3'], 'threads=1': ['c1', 'c2', 'c3'] }), async () => ({ gain: 0.97, ciLow: 0.95, ciHigh: 0.99 }), single);
    expect(pickFrom(judged)).toBeNull();
    expect(closestToBaseline(judged, trials, single)).toEqual({ trial: lucky, gain: { gain: 0.97, ciLow: 0.95, ciHigh: 0.99 }, rounds: 3 });
    // A finalist whose rounds did not happen is judged by its one run, and counts as one run.
    expect(await judgeFinalists([lucky], byRound({ baseline: [] }), async () => null, single)).toMatchObject([{ trial: lucky, rounds: 1, remeasuredRunIds: [] }]);
    // Nothing re-measured: the best single run, said to be one run.
    expect(closestToBaseline([], [baseline, near], single)).toEqual({ trial: near, gain: single(near), rounds: 1 });
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
      // Never re-measured: the outputs say it is one run.
      expect(closest?.rounds).toBe(1);
    }
  });

  it('keeps back the re-measurement of the winners found, so the rounds fit in the budget', async () => {
    for (const budgetS of [10, 12, 16, 20]) {
      const sim = simulate(REALISTIC, 7, budgetS * TRIAL_MS);
      const { remeasured } = await sim.run();
      expect(sim.elapsed()).toBeLessThanOrEqual(budgetS * TRIAL_MS);
      // Where a winner was found, the baseline was re-measured beside it in rounds enough for an interval.
      expect(remeasured.get('baseline')?.size ?? 0).toBeGreaterThanOrEqual(MIN_ROUNDS_TO_DECIDE);
    }
  });
});

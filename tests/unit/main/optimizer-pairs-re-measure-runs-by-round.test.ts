/**
 * The re-measurement pairs the baseline's and a finalist's runs by round, so that the drift the
 * interleaving is there to cancel is the same on both sides of each pair. A failed run leaves its
 * round out; when the baseline failed in one round and the finalist in another, both sides still
 * had as many runs, and pairing them by position set runs of different rounds side by side, so
 * the paired verdict read the machine's drift as a gain.
 *
 * The search phases run for real (searchFromBaseline, judgeFinalists) on a simulated machine
 * that slows down ×2 each round, and the judge is the comparison engine's paired interval.
 */
import { expect, it } from 'vitest';
import { candidateKey, type Candidate } from '../../../src/shared/optimizer/factors';
import { judgeFinalists, searchFromBaseline, TrialBudget, type SearchTrial, type SinglePlan } from '../../../src/main/optimizer/search-phases';
import { pairedRatioInterval } from '../../../src/shared/compare/t-tests';
import type { Gain } from '../../../src/shared/optimizer/search';

type T = SearchTrial<Candidate>;

it('pairs only the rounds where both sides have a run, when the baseline failed in round 2 and the finalist in round 3', async () => {
  const scoreOf = new Map<string, number>();
  const trials: T[] = [];
  const failIn = new Map([['baseline', 're-measure r2'], ['threads=1', 're-measure r3']]);
  const measure = async (phase: string, candidate: Candidate): Promise<T> => {
    const key = candidateKey(candidate);
    const round = Number(/^re-measure r(\d+)$/.exec(phase)?.[1] ?? 1);
    // threads=1 is truly 1.25× faster; the machine doubles every latency each round.
    const score = (candidate.threads === 1 ? 8 : 10) * 2 ** (round - 1);
    const runId = `${key}@${phase}`;
    scoreOf.set(runId, score);
    const t: T = { key, phase, candidate, status: failIn.get(key) === phase ? 'failed' : 'completed', score, runId };
    trials.push(t);
    return t;
  };
  const budget = new TrialBudget(3_600_000, () => 0, 4, 1);
  const plans: SinglePlan<Candidate, T>[] = [{ candidates: [{ threads: 1 }] }];
  const baseline = await measure('baseline', {});
  const { finalists, remeasured } = await searchFromBaseline({ plans, trials, baselineScore: baseline.score as number, keyOf: candidateKey, measure, budget, shouldStop: () => false });
  expect(finalists.map((f) => f.key)).toEqual(['threads=1']);

  const pairs: [string, string][] = [];
  const paired = async (b: string[], c: string[]): Promise<Gain | null> => {
    b.forEach((id, i) => pairs.push([id, c[i] as string]));
    const p = pairedRatioInterval(b.map((id, i) => (scoreOf.get(id) as number) / (scoreOf.get(c[i] as string) as number)));
    return p && { gain: p.ratio, ciLow: p.low, ciHigh: p.high };
  };
  const [judged] = await judgeFinalists(finalists, remeasured, paired, () => null);

  // Rounds 1 and 4 only: each pair from one round, so the drift cancels and the gain is the true 1.25.
  expect(pairs).toEqual([
    ['baseline@re-measure r1', 'threads=1@re-measure r1'],
    ['baseline@re-measure r4', 'threads=1@re-measure r4'],
  ]);
  expect(judged?.rounds).toBe(2);
  expect(judged?.gain.gain).toBeCloseTo(1.25, 12);
  expect(judged?.remeasuredRunIds).toEqual(['threads=1@re-measure r1', 'threads=1@re-measure r4']);
});

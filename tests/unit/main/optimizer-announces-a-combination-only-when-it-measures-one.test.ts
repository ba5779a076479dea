/**
 * `dyno optimize` printed an empty "combination:" header when fewer than two factors helped
 * (nothing to combine). The phase is announced just before the first combination is measured,
 * so each header the user reads has trials under it.
 */
import { describe, expect, it } from 'vitest';
import { candidateKey, type Candidate } from '../../../src/shared/optimizer/factors';
import { searchFromBaseline, TrialBudget, type SearchTrial, type SinglePlan } from '../../../src/main/optimizer/search-phases';

type T = SearchTrial<Candidate>;

/** Lower is better; `gains` divides the baseline's score by each level's factor (deterministic, no noise). */
async function phasesSeen(gains: Record<string, number>): Promise<string[]> {
  const trials: T[] = [];
  const log: string[] = [];
  const scoreOf = (c: Candidate): number => Object.entries(c).reduce((s, [k, v]) => s / (gains[`${k}=${String(v)}`] ?? 1), 100);
  const measure = async (phase: string, candidate: Candidate): Promise<T> => {
    log.push(`trial:${phase}`);
    const t: T = { key: candidateKey(candidate), phase, candidate, status: 'completed', score: scoreOf(candidate), runId: `r${trials.length}` };
    trials.push(t);
    return t;
  };
  const plans: SinglePlan<Candidate, T>[] = [{ candidates: [{ threads: 1 }, { threads: 2 }] }, { candidates: [{ optLevel: 'basic' }] }];
  await searchFromBaseline({ plans, trials, baselineScore: 100, keyOf: candidateKey, measure, budget: new TrialBudget(3_600_000, () => 0, 0, 0), onPhase: (p) => log.push(`phase:${p}`), shouldStop: () => false });
  return log;
}

describe('the optimizer announces a phase only when it measures something in it', () => {
  it('says nothing of a combination when only one factor helped', async () => {
    const log = await phasesSeen({ 'threads=1': 1.3 });
    expect(log).not.toContain('phase:combination');
    expect(log).not.toContain('trial:combine');
  });

  it('announces the combination right before its first trial when two factors helped', async () => {
    const log = await phasesSeen({ 'threads=1': 1.3, 'optLevel=basic': 1.2 });
    const at = log.indexOf('phase:combination');
    expect(at).toBeGreaterThan(log.lastIndexOf('trial:single'));
    expect(log[at + 1]).toBe('trial:combine');
    expect(log.filter((l) => l === 'phase:combination')).toHaveLength(1);
  });
});

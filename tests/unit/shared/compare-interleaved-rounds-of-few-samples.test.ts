/**
 * Interleaved rounds of runs too short for their own median interval (a command measured 2
 * times a round): the paired interval over the rounds' point medians still judges them, so
 * every round counts; round 1 alone must not stand for all of them.
 */
import { describe, expect, it } from 'vitest';
import { compareSides } from '../../../src/shared/compare/compare-sides';
import { MIN_ROUNDS_FOR_AN_INTERVAL, MIN_ROUNDS_TO_DECIDE, pairedRatioInterval } from '../../../src/shared/compare/t-tests';
import { syntheticRun } from '../../helpers/synthetic-runs';

// The reviewer's study: three rounds whose baseline/candidate ratios were 1.178, 0.997, 1.209.
const ROUND_GAINS = [1.178, 0.997, 1.209];
const rounds = (prefix: string, gains: readonly number[], candidate: boolean) =>
  gains.map((g, i) => syntheticRun({ id: `${prefix}${i}`, medianMs: candidate ? 1000 / g : 1000, iterationSigma: 0, iterations: 2, seed: 10 * i + prefix.length }));
const median = (c: ReturnType<typeof compareSides>) => c.runs[0]?.metrics.find((m) => m.metric === 'median');

describe('interleaved rounds of 2-sample runs', () => {
  it('3 rounds: a paired t interval over all three rounds, not round 1 alone', () => {
    const c = compareSides([rounds('a', ROUND_GAINS, false), rounds('bb', ROUND_GAINS, true)], { paired: true });
    expect(c.runs[0]?.evidence.level).toBe('interleaved');
    const m = median(c);
    const expected = pairedRatioInterval(ROUND_GAINS.map((g) => 1 / g));
    expect(m?.test).toBe('paired-t-log-ratio');
    expect(m?.ratio).toBeCloseTo(expected?.ratio ?? Number.NaN, 9);
    expect(m?.ratio).not.toBeCloseTo(1 / 1.178, 3);
    expect(m?.ciLow).toBeCloseTo(expected?.low ?? Number.NaN, 9);
    expect(m?.ciHigh).toBeCloseTo(expected?.high ?? Number.NaN, 9);
    // 0.997 in one round: the interval includes no gain, so the verdict does not call it.
    expect(m?.ciHigh).toBeGreaterThan(1);
    expect(m?.verdict).toBe('inconclusive');
    expect(m?.reason).toMatch(/over 3 rounds straddles/);
  });

  it('1 round: no interval, and the reason says one round gives none', () => {
    const c = compareSides([rounds('a', [1.178], false), rounds('bb', [1.178], true)], { paired: true });
    const m = median(c);
    expect(m?.ciLow).toBeNull();
    expect(m?.ciHigh).toBeNull();
    expect(m?.verdict).toBe('not enough samples');
    expect(m?.reason).toBe(`one round gives no interval: measure at least ${MIN_ROUNDS_FOR_AN_INTERVAL} rounds (${MIN_ROUNDS_TO_DECIDE} or more for one narrow enough to decide)`);
  });

  it('the rounds the reason asks for are the rounds the rule judges: the least it names gives an interval', () => {
    const gains = ROUND_GAINS.slice(0, MIN_ROUNDS_FOR_AN_INTERVAL);
    const m = median(compareSides([rounds('a', gains, false), rounds('bb', gains, true)], { paired: true }));
    expect(m?.test).toBe('paired-t-log-ratio');
    expect(m?.ciLow).not.toBeNull();
    expect(m?.ciHigh).not.toBeNull();
  });

  it('unpaired runs of 2 samples still have no median interval', () => {
    const c = compareSides([rounds('a', ROUND_GAINS, false), rounds('bb', ROUND_GAINS, true)]);
    expect(median(c)?.reason).toMatch(/fewer than 6 measured iterations/);
  });
});

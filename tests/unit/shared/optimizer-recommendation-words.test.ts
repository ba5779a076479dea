/**
 * The recommended change in words, as the result pages, report.md and the CLI say it: a gain
 * without an interval is "not established: no interval", never "the interval includes no gain".
 */
import { describe, expect, it } from 'vitest';
import { recommendationOpening, recommendedChangeSentence, roundsOf } from '../../../src/shared/optimizer/report-words';
import { MIN_ROUNDS_TO_DECIDE } from '../../../src/shared/compare/t-tests';

const gain = (ciLow: number | null, ciHigh: number | null) => ({ value: 1.178, ciLow, ciHigh, evidence: 'interleaved' });

describe('the recommended change in words', () => {
  it('established: the gain and its interval, nothing more', () => {
    expect(recommendedChangeSentence('fewer=on', 'wall time', gain(1.05, 1.3))).toBe('Change fewer=on: wall time 1.178× better than the baseline (95 % CI 1.050–1.300, interleaved).');
  });

  it('no interval: says so, and does not speak of an interval including no gain', () => {
    const s = recommendedChangeSentence('fewer=on', 'wall time', gain(null, null));
    expect(s).toBe('Change fewer=on: wall time 1.178× better than the baseline (no interval, interleaved). The improvement is not established: no interval (too few rounds or samples); measure more rounds.');
    expect(s).not.toMatch(/includes no gain/);
  });

  it('an interval reaching below 1: the interval includes no gain', () => {
    const s = recommendedChangeSentence('fewer=on', 'wall time', gain(0.89, 1.5));
    expect(s).toMatch(/\(95 % CI 0\.890–1\.500, interleaved\)\. The improvement is not established: the interval includes no gain; re-measure on a quieter machine\.$/);
  });

  it('too few rounds: names the cause (the time budget, or the rounds asked for), not a noisy machine', () => {
    const tail = (s: string): string => s.slice(s.indexOf(' The improvement'));
    // The time budget cut the re-measurement to 2 rounds: the interval is wide because of that.
    expect(tail(recommendedChangeSentence('fewer=on', 'wall time', gain(0.89, 1.5), undefined, { rounds: 2, budgetLeft: 2 }))).toBe(
      ` The improvement is not established: the interval includes no gain; the time budget left 2 rounds for re-measuring (${MIN_ROUNDS_TO_DECIDE} are needed to decide): give the search more time.`,
    );
    // It left none: one run each, no interval at all.
    expect(tail(recommendedChangeSentence('fewer=on', 'wall time', gain(null, null), undefined, { rounds: 0, budgetLeft: 0 }))).toBe(
      ' The improvement is not established: no interval (too few rounds or samples); the time budget left no rounds for re-measuring (3 are needed to decide): give the search more time.',
    );
    // 2 rounds were asked for (--rounds 2), the budget cut nothing.
    expect(tail(recommendedChangeSentence('fewer=on', 'wall time', gain(0.89, 1.5), undefined, { rounds: 2 }))).toBe(
      ' The improvement is not established: the interval includes no gain; it was re-measured over only 2 rounds (3 are needed to decide): ask for more rounds.',
    );
    expect(tail(recommendedChangeSentence('fewer=on', 'wall time', gain(null, null), undefined, { rounds: 0 }))).toBe(
      ' The improvement is not established: no interval (too few rounds or samples); it was not re-measured (3 are needed to decide): ask for more rounds.',
    );
    // Rounds enough to decide and still straddling no gain: then the machine's noise is the cause.
    expect(recommendedChangeSentence('fewer=on', 'wall time', gain(0.89, 1.5), undefined, { rounds: MIN_ROUNDS_TO_DECIDE })).toMatch(/includes no gain; re-measure on a quieter machine\.$/);
    // An established gain needs no advice, however it was measured.
    expect(recommendedChangeSentence('fewer=on', 'wall time', gain(1.05, 1.3), undefined, { rounds: 2, budgetLeft: 2 })).toBe('Change fewer=on: wall time 1.178× better than the baseline (95 % CI 1.050–1.300, interleaved).');
  });

  it('reads the rounds from the study document: the recommended runs after its first, and the budget cut from stopped', () => {
    const rec = { candidate: 'a=1', gainVsBaseline: gain(0.89, 1.5), runIds: ['single', 'r1', 'r2'] };
    expect(roundsOf({ recommended: rec, stopped: { roundsLeft: 2 } })).toEqual({ rounds: 2, budgetLeft: 2 });
    expect(roundsOf({ recommended: rec, stopped: {} })).toEqual({ rounds: 2, budgetLeft: undefined });
    expect(roundsOf({ recommended: null, stopped: { roundsLeft: 0 } })).toBeUndefined();
    const out: string[] = [];
    recommendationOpening(out, { noCandidate: null, recommended: rec, stopped: { roundsLeft: 2 } }, 'wall time', 'keep it');
    expect(out[0]).toMatch(/the time budget left 2 rounds for re-measuring \(3 are needed to decide\): give the search more time\.$/);
    expect(out[0]).not.toMatch(/quieter/);
  });

  it('report.md says the same sentence, the candidate in bold', () => {
    const out: string[] = [];
    const said = recommendationOpening(out, { noCandidate: null, recommended: { candidate: 'a=1 b=2', gainVsBaseline: gain(null, null) } }, 'wall time', 'keep it');
    expect(said).toBe(true);
    expect(out[0]).toBe(recommendedChangeSentence('a=1 b=2', 'wall time', gain(null, null), (c) => `**${c}**`));
    expect(out[0]).toMatch(/^Change \*\*a=1, b=2\*\*: /);
  });
});

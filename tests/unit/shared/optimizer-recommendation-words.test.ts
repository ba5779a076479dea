/**
 * The recommended change in words, as the result pages, report.md and the CLI say it: a gain
 * without an interval is "not established: no interval", never "the interval includes no gain".
 */
import { describe, expect, it } from 'vitest';
import { gainSuffix, recommendationOpening, recommendedChangeSentence } from '../../../src/shared/optimizer/report-words';

const gain = (ciLow: number | null, ciHigh: number | null) => ({ value: 1.178, ciLow, ciHigh, evidence: 'interleaved' });

describe('the recommended change in words', () => {
  it('established: the gain and its interval, nothing more', () => {
    expect(recommendedChangeSentence('fewer=on', 'wall time', gain(1.05, 1.3))).toBe('Change fewer=on: wall time 1.178× better than the baseline (95 % CI 1.050–1.300, interleaved).');
  });

  it('no interval: says so, and does not speak of an interval including no gain', () => {
    const s = recommendedChangeSentence('fewer=on', 'wall time', gain(null, null));
    expect(s).toBe('Change fewer=on: wall time 1.178× better than the baseline (no interval, interleaved). The improvement is not established: no interval (too few rounds or samples); measure more rounds.');
    expect(s).not.toMatch(/includes no gain/);
    expect(gainSuffix(gain(null, null))).toBe('(no interval, interleaved; not established: no interval (too few rounds or samples))');
  });

  it('an interval reaching below 1: the interval includes no gain', () => {
    const s = recommendedChangeSentence('fewer=on', 'wall time', gain(0.89, 1.5));
    expect(s).toMatch(/\(95 % CI 0\.890–1\.500, interleaved\)\. The improvement is not established: the interval includes no gain; re-measure on a quieter machine\.$/);
    expect(gainSuffix(gain(0.89, 1.5))).toBe('(95 % CI 0.890–1.500, interleaved; not established: the interval includes no gain)');
  });

  it('report.md says the same sentence, the candidate in bold', () => {
    const out: string[] = [];
    const said = recommendationOpening(out, { noCandidate: null, recommended: { candidate: 'a=1 b=2', gainVsBaseline: gain(null, null) } }, 'wall time', 'keep it');
    expect(said).toBe(true);
    expect(out[0]).toBe(recommendedChangeSentence('a=1 b=2', 'wall time', gain(null, null), (c) => `**${c}**`));
    expect(out[0]).toMatch(/^Change \*\*a=1, b=2\*\*: /);
  });
});

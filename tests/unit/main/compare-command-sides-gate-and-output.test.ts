/**
 * `dyno compare`'s command-line pieces: how refs become sides and which is the baseline, which
 * comparisons the --fail-if-slower gate fails (only a lower bound beyond the limit), and the
 * text and Markdown it prints (labels cannot break the Markdown table).
 */
import { describe, expect, it } from 'vitest';
import { regressionLine, regressions, sidesOf } from '../../../src/main/cli/compare';
import { compareSides } from '../../../src/shared/compare/compare-sides';
import { NotComparableError } from '../../../src/shared/compare/comparable-run';
import { comparisonMarkdown, comparisonText } from '../../../src/shared/compare/render';
import { syntheticRun } from '../../helpers/synthetic-runs';

describe('sides from the command line', () => {
  it('each ref is a side, commas join repeated runs, the first is the baseline', () => {
    expect(sidesOf(['a', 'b1,b2, b3', 'c'], undefined)).toEqual({ sides: [['a'], ['b1', 'b2', 'b3'], ['c']], baselineIndex: 0 });
  });

  it('--baseline picks one of the sides, or adds itself as the first', () => {
    expect(sidesOf(['a', 'b', 'c'], 'b')).toEqual({ sides: [['a'], ['b'], ['c']], baselineIndex: 1 });
    expect(sidesOf(['a1,a2', 'b'], 'a1,a2').baselineIndex).toBe(0);
    expect(sidesOf(['b'], 'x1,x2')).toEqual({ sides: [['x1', 'x2'], ['b']], baselineIndex: 0 });
  });
});

const base = syntheticRun({ id: 'base', medianMs: 10, seed: 1 });
const slow = syntheticRun({ id: 'slow | "x"', medianMs: 20, seed: 2, config: { label: 'a|b' } });
const same = syntheticRun({ id: 'same', medianMs: 10.5, seed: 3 });
const c = compareSides([[base], [slow], [same]]);

describe('a run compared with itself', () => {
  it('is refused, on two sides or twice on one (what the studio says of #/compare/a,a)', () => {
    expect(() => compareSides([[base], [base]])).toThrow(new NotComparableError('Run base is named twice, and a run cannot be compared with itself.'));
    expect(() => compareSides([[base, same], [slow, same]])).toThrow('Run same is named twice');
    expect(() => compareSides([[base, base], [slow]])).toThrow('Run base is named twice');
  });
});

describe('the --fail-if-slower gate', () => {
  it('fails only a run whose interval’s lower bound is beyond the limit', () => {
    const [s, m] = c.runs;
    expect(s?.ciLow).toBeGreaterThan(1.05);
    expect(m?.ciLow).toBeLessThan(1.05); // 5 % slower in median, but inside run-to-run variation
    expect(regressions(c, 5).map((r) => r.runId)).toEqual(['slow | "x"']);
    expect(regressions(c, ((s?.ciLow ?? 0) - 1) * 100 + 1)).toEqual([]);
    expect(regressionLine(s as (typeof c.runs)[number], 5)).toMatch(/^regression: median \d+\.\d% slower than the baseline \(limit 5%\): at least \d+\.\d% by the 95 % interval \(run slow \| "x" \(a\|b\)\)$/);
  });
});

describe('text and Markdown', () => {
  it('text: the baseline, then each sentence with its evidence and what differs', () => {
    const text = comparisonText(c);
    expect(text.split('\n')[0]).toBe('baseline: run base (tiny.onnx); practical threshold ±1.0 %');
    expect(text).toMatch(/run slow \| "x" \(a\|b\) is \d\.\d\d× slower than run base \(95 % CI \d\.\d\d–\d\.\d\d\) \[single runs, run-to-run ±30 % by default\]/);
    expect(text).toContain('    setting: Label (--label) (unset) → a|b');
  });

  it('Markdown: one table row per run, pipes in labels escaped', () => {
    const md = comparisonMarkdown(c);
    const rows = md.split('\n').filter((l) => l.startsWith('| run '));
    expect(rows[0]).toBe('| run | verdict | median ratio | 95 % CI | p | evidence |');
    expect(rows[1]).toMatch(/^\| run slow \\\| "x" \(a\\\|b\) \| slower \| \d\.\d{3} \| \d\.\d{3}–\d\.\d{3} \| — \| single runs, run-to-run ±30 % by default \|$/);
    expect(md.split('\n').filter((l) => /^\| run (slow|same)/.test(l))).toHaveLength(2);
  });
});

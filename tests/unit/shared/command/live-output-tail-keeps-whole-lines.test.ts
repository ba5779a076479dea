import { describe, expect, it } from 'vitest';
import { joinOutput, keepTail } from '../../../../src/shared/command/live';

describe('a live output tail', () => {
  it('is the text itself while it fits', () => {
    expect(keepTail('a\nb\n', 10)).toEqual({ text: 'a\nb\n', cut: 0 });
  });

  it('starts at a line when it must be cut, and counts what went', () => {
    expect(keepTail('first line\nsecond\nthird\n', 10)).toEqual({ text: 'third\n', cut: 18 });
    // The cut falls just after a newline: nothing more to drop.
    expect(keepTail('0123456789\nabc\n', 4)).toEqual({ text: 'abc\n', cut: 11 });
  });

  it('keeps the end of one line longer than the bound rather than nothing', () => {
    expect(keepTail('abcdefghij\n', 4)).toEqual({ text: 'hij\n', cut: 7 });
    expect(keepTail('abcdefghij', 4)).toEqual({ text: 'ghij', cut: 6 });
  });

  it('joins two chunks under the later one’s tag, adding up what either left out', () => {
    const tag = { phase: 'measure' as const, stream: 'stdout' as const };
    const joined = joinOutput({ ...tag, i: 1, text: 'aaaa\nbbbb\n', dropped: 5 }, { ...tag, i: 2, text: 'cc\n', dropped: 1 }, 8);
    expect(joined).toEqual({ ...tag, i: 2, text: 'bbbb\ncc\n', dropped: 5 + 1 + 5 });
  });
});

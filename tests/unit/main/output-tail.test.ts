import { describe, expect, it } from 'vitest';
import { lastLines, OutputTail } from '../../../src/main/executor/command/output-tail';
import { SeriesKeeper } from '../../../src/main/executor/command/series-keeper';

describe('a run\'s output, bounded', () => {
  it('hands complete lines on across chunk boundaries and keeps only the tail', () => {
    const lines: string[] = [];
    const out = new OutputTail((l) => lines.push(l), 10, 100);
    out.push('first li');
    out.push('ne\r\nsecond\nthi');
    out.end();
    expect(lines).toEqual(['first line', 'second', 'thi']);
    expect(out.text).toBe('\nsecond\nthi'.slice(-10));
    expect(out.bytes).toBe(22);
  });

  it('keeps a tail that opens at a line\'s start, as the live output does (the finished run\'s output opened mid-line)', () => {
    const out = new OutputTail(() => undefined, 64, 100);
    for (let i = 1; i <= 200; i++) out.push(`line ${i}\n`);
    expect(out.text.length).toBeLessThanOrEqual(64);
    expect(out.text).toMatch(/^line \d+\n/);
    expect(out.text.endsWith('line 199\nline 200\n')).toBe(true);
  });

  it('cuts a line without newlines at the limit, so a flood cannot grow memory', () => {
    const lines: string[] = [];
    const out = new OutputTail((l) => lines.push(l), 50, 20);
    for (let i = 0; i < 1000; i++) out.push('x'.repeat(1000));
    out.push('\nok\n');
    expect(lines).toEqual(['x'.repeat(20), 'ok']);
    expect(out.text.length).toBeLessThanOrEqual(50);
    expect(out.text.endsWith('ok\n')).toBe(true);
  });

  it('quotes the last lines of a tail', () => {
    expect(lastLines('a\nb\nc\nd\ne\nf\n', 2)).toBe('e\nf');
    expect(lastLines('y'.repeat(10), 5, 4)).toBe('…yyyy');
  });

  it('keeps a long metric series in fixed memory, first and last points included in shape', () => {
    const keep = new SeriesKeeper(100);
    for (let i = 0; i < 10_000; i++) keep.add({ name: 'loss', value: i, tS: i, step: i });
    expect(keep.points.length).toBeLessThan(100);
    expect(keep.points[0]?.step).toBe(0);
    expect(keep.points.at(-1)?.step).toBeGreaterThan(9_500);
  });
});

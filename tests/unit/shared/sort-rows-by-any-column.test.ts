/** The profile tables' sort: numbers by value, text by locale, stable ties, flip on a second click. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ariaSort, nextSort, sortRows } from '../../../src/shared/sort-rows';

const ops = [
  { opType: 'MatMul', nodes: 3, ms: 0.5 },
  { opType: 'Add', nodes: 3, ms: 0.05 },
  { opType: 'Relu', nodes: 2, ms: 0.5 },
  { opType: 'conv', nodes: 10, ms: 2 },
];

describe('sortRows', () => {
  it('sorts numbers by value (not as text) and keeps ties in their given order', () => {
    expect(sortRows(ops, { key: 'ms', dir: 'desc' }).map((r) => r.opType)).toEqual(['conv', 'MatMul', 'Relu', 'Add']);
    expect(sortRows(ops, { key: 'nodes', dir: 'asc' }).map((r) => r.opType)).toEqual(['Relu', 'MatMul', 'Add', 'conv']);
  });

  it('sorts text by locale, case aside', () => {
    expect(sortRows(ops, { key: 'opType', dir: 'asc' }).map((r) => r.opType)).toEqual(['Add', 'conv', 'MatMul', 'Relu']);
    expect(sortRows(ops, { key: 'opType', dir: 'desc' }).map((r) => r.opType)).toEqual(['Relu', 'MatMul', 'conv', 'Add']);
  });

  it('is a permutation, ordered, and leaves its input as it was', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ v: fc.double({ noNaN: true }) })), fc.constantFrom('asc' as const, 'desc' as const), (rows, dir) => {
        const copy = structuredClone(rows);
        const sorted = sortRows(rows, { key: 'v', dir });
        expect(rows).toEqual(copy);
        expect([...sorted].sort((a, b) => a.v - b.v)).toEqual([...rows].sort((a, b) => a.v - b.v));
        for (let i = 1; i < sorted.length; i++) expect(dir === 'asc' ? sorted[i]!.v >= sorted[i - 1]!.v : sorted[i]!.v <= sorted[i - 1]!.v).toBe(true);
      }),
    );
  });
});

describe('nextSort and ariaSort', () => {
  it('a second click flips the column; another column starts at its own first direction', () => {
    const byTime = { key: 'ms', dir: 'desc' } as const;
    expect(nextSort(byTime, 'ms', 'desc')).toEqual({ key: 'ms', dir: 'asc' });
    expect(nextSort({ key: 'ms', dir: 'asc' }, 'ms', 'desc')).toEqual({ key: 'ms', dir: 'desc' });
    expect(nextSort(byTime, 'opType', 'asc')).toEqual({ key: 'opType', dir: 'asc' });
    expect([ariaSort(byTime, 'ms'), ariaSort({ key: 'ms', dir: 'asc' }, 'ms'), ariaSort(byTime, 'opType')]).toEqual(['descending', 'ascending', 'none']);
  });
});

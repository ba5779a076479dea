/** The Sessions list's multi-selection: what each click and key does, as file managers do it. */
import { describe, expect, it } from 'vitest';
import { clickRow, EMPTY_SELECTION, keyRow, reconcile, selectedInOrder, type Selection } from '../../../src/renderer/src/sessions/selection';

const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const sel = (s: Selection): string[] => selectedInOrder(s, ids);

describe('clicks', () => {
  it('a click selects one row; Ctrl-click toggles rows; Shift-click selects from the anchor', () => {
    let s = clickRow(EMPTY_SELECTION, ids, 1);
    expect(sel(s)).toEqual(['b']);
    s = clickRow(s, ids, 3, { toggle: true });
    expect(sel(s)).toEqual(['b', 'd']);
    s = clickRow(s, ids, 5, { shift: true });
    expect(sel(s)).toEqual(['d', 'e', 'f']); // from the anchor (d), replacing the rest
    s = clickRow(s, ids, 0, { shift: true, toggle: true });
    expect(sel(s)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']); // Ctrl+Shift adds the range
    s = clickRow(s, ids, 2, { toggle: true });
    expect(sel(s)).toEqual(['a', 'b', 'd', 'e', 'f']);
    expect(s.cursor).toBe(2);
  });

  it('a Shift-click with no anchor selects the row alone', () => {
    expect(sel(clickRow(EMPTY_SELECTION, ids, 4, { shift: true }))).toEqual(['e']);
  });
});

describe('keys', () => {
  it('arrows move a single selection; Shift+arrows extend from the anchor; Home and End jump', () => {
    let s = keyRow(EMPTY_SELECTION, ids, 'ArrowDown')!;
    expect([sel(s), s.cursor]).toEqual([['a'], 0]);
    s = keyRow(s, ids, 'ArrowDown')!;
    expect(sel(s)).toEqual(['b']);
    s = keyRow(s, ids, 'ArrowDown', { shift: true })!;
    s = keyRow(s, ids, 'ArrowDown', { shift: true })!;
    expect(sel(s)).toEqual(['b', 'c', 'd']);
    s = keyRow(s, ids, 'ArrowUp', { shift: true })!;
    expect(sel(s)).toEqual(['b', 'c']);
    s = keyRow(s, ids, 'End')!;
    expect([sel(s), s.cursor]).toEqual([['f'], 5]);
    s = keyRow(s, ids, 'ArrowDown')!;
    expect(s.cursor).toBe(5); // stays on the last row
    s = keyRow(s, ids, 'Home', { shift: true })!;
    expect(sel(s)).toEqual(ids);
  });

  it('Ctrl+arrows move the cursor alone and Space toggles its row: rows that are not neighbours', () => {
    let s = keyRow(EMPTY_SELECTION, ids, 'ArrowDown')!;
    s = keyRow(s, ids, 'ArrowDown', { toggle: true })!;
    s = keyRow(s, ids, 'ArrowDown', { toggle: true })!;
    expect([sel(s), s.cursor]).toEqual([['a'], 2]);
    s = keyRow(s, ids, ' ')!;
    expect(sel(s)).toEqual(['a', 'c']);
    s = keyRow(s, ids, ' ')!;
    expect(sel(s)).toEqual(['a']);
  });

  it('Ctrl+A selects every row, Escape clears, Page keys move by a page, other keys are not handled', () => {
    let s = keyRow(EMPTY_SELECTION, ids, 'a', { toggle: true })!;
    expect(sel(s)).toEqual(ids);
    s = keyRow(s, ids, 'Escape')!;
    expect(sel(s)).toEqual([]);
    s = keyRow({ selected: new Set(), cursor: 0 }, ids, 'PageDown', {}, 4)!;
    expect(s.cursor).toBe(4);
    expect(keyRow(s, ids, 'x')).toBeUndefined();
    expect(keyRow(s, [], 'ArrowDown')).toBeUndefined();
  });
});

it('keeps only what is still listed, with the cursor inside the list, after the list changes', () => {
  const s: Selection = { selected: new Set(['b', 'e', 'f']), anchor: 5, cursor: 5 };
  const after = reconcile(s, ['a', 'b', 'c']);
  expect([...after.selected]).toEqual(['b']);
  expect(after.cursor).toBe(2);
  expect(after.anchor).toBe(2);
});

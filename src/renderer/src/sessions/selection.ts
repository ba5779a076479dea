/**
 * Multi-selection over a list of ids, as file managers do it: click selects one, Ctrl/Cmd-click
 * toggles one, Shift-click selects the range from the anchor; arrows move the cursor (Shift
 * extends), Space toggles the cursor's row, Ctrl/Cmd+A selects all, Home/End and Page keys jump.
 * Pure: the list store keeps the state, the list component turns events into these calls.
 */
export interface Selection {
  readonly selected: ReadonlySet<string>;
  /** Where a Shift range starts (the last row clicked or toggled). */
  readonly anchor?: number;
  /** The row the keyboard is on. */
  readonly cursor?: number;
}

export interface Modifiers {
  shift?: boolean;
  /** Ctrl on Linux and Windows, Cmd on macOS. */
  toggle?: boolean;
}

export const EMPTY_SELECTION: Selection = { selected: new Set() };

const clamp = (i: number, n: number): number => Math.max(0, Math.min(n - 1, i));

function range(ids: readonly string[], a: number, b: number): Set<string> {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return new Set(ids.slice(lo, hi + 1));
}

export function clickRow(sel: Selection, ids: readonly string[], index: number, mods: Modifiers = {}): Selection {
  const id = ids[index];
  if (id === undefined) return sel;
  if (mods.shift) {
    const anchor = sel.anchor ?? index;
    const extended = range(ids, anchor, index);
    if (mods.toggle) for (const s of sel.selected) extended.add(s);
    return { selected: extended, anchor, cursor: index };
  }
  if (mods.toggle) {
    const next = new Set(sel.selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return { selected: next, anchor: index, cursor: index };
  }
  return { selected: new Set([id]), anchor: index, cursor: index };
}

/** Answers the new selection, or undefined for a key this does not handle. */
export function keyRow(sel: Selection, ids: readonly string[], key: string, mods: Modifiers = {}, pageRows = 10): Selection | undefined {
  const n = ids.length;
  if (n === 0) return undefined;
  if (key === 'a' && mods.toggle) return { selected: new Set(ids), anchor: sel.anchor ?? 0, cursor: sel.cursor ?? 0 };
  if (key === 'Escape') return { selected: new Set(), ...(sel.cursor !== undefined ? { cursor: sel.cursor } : {}) };
  const from = sel.cursor ?? -1;
  if (key === ' ') {
    const at = clamp(from, n);
    return clickRow(sel, ids, at, { toggle: true });
  }
  const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: pageRows, PageUp: -pageRows, Home: -n, End: n };
  const step = steps[key];
  if (step === undefined) return undefined;
  const to = from < 0 && step > 0 && step < n ? 0 : clamp(from + step, n);
  if (mods.shift) {
    const anchor = sel.anchor ?? clamp(from, n);
    return { selected: range(ids, anchor, to), anchor, cursor: to };
  }
  // Ctrl+arrows move the cursor alone, so Space can add rows that are not next to each other.
  if (mods.toggle) return { ...sel, cursor: to };
  return clickRow(sel, ids, to);
}

/** The selected ids in list order (the order compare and reports use). */
export function selectedInOrder(sel: Selection, ids: readonly string[]): string[] {
  return ids.filter((id) => sel.selected.has(id));
}

/** After the list changed (a filter, a delete): keep what is still there, the cursor near where it was. */
export function reconcile(sel: Selection, ids: readonly string[]): Selection {
  const present = new Set(ids);
  const selected = new Set([...sel.selected].filter((id) => present.has(id)));
  const cursor = sel.cursor === undefined || ids.length === 0 ? undefined : clamp(sel.cursor, ids.length);
  return { selected, ...(cursor !== undefined ? { cursor } : {}), ...(sel.anchor !== undefined && ids.length > 0 ? { anchor: clamp(sel.anchor, ids.length) } : {}) };
}

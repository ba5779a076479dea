/**
 * Sorting a table by one of its columns, as the studio's sortable tables do it (the profile's
 * operator tables): numbers by value, text by locale, ties kept in their given order, and a
 * click on the sorted column flips its direction while a new column starts from its own default.
 */
export type SortDir = 'asc' | 'desc';
export interface SortState<K extends string> {
  key: K;
  dir: SortDir;
}

export function sortRows<T extends Record<K, unknown>, K extends string>(rows: readonly T[], sort: SortState<K>): T[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const compare = (a: unknown, b: unknown): number => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)));
  return rows
    .map((row, i) => ({ row, i }))
    .sort((x, y) => sign * compare(x.row[sort.key], y.row[sort.key]) || x.i - y.i)
    .map(({ row }) => row);
}

/** The sort after a click on `key`: the same column flips; another starts at `firstDir` (numbers: largest first). */
export function nextSort<K extends string>(current: SortState<K>, key: K, firstDir: SortDir): SortState<K> {
  return current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: firstDir };
}

/** The `aria-sort` value of a column header. */
export function ariaSort<K extends string>(current: SortState<K>, key: K): 'ascending' | 'descending' | 'none' {
  return current.key !== key ? 'none' : current.dir === 'asc' ? 'ascending' : 'descending';
}

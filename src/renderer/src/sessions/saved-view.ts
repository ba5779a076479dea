/**
 * The Sessions list's filters and sort, kept in the browser's storage so they survive a reload
 * (and a restart of the desktop app; in `dyno serve` the storage is per origin, so per port).
 * What is read back is validated with the contract's schemas: a value from an older or foreign
 * version is dropped, never sent to the host.
 */
import { z } from 'zod';
import { RunFilterSchema, RunSortSchema, type RunFilter, type RunSort } from '../../../shared/sessions/run-query';

export const SAVED_VIEW_KEY = 'dyno.sessions.view.v1';

const SavedViewSchema = z.object({ filter: RunFilterSchema, sort: RunSortSchema });
export type SavedView = { filter: RunFilter; sort: RunSort };

/** The part of the Web Storage API used here (localStorage in the page). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Storage can be absent or refuse (a sandboxed page, a full quota): then nothing is kept, and nothing breaks. */
function storage(): KeyValueStorage | undefined {
  try {
    return (globalThis as { localStorage?: KeyValueStorage }).localStorage;
  } catch {
    return undefined;
  }
}

export function loadSavedView(fallback: SavedView, from: KeyValueStorage | undefined = storage()): SavedView {
  try {
    const text = from?.getItem(SAVED_VIEW_KEY);
    if (!text) return fallback;
    const parsed = SavedViewSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: dropped below.
  }
  from?.removeItem(SAVED_VIEW_KEY);
  return fallback;
}

export function saveView(view: SavedView, to: KeyValueStorage | undefined = storage()): void {
  try {
    to?.setItem(SAVED_VIEW_KEY, JSON.stringify(view));
  } catch {
    // A full or refused storage only loses the saved filters.
  }
}

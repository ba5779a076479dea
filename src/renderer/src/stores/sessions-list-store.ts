/**
 * The Sessions list: the filter and sort, the ids of every run they keep (the list's rows, in
 * order), the rows' data fetched a page at a time as they scroll into view, the selection, and
 * the list's actions (edit, delete with undo, restore, re-run). The run open in detail lives in
 * sessions-store; this store opens it when the selection comes down to one run.
 */
import { create } from 'zustand';
import type { Run } from '../../../shared/run';
import type { RunFacets, RunFilter, RunMetaPatch, RunSort, RunSortKey } from '../../../shared/sessions/run-query';
import type { StudySummary } from '../../../shared/study';
import { api } from '../api';
import { failure, type Failure } from './failure';
import { useSessions } from './sessions-store';
import { useToast } from './toast-store';
import { loadSavedView, saveView } from '../sessions/saved-view';
import { clickRow, EMPTY_SELECTION, keyRow, reconcile, selectedInOrder, type Modifiers, type Selection } from '../sessions/selection';

export const PAGE_ROWS = 100;

interface ListState {
  filter: RunFilter;
  sort: RunSort;
  ids: string[];
  loaded: boolean;
  rows: Readonly<Record<string, Run>>;
  facets?: RunFacets;
  studies: Readonly<Record<string, StudySummary>>;
  selection: Selection;
  /** Set while the selection is a study's runs, picked as such (its address is the study's). */
  openStudyId?: string;
  /** The list could not be loaded. */
  listFailure?: Failure;
  /** An edit, delete, restore or re-run the host refused. */
  actionFailure?: Failure;
  load(): Promise<void>;
  setFilter(patch: Partial<RunFilter>): void;
  clearFilters(): void;
  sortBy(by: RunSortKey): void;
  ensureRows(first: number, last: number): void;
  click(index: number, mods: Modifiers): void;
  key(key: string, mods: Modifiers, pageRows: number): boolean;
  selectIds(ids: readonly string[]): void;
  /** Selects every listed run of one study (a sweep's points). */
  selectStudy(studyId: string): Promise<void>;
  selectedIds(): string[];
  onRun(run: Run): void;
  update(runId: string, patch: RunMetaPatch): Promise<boolean>;
  deleteSelected(): Promise<void>;
  rerun(runId: string): Promise<string | undefined>;
}

/** Bumped whenever the list's order changes, so a page fetched for an older order is dropped. */
let generation = 0;
const pagesInFlight = new Set<number>();
let reloadTimer: number | undefined;

export const useSessionsList = create<ListState>((set, get) => {
  const fetchIds = async (): Promise<void> => {
    const mine = ++generation;
    pagesInFlight.clear();
    const { filter, sort } = get();
    try {
      const [{ ids }, facets, studies] = await Promise.all([
        api.call('runs.ids', { filter, sort }),
        api.call('runs.facets', {}),
        api.call('studies.list', {}),
      ]);
      if (mine !== generation) return;
      const selection = reconcile(get().selection, ids);
      set({ ids, facets, studies: Object.fromEntries(studies.map((s) => [s.id, s])), loaded: true, selection, listFailure: undefined });
    } catch (err) {
      if (mine === generation) set({ listFailure: failure('Could not load the stored runs', err, () => get().load()) });
    }
  };

  const selectionChanged = (selection: Selection, openStudyId?: string): void => {
    set({ selection, openStudyId });
    const only = selection.selected.size === 1 ? [...selection.selected][0] : undefined;
    if (only !== undefined && useSessions.getState().selectedId !== only) void useSessions.getState().select(only);
  };

  const selectIdsOf = (ids: readonly string[], studyId?: string): void => {
    const first = get().ids.findIndex((id) => ids.includes(id));
    selectionChanged({ selected: new Set(ids), ...(first >= 0 ? { anchor: first, cursor: first } : {}) }, studyId);
  };

  const act = async <T>(what: string, call: () => Promise<T>): Promise<T | undefined> => {
    try {
      const result = await call();
      set({ actionFailure: undefined });
      return result;
    } catch (err) {
      set({ actionFailure: failure(what, err) });
      return undefined;
    }
  };

  const saved = loadSavedView({ filter: {}, sort: { by: 'createdAt', dir: 'desc' } });
  /** The filters and sort survive a reload (sessions/saved-view.ts). */
  const keepView = (): void => saveView({ filter: get().filter, sort: get().sort });

  return {
    filter: saved.filter,
    sort: saved.sort,
    ids: [],
    loaded: false,
    rows: {},
    studies: {},
    selection: EMPTY_SELECTION,
    load: fetchIds,
    setFilter: (patch) => {
      const merged: Record<string, unknown> = { ...get().filter, ...patch };
      for (const k of Object.keys(merged)) if (merged[k] === undefined || merged[k] === '') delete merged[k];
      set({ filter: merged as RunFilter });
      keepView();
      void fetchIds();
    },
    clearFilters: () => {
      set({ filter: {} });
      keepView();
      void fetchIds();
    },
    sortBy: (by) => {
      const { sort } = get();
      // A new column starts with the order a user wants first: figures high to low, names A to Z.
      const firstDir = ['model', 'label', 'provider', 'scenario', 'status'].includes(by) ? 'asc' : 'desc';
      set({ sort: sort.by === by ? { by, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { by, dir: firstDir } });
      keepView();
      void fetchIds();
    },
    ensureRows: (first, last) => {
      const { ids, rows, filter, sort } = get();
      const mine = generation;
      for (let page = Math.floor(Math.max(0, first) / PAGE_ROWS); page * PAGE_ROWS <= Math.min(last, ids.length - 1); page++) {
        const offset = page * PAGE_ROWS;
        const slice = ids.slice(offset, offset + PAGE_ROWS);
        if (pagesInFlight.has(offset) || slice.every((id) => rows[id])) continue;
        pagesInFlight.add(offset);
        api
          .call('runs.list', { filter, sort, offset, limit: PAGE_ROWS })
          .then((runs) => {
            if (mine !== generation) return;
            set({ rows: { ...get().rows, ...Object.fromEntries(runs.map((r) => [r.id, r])) } });
          })
          .catch((err: unknown) => {
            if (mine === generation) set({ listFailure: failure('Could not load the stored runs', err, () => get().load()) });
          })
          .finally(() => pagesInFlight.delete(offset));
      }
    },
    click: (index, mods) => selectionChanged(clickRow(get().selection, get().ids, index, mods)),
    key: (key, mods, pageRows) => {
      const next = keyRow(get().selection, get().ids, key, mods, pageRows);
      if (!next) return false;
      selectionChanged(next);
      return true;
    },
    selectIds: (ids) => selectIdsOf(ids),
    selectStudy: async (studyId) => {
      const found = await act('Could not select the study', () => api.call('runs.ids', { filter: { ...get().filter, studyId }, sort: get().sort }));
      if (found) selectIdsOf(found.ids, studyId);
    },
    selectedIds: () => selectedInOrder(get().selection, get().ids),
    onRun: (run) => {
      const known = get().rows[run.id];
      if (known) {
        // Events carry what the queue knows; the label, notes and tags are the store's.
        const { label, notes, tags } = known;
        set({ rows: { ...get().rows, [run.id]: { ...run, ...(label !== undefined ? { label } : {}), ...(notes !== undefined ? { notes } : {}), ...(tags ? { tags } : {}) } } });
      } else {
        // A new run: where it lands depends on the filter and sort, which the host applies.
        window.clearTimeout(reloadTimer);
        reloadTimer = window.setTimeout(() => void fetchIds(), 300);
      }
    },
    update: async (runId, patch) => {
      const run = await act(`Could not save the changes to run ${runId}`, () => api.call('runs.update', { runId, patch }));
      if (!run) return false;
      set({ rows: { ...get().rows, [run.id]: run } });
      useSessions.getState().onEdited(run);
      void api.call('runs.facets', {}).then((facets) => set({ facets }), () => undefined);
      return true;
    },
    deleteSelected: async () => {
      const runIds = get().selectedIds();
      if (runIds.length === 0) return;
      const result = await act('Could not delete', () => api.call('runs.delete', { runIds }));
      if (!result) return;
      await fetchIds();
      const n = result.deleted.length;
      useToast.getState().show(`Deleted ${n} run${n === 1 ? '' : 's'}.`, {
        label: 'Undo',
        run: async () => {
          const restored = await act('Could not restore', () => api.call('runs.restore', { runIds: result.deleted }));
          if (!restored) return;
          await fetchIds();
          get().selectIds(restored.restored);
          useToast.getState().show(`Restored ${restored.restored.length} run${restored.restored.length === 1 ? '' : 's'}.`);
        },
      });
    },
    rerun: async (runId) => {
      const started = await act(`Could not re-run ${runId}`, () => api.call('runs.rerun', { runId }));
      if (started) useToast.getState().show(`Re-running as ${started.runId}.`);
      return started?.runId;
    },
  };
});

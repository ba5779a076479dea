/**
 * The recently opened models the host remembers. Refetched whenever a model other than a
 * bundled sample has been opened (the host has just remembered it), so the list is never
 * behind the model shown; a failed
 * fetch keeps the last list and says why.
 */
import { create } from 'zustand';
import type { RecentModel } from '../../../shared/recent-model';
import { api } from '../api';
import { useModel } from './model-store';
import { useApp } from './app-store';

interface RecentModelsState {
  models: RecentModel[];
  error?: string;
  refresh(): Promise<void>;
}

export const useRecentModels = create<RecentModelsState>((set) => {
  let latest = 0;
  return {
    models: [],
    refresh: async () => {
      // Only the newest answer is kept: an older, slower one must not replace it.
      const ticket = ++latest;
      try {
        const models = await api.call('models.recent', {});
        if (ticket === latest) set({ models, error: undefined });
      } catch (err) {
        if (ticket === latest) set({ error: err instanceof Error ? err.message : String(err) });
      }
    },
  };
});

useModel.subscribe((state, previous) => {
  // A bundled sample is listed apart from the recent models (the host leaves samples out), so
  // opening one cannot change the list: no second models.recent on a first load.
  if (!state.model || state.model === previous.model) return;
  const path = state.model.path;
  if (useApp.getState().samples.some((s) => s.path === path)) return;
  void useRecentModels.getState().refresh();
});

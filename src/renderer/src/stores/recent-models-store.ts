/**
 * The recently opened models the host remembers. Refetched whenever a model has been opened
 * (the host has just remembered it), so the list is never behind the model shown; a failed
 * fetch keeps the last list and says why.
 */
import { create } from 'zustand';
import type { RecentModel } from '../../../shared/recent-model';
import { api } from '../api';
import { useModel } from './model-store';

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
  if (state.model && state.model !== previous.model) void useRecentModels.getState().refresh();
});

/** A model's history (its measured runs over time) for the filters the Sessions list has set. */
import { create } from 'zustand';
import type { RunFilter } from '../../../shared/sessions/run-query';
import { historyTrend, type TrendPoint } from '../../../shared/sessions/history-trend';
import { api } from '../api';
import { failure, type Failure } from './failure';

let latest = 0;

export const useHistory = create<{ model?: string; points: TrendPoint[]; failure?: Failure; load(filter: RunFilter): Promise<void> }>((set, get) => ({
  points: [],
  load: async (filter) => {
    const mine = ++latest;
    if (!filter.model) {
      set({ model: undefined, points: [], failure: undefined });
      return;
    }
    // The list's own filters narrow the history too (a configuration, a machine), but not its search words.
    const { text: _words, ...narrowing } = filter;
    try {
      const points = await api.call('runs.history', { filter: narrowing });
      if (mine === latest) set({ model: filter.model, points: historyTrend(points), failure: undefined });
    } catch (err) {
      if (mine === latest) set({ failure: failure(`Could not load the history of ${filter.model}`, err, () => get().load(filter)) });
    }
  },
}));

/**
 * The bin of deleted runs as Sessions shows it (`bin.get`): how many, the purge setting
 * (`bin.setPurge`), and emptying it (`bin.empty`), after which the list reloads.
 */
import { create } from 'zustand';
import { api } from '../api';
import type { BinSummary } from '../../../shared/bin';
import { failure, type Failure } from './failure';
import { useToast } from './toast-store';

interface BinState {
  summary?: BinSummary;
  failure?: Failure;
  load(): Promise<void>;
  setPurge(days: number | null): Promise<void>;
  empty(): Promise<void>;
}

export const useBin = create<BinState>((set, get) => {
  const act = async (what: string, call: () => Promise<void>): Promise<void> => {
    try {
      await call();
      set({ failure: undefined });
    } catch (err) {
      set({ failure: failure(what, err, () => get().load()) });
    }
  };
  return {
    load: () => act('Could not read the bin', async () => set({ summary: await api.call('bin.get', {}) })),
    setPurge: (days) => act('Could not save the bin setting', async () => set({ summary: await api.call('bin.setPurge', { purgeAfterDays: days }) })),
    empty: () =>
      act('Could not empty the bin', async () => {
        const { purged } = await api.call('bin.empty', {});
        set({ summary: await api.call('bin.get', {}) });
        useToast.getState().show(`Deleted ${purged} run${purged === 1 ? '' : 's'} for good.`);
      }),
  };
});

/**
 * The notice about the last address the router could not wholly read (routing/router.ts): what
 * was not understood and which view is shown instead; or, for a well-formed address of a study,
 * that the host has no such study stored. A later address, or going to another view, clears it.
 */
import { create } from 'zustand';
import { ApiCallError } from '../../../shared/contract';
import { storedNothingNotice } from '../../../shared/routing/address-problem';
import { api } from '../api';

/** Counts addresses applied: a check of an older one that answers late says nothing. */
let applied = 0;

interface AddressState {
  notice?: string;
  say(notice: string | undefined): void;
  dismiss(): void;
  /** The study an opened address names, looked up: one not stored here (a stale or foreign link) is said so. */
  checkStored(hash: string, named: { studyId: string }, shownView: string): Promise<void>;
}

export const useAddress = create<AddressState>((set) => ({
  say: (notice) => {
    applied++;
    set({ notice });
  },
  dismiss: () => set({ notice: undefined }),
  checkStored: async (hash, named, shownView) => {
    const asked = applied;
    try {
      await api.call('studies.get', { studyId: named.studyId });
    } catch (err) {
      // Only "not stored": a dropped connection says so elsewhere, and the address may still be good.
      if (err instanceof ApiCallError && err.code === 'not-found' && asked === applied) set({ notice: storedNothingNotice(hash, err.message, shownView) });
    }
  },
}));

/**
 * The notice about the last address the router could not wholly read (routing/router.ts): what
 * was not understood and which view is shown instead. A later address that reads clears it.
 */
import { create } from 'zustand';

export const useAddress = create<{ notice?: string; say(notice: string | undefined): void; dismiss(): void }>((set) => ({
  say: (notice) => set({ notice }),
  dismiss: () => set({ notice: undefined }),
}));

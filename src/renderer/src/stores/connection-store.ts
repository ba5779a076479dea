import { create } from 'zustand';

/** Whether the host is reachable, and why not. */
export const useConnection = create<{ up: boolean; reason?: string; set(up: boolean, reason?: string): void }>((set) => ({
  up: false,
  set: (up, reason) => set({ up, reason }),
}));

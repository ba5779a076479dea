import { create } from 'zustand';
import { hasNoToken, NO_TOKEN } from '../api';

/** Whether the host is reachable, and why not; `noToken`: a browser without `dyno serve`'s token, where nothing can work. */
export const useConnection = create<{ up: boolean; reason?: string; noToken: boolean; set(up: boolean, reason?: string): void }>((set) => ({
  up: false,
  noToken: hasNoToken(),
  set: (up, reason) => set({ up, reason }),
}));

export { NO_TOKEN };

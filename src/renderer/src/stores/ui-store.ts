import { create } from 'zustand';

export type View = 'run' | 'sessions' | 'models';

/** Which view is showing and the theme; nothing else. */
export const useUi = create<{
  view: View;
  theme: 'dark' | 'light';
  toast?: { kind: 'error' | 'info'; text: string };
  go(view: View): void;
  toggleTheme(): void;
  notify(kind: 'error' | 'info', text: string): void;
  dismiss(): void;
}>((set) => ({
  view: 'run',
  theme: 'dark',
  go: (view) => set({ view }),
  toggleTheme: () => set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
  notify: (kind, text) => set({ toast: { kind, text } }),
  dismiss: () => set({ toast: undefined }),
}));

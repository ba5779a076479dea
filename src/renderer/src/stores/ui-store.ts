import { create } from 'zustand';

export type View = 'run' | 'sessions' | 'models';

/** Which view is showing and the theme; nothing else. */
export const useUi = create<{
  view: View;
  theme: 'dark' | 'light';
  toast?: { kind: 'error' | 'info'; text: string };
  /** Draw charts while measuring. Off: nothing redraws until the run ends (quietest machine). */
  liveCharts: boolean;
  setLiveCharts(on: boolean): void;
  go(view: View): void;
  toggleTheme(): void;
  notify(kind: 'error' | 'info', text: string): void;
  dismiss(): void;
}>((set) => ({
  view: 'run',
  theme: 'dark',
  liveCharts: true,
  setLiveCharts: (liveCharts) => set({ liveCharts }),
  go: (view) => set({ view }),
  toggleTheme: () =>
    set((s) => {
      const theme = s.theme === 'dark' ? 'light' : 'dark';
      // Set before React re-renders: charts read the theme's CSS variables when they redraw.
      document.documentElement.dataset.theme = theme;
      return { theme };
    }),
  notify: (kind, text) => set({ toast: { kind, text } }),
  dismiss: () => set({ toast: undefined }),
}));

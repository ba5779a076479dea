import { create } from 'zustand';

export type View = 'run' | 'sessions' | 'compare' | 'models' | 'optimize';

/** Which view is showing, the theme, the live-chart switch and the shortcut list; nothing else. */
export const useUi = create<{
  view: View;
  /** The keyboard shortcut list (opened with `?`). */
  shortcutsOpen: boolean;
  showShortcuts(open: boolean): void;
  theme: 'dark' | 'light';
  /** Draw charts while measuring. Off: nothing redraws until the run ends (quietest machine). */
  liveCharts: boolean;
  setLiveCharts(on: boolean): void;
  go(view: View): void;
  toggleTheme(): void;
}>((set) => ({
  view: 'run',
  shortcutsOpen: false,
  showShortcuts: (shortcutsOpen) => set({ shortcutsOpen }),
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
}));

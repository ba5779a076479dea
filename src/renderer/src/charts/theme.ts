/** Chart colours come from the CSS theme variables, so charts follow the dark/light toggle. */
export function chartColors() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return {
    series: v('--series-1', '#4f9cf9'),
    accent2: v('--series-2', '#f0b43c'),
    text: v('--text', '#d7dae0'),
    muted: v('--text-muted', '#8b93a1'),
    grid: v('--grid', '#2a2f3a'),
    warmup: v('--warmup-fill', 'rgba(240,180,60,0.12)'),
  };
}

/**
 * One colour per run, kept across every chart of a comparison (the run's place in the
 * comparison picks it). Twelve hues that stay apart on the dark and the light theme.
 */
const RUN_PALETTE = ['#4f9cf9', '#f0b43c', '#4cc38a', '#f26b6b', '#b28cf5', '#3fc1c9', '#f58fc6', '#a3be5c', '#e68a4f', '#8b93a1', '#d4c95a', '#6f86d6'];

export function runColor(index: number): string {
  return RUN_PALETTE[index % RUN_PALETTE.length] ?? '#4f9cf9';
}

/** The transparent, themed frame every chart shares. */
export function baseLayout(c: ReturnType<typeof chartColors>): { paper_bgcolor: string; plot_bgcolor: string; font: { color: string; size: number } } {
  return { paper_bgcolor: 'rgba(0,0,0,0)', plot_bgcolor: 'rgba(0,0,0,0)', font: { color: c.text, size: 12 } };
}

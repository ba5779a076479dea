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

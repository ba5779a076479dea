/**
 * The views not on the first screen, each in its own chunk: a first load over a tunnel parses
 * only the Run view (and whichever view the address or a reload names, loaded at once). Once
 * the studio is usable the others are fetched in the background, so switching to one waits
 * on nothing.
 */
import { lazy, type ComponentType } from 'react';

/** One view's chunk, loaded once whether it is prefetched or shown first. */
function lazyView<M>(load: () => Promise<M>, pick: (m: M) => ComponentType): { View: ComponentType; prefetch: () => void } {
  let loading: Promise<{ default: ComponentType }> | undefined;
  const get = (): Promise<{ default: ComponentType }> => (loading ??= load().then((m) => ({ default: pick(m) })));
  return { View: lazy(get), prefetch: () => void get() };
}

const sessions = lazyView(() => import('./SessionsView'), (m) => m.SessionsView);
const compare = lazyView(() => import('./CompareView'), (m) => m.CompareView);
const models = lazyView(() => import('./ModelsView'), (m) => m.ModelsView);
const optimize = lazyView(() => import('./OptimizeView'), (m) => m.OptimizeView);

export const SessionsView = sessions.View;
export const CompareView = compare.View;
export const ModelsView = models.View;
export const OptimizeView = optimize.View;

/** Called once the studio is usable (as plotly's prefetch is). */
export function prefetchViews(): void {
  const later = window.requestIdleCallback ?? ((f: () => void) => window.setTimeout(f, 200));
  later(() => {
    for (const v of [sessions, compare, models, optimize]) v.prefetch();
  });
}

/**
 * Draws a plotly chart into a div, at most once per `minRedrawMs` (a live chart redraws rarely:
 * every redraw costs CPU the benchmark is measuring on), again when the theme changes (colours
 * come from CSS variables), and frees it on unmount.
 */
import { useEffect, useRef, type DependencyList, type RefObject } from 'react';
import { purgePlot } from './plotly';
import { useUi } from '../stores/ui-store';

export function usePlot(draw: (node: HTMLDivElement) => void, deps: DependencyList, minRedrawMs = 0): RefObject<HTMLDivElement | null> {
  const el = useRef<HTMLDivElement>(null);
  const last = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(draw);
  latest.current = draw;
  const theme = useUi((s) => s.theme);

  useEffect(() => {
    const run = (): void => {
      const node = el.current;
      if (!node) return;
      last.current = performance.now();
      latest.current(node);
    };
    const wait = minRedrawMs - (performance.now() - last.current);
    if (wait <= 0) run();
    else if (timer.current === undefined)
      timer.current = window.setTimeout(() => {
        timer.current = undefined;
        run();
      }, wait);
    // The caller's deps decide when to redraw; `draw` is read through a ref.
  }, [...deps, minRedrawMs, theme]);

  useEffect(() => {
    const node = el.current;
    return () => {
      window.clearTimeout(timer.current);
      if (node) purgePlot(node);
    };
  }, []);
  return el;
}

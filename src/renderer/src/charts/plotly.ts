/**
 * The one door to plotly in the studio. plotly is most of the renderer's weight (the cartesian
 * bundle: every trace type the studio draws, 1.5 MB), so it loads on first use, in its own
 * chunk, after the page has shown; every chart draws with the shared configuration
 * (src/shared/plot-config.ts: nothing uploads anywhere).
 */
import type PlotlyModule from 'plotly.js';
import { PLOT_CONFIG } from '../../../shared/plot-config';

type Plotly = typeof PlotlyModule;
export type PlotData = Partial<PlotlyModule.PlotData>;
export type PlotLayout = Partial<PlotlyModule.Layout>;
export type AxisName = PlotlyModule.AxisName;

let loading: Promise<Plotly> | undefined;

/** Called once the studio is usable: fetch plotly in the background so the first chart draws at once. */
export function prefetchPlotly(): void {
  const later = window.requestIdleCallback ?? ((f: () => void) => window.setTimeout(f, 200));
  later(() => void loadPlotly());
}

export function loadPlotly(): Promise<Plotly> {
  loading ??= import('plotly.js-cartesian-dist-min').then((m) => {
    // Lets a test (and a curious user) see when charts can draw.
    document.documentElement.dataset.charts = 'ready';
    return m.default;
  });
  return loading;
}

/**
 * Each chart's last draw still in progress: plotly finishes a draw over several ticks, and a
 * purge in the middle of one makes it fail (`_rehover` of a purged plot), so a purge, and the
 * next draw, wait for it.
 */
const pending = new WeakMap<HTMLDivElement, Promise<unknown>>();

function after(node: HTMLDivElement, step: (plotly: Plotly) => Promise<unknown> | void): Promise<void> {
  const previous = pending.get(node) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(async () => step(await loadPlotly()));
  pending.set(node, next);
  return next.then(() => undefined);
}

/** Draws (or redraws in place) unless the node left the page while plotly loaded. */
export function drawPlot(node: HTMLDivElement, data: PlotData[], layout: PlotLayout): Promise<void> {
  return after(node, (plotly) => {
    if (node.isConnected) return plotly.react(node, data, layout, { ...PLOT_CONFIG, modeBarButtonsToRemove: [...PLOT_CONFIG.modeBarButtonsToRemove] });
  });
}

export function purgePlot(node: HTMLDivElement): void {
  void after(node, (plotly) => {
    plotly.purge(node);
  });
}

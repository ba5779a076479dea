/**
 * The latency chart while a run measures: one 2D canvas, redrawn every few batches from at most
 * one point per pixel column (LTTB keeps the spikes). It replaces plotly's SVG chart for the
 * measuring phase because every plotly redraw re-lays out axes, ticks and hover layers in the
 * DOM, on the cores the benchmark measures on (on 2 cores, redraws at 1 Hz showed as latency
 * spikes of 3× the median in step with them). The canvas has a fixed CSS size: drawing into it
 * changes no layout. The full interactive chart draws when the run ends.
 */
import { useLayoutEffect, useRef } from 'react';
import { formatTickMs, niceTicks } from '../../../shared/nice-ticks';
import { lttbIndices } from '../../../shared/lttb';
import type { LivePoints } from '../stores/live-run-store';
import { chartColors } from './theme';

export interface LiveLatencyCanvasProps {
  points: LivePoints;
  version: number;
  /** Redraw on every this many versions (batches of samples). */
  redrawEvery: number;
  testId?: string;
}

const PAD = { l: 68, r: 12, t: 10, b: 26 };

function draw(canvas: HTMLCanvasElement, { x, latencyMs, warmupCount }: LivePoints): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width, height } = canvas;
  const dpr = window.devicePixelRatio || 1;
  const c = chartColors();
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const w = width / dpr;
  const h = height / dpr;
  ctx.clearRect(0, 0, w, h);
  const plotW = w - PAD.l - PAD.r;
  const plotH = h - PAD.t - PAD.b;
  const keep = lttbIndices(latencyMs, Math.max(3, Math.floor(plotW)));
  let yMax = 0;
  for (const k of keep) yMax = Math.max(yMax, latencyMs[k] ?? 0);
  const ticks = niceTicks(yMax);
  yMax = ticks.at(-1) ?? 1;
  const xMax = Math.max(1, (x.at(-1) ?? 0) + 1);
  const px = (v: number): number => PAD.l + (v / xMax) * plotW;
  const py = (v: number): number => PAD.t + plotH - (v / yMax) * plotH;

  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = c.muted;
  ctx.strokeStyle = c.grid;
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks) {
    const y = Math.round(py(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(PAD.l, y);
    ctx.lineTo(w - PAD.r, y);
    ctx.stroke();
    ctx.fillText(formatTickMs(t), PAD.l - 6, y);
  }
  if (warmupCount > 0) {
    ctx.fillStyle = c.warmup;
    ctx.fillRect(PAD.l, PAD.t, px(warmupCount) - PAD.l, plotH);
  }
  ctx.fillStyle = c.muted;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText('iteration 0', PAD.l, h - PAD.b + 8);
  ctx.textAlign = 'right';
  ctx.fillText(String(xMax - 1), w - PAD.r, h - PAD.b + 8);

  ctx.strokeStyle = c.series;
  ctx.lineWidth = 1.2;
  ctx.beginPath();
  keep.forEach((k, j) => {
    const X = px(x[k] ?? k);
    const Y = py(latencyMs[k] ?? 0);
    if (j === 0) ctx.moveTo(X, Y);
    else ctx.lineTo(X, Y);
  });
  ctx.stroke();
}

export function LiveLatencyCanvas({ points, version, redrawEvery, testId }: LiveLatencyCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  /** The version last drawn; undefined until the first non-empty batch. */
  const drawn = useRef<number | undefined>(undefined);

  // Size the backing store once, from the laid-out size (one layout read, before measuring).
  useLayoutEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(canvas.clientWidth * dpr));
    canvas.height = Math.max(1, Math.round(canvas.clientHeight * dpr));
  }, []);

  // In the commit of the batch's update (a layout effect runs before the frame is painted): the
  // chart changes in the same task and frame as the progress line, with no timer of its own. The
  // first batch draws at once; then every `redrawEvery`-th.
  useLayoutEffect(() => {
    if (!ref.current || points.latencyMs.length === 0) return;
    // (A version below the one drawn: a new run in the same canvas.)
    if (drawn.current !== undefined && version >= drawn.current && version - drawn.current < redrawEvery) return;
    drawn.current = version;
    draw(ref.current, points);
  }, [version, redrawEvery, points]);

  return <canvas className="chart live-canvas" ref={ref} data-testid={testId} aria-label="Latency per iteration (live)" />;
}

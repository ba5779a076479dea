/** Pan and zoom of the graph canvas: screen = graph × k + (x, y). Pure, so it is tested alone. */
import type { GraphLayout, LaidNode } from './layout-types';

export interface ViewTransform {
  k: number;
  x: number;
  y: number;
}

export const MIN_ZOOM = 0.005;
export const MAX_ZOOM = 4;
const clampZoom = (k: number): number => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

/** Zoom by `factor` keeping the graph point under (sx, sy) where it is. */
export function zoomAt(t: ViewTransform, factor: number, sx: number, sy: number): ViewTransform {
  const k = clampZoom(t.k * factor);
  const f = k / t.k;
  return { k, x: sx - (sx - t.x) * f, y: sy - (sy - t.y) * f };
}

/** The whole graph in view, centred (never enlarged past 1.5×). */
export function fitView(layout: Pick<GraphLayout, 'width' | 'height'>, width: number, height: number): ViewTransform {
  const k = clampZoom(Math.min(width / Math.max(layout.width, 1), height / Math.max(layout.height, 1), 1.5) * 0.96);
  return { k, x: (width - layout.width * k) / 2, y: (height - layout.height * k) / 2 };
}

/**
 * Where a graph opens: all of it when that stays readable, else its first input at the top
 * at a readable zoom, as Netron opens a model.
 */
export function initialView(layout: Pick<GraphLayout, 'width' | 'height' | 'nodes'>, width: number, height: number): ViewTransform {
  const fit = fitView(layout, width, height);
  if (fit.k >= 0.5) return fit;
  const k = 0.8;
  const inputs = layout.nodes.filter((n) => n.kind === 'input');
  const top = (inputs.length > 0 ? inputs : layout.nodes).reduce<LaidNode | undefined>((best, n) => (!best || n.y < best.y ? n : best), undefined);
  if (!top) return fit;
  return { k, x: width / 2 - top.x * k, y: 24 - (top.y - top.h / 2) * k };
}

/** A view with `node` in the centre, zoomed in to at least `minZoom`. */
export function centreOn(t: ViewTransform, node: LaidNode, width: number, height: number, minZoom = 0.8): ViewTransform {
  const k = Math.max(t.k, minZoom);
  return { k, x: width / 2 - node.x * k, y: height / 2 - node.y * k };
}

/** Graph-space rectangle the screen shows. */
export function visibleBounds(t: ViewTransform, width: number, height: number): { x0: number; y0: number; x1: number; y1: number } {
  return { x0: -t.x / t.k, y0: -t.y / t.k, x1: (width - t.x) / t.k, y1: (height - t.y) / t.k };
}

export function intersects(n: LaidNode, b: { x0: number; y0: number; x1: number; y1: number }): boolean {
  return n.x + n.w / 2 >= b.x0 && n.x - n.w / 2 <= b.x1 && n.y + n.h / 2 >= b.y0 && n.y - n.h / 2 <= b.y1;
}

/** The node under a screen point, if any. */
export function hitTest(nodes: readonly LaidNode[], t: ViewTransform, sx: number, sy: number): LaidNode | undefined {
  const gx = (sx - t.x) / t.k;
  const gy = (sy - t.y) / t.k;
  return nodes.find((n) => Math.abs(gx - n.x) <= n.w / 2 && Math.abs(gy - n.y) <= n.h / 2);
}

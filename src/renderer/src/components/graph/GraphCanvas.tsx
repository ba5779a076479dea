/**
 * The graph drawn on one canvas: every edge in one path, only the nodes on screen, labels only
 * when they are legible (level of detail). Pan and zoom change a transform kept in a ref and
 * redraw in the next animation frame, so React does not re-render while the user drags.
 */
import { forwardRef, useCallback, useEffect, useImperativeHandle, useMemo, useRef } from 'react';
import { foldBadgeWidth, type GraphLayout, type LaidNode } from './layout-types';
import { centreOn, fitView, hitTest, initialView, intersects, visibleBounds, zoomAt, type ViewTransform } from './view-transform';

export interface NodeLook {
  fill: string;
  /** Drawn as a thick outline in the warning colour (a CPU fall-back). */
  warn?: boolean;
  /** Dashed outline: no kernel ran for it (folded or fused away). */
  dashed?: boolean;
  badge?: string;
  /** Outlined in the accent colour: one of the nodes "Show on graph" asked for (an op type's). */
  marked?: boolean;
}

export interface GraphCanvasHandle {
  fit(): void;
  zoom(factor: number): void;
  centre(id: string): void;
}

interface Props {
  layout: GraphLayout;
  look(node: LaidNode): NodeLook;
  selectedId?: string;
  activeId?: string;
  onPick(id: string | undefined): void;
}

const DRAG_SLOP_PX = 4;
/** Below this zoom labels would be under ~8 px: boxes only. */
const LABEL_ZOOM = 0.3;

function cssVar(el: Element, name: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim();
}

export const GraphCanvas = forwardRef<GraphCanvasHandle, Props>(function GraphCanvas({ layout, look, selectedId, activeId, onPick }, ref) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const view = useRef<ViewTransform>({ k: 1, x: 0, y: 0 });
  const size = useRef({ w: 0, h: 0 });
  const frame = useRef(0);
  /** The layout the view was last opened on: a new one opens at its initial view, a redraw keeps the user's. */
  const viewed = useRef<GraphLayout | undefined>(undefined);
  const byId = useMemo(() => new Map(layout.nodes.map((n) => [n.id, n])), [layout]);
  const edgePath = useMemo(() => {
    const p = new Path2D();
    for (const pts of layout.edges) {
      if (pts.length < 4) continue;
      p.moveTo(pts[0]!, pts[1]!);
      for (let i = 2; i + 1 < pts.length; i += 2) p.lineTo(pts[i]!, pts[i + 1]!);
    }
    return p;
  }, [layout]);

  const draw = useCallback(() => {
    frame.current = 0;
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const { w, h } = size.current;
    const t = view.current;
    const colours = { edge: cssVar(canvas, '--text-muted'), text: cssVar(canvas, '--text'), border: cssVar(canvas, '--border'), accent: cssVar(canvas, '--accent'), warn: cssVar(canvas, '--warn'), bg: cssVar(canvas, '--bg') };
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.setTransform(dpr * t.k, 0, 0, dpr * t.k, dpr * t.x, dpr * t.y);
    ctx.globalAlpha = t.k < LABEL_ZOOM ? 0.5 : 0.8;
    ctx.strokeStyle = colours.edge;
    ctx.lineWidth = 1 / t.k;
    ctx.stroke(edgePath);
    ctx.globalAlpha = 1;
    const bounds = visibleBounds(t, w, h);
    const labels = t.k >= LABEL_ZOOM;
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    let drawn = 0;
    for (const n of layout.nodes) {
      if (!intersects(n, bounds)) continue;
      drawn++;
      const l = look(n);
      const x = n.x - n.w / 2;
      const y = n.y - n.h / 2;
      ctx.fillStyle = l.fill;
      if (!labels) {
        // Zoomed far out a node would be under a pixel: at least 3 screen pixels keep the shape (and the heat) visible.
        const s = 3 / t.k;
        ctx.fillRect(n.x - Math.max(n.w, s) / 2, n.y - Math.max(n.h, s) / 2, Math.max(n.w, s), Math.max(n.h, s));
        if (l.warn || l.marked) {
          ctx.lineWidth = 2 / t.k;
          ctx.strokeStyle = l.warn ? colours.warn : colours.accent;
          ctx.strokeRect(n.x - Math.max(n.w, s) / 2, n.y - Math.max(n.h, s) / 2, Math.max(n.w, s), Math.max(n.h, s));
        }
        continue;
      }
      if (n.kind === 'op') {
        ctx.beginPath();
        ctx.roundRect(x, y, n.w, n.h, 4);
        ctx.fill();
      } else {
        ctx.beginPath();
        ctx.roundRect(x, y, n.w, n.h, n.h / 2);
        ctx.fill();
      }
      if (labels) {
        ctx.lineWidth = 1 / t.k;
        ctx.strokeStyle = colours.border;
        ctx.setLineDash(l.dashed ? [3, 2] : []);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = colours.text;
        const badgeW = foldBadgeWidth(n.folded);
        ctx.fillText(n.label.length > 28 ? `${n.label.slice(0, 27)}…` : n.label, n.x - badgeW / 2, n.y, n.w - badgeW - 6);
        if (n.folded) {
          // "+N": the constant nodes folded into this one (its panel lists and expands them).
          ctx.globalAlpha = 0.85;
          ctx.fillStyle = colours.bg;
          ctx.beginPath();
          ctx.roundRect(x + n.w - badgeW + 2, y + 5, badgeW - 6, n.h - 10, (n.h - 10) / 2);
          ctx.fill();
          ctx.globalAlpha = 1;
          ctx.fillStyle = colours.edge;
          ctx.font = '10px system-ui, sans-serif';
          ctx.fillText(`+${n.folded}`, x + n.w - badgeW / 2 - 1, n.y);
          ctx.font = '11px system-ui, sans-serif';
        }
        if (l.badge && t.k >= 0.6) {
          ctx.font = '9px system-ui, sans-serif';
          ctx.textAlign = 'right';
          ctx.fillStyle = l.warn ? colours.warn : colours.edge;
          ctx.fillText(l.badge, x + n.w - 2, y - 6);
          ctx.font = '11px system-ui, sans-serif';
          ctx.textAlign = 'center';
        }
      }
      if (l.warn) {
        ctx.lineWidth = Math.max(2.5, 2 / t.k);
        ctx.strokeStyle = colours.warn;
        ctx.strokeRect(x - 1, y - 1, n.w + 2, n.h + 2);
      }
      if (l.marked && n.id !== selectedId && n.id !== activeId) {
        ctx.lineWidth = Math.max(1.5, 1.5 / t.k);
        ctx.strokeStyle = colours.accent;
        ctx.strokeRect(x - 2, y - 2, n.w + 4, n.h + 4);
      }
      if (n.id === selectedId || n.id === activeId) {
        ctx.lineWidth = Math.max(2, 2 / t.k);
        ctx.strokeStyle = colours.accent;
        ctx.setLineDash(n.id === selectedId ? [] : [4, 3]);
        ctx.strokeRect(x - 3, y - 3, n.w + 6, n.h + 6);
        ctx.setLineDash([]);
      }
    }
    // What is on screen, for the status line and the tests (no React state: no re-render per frame).
    canvas.dataset.drawnNodes = String(drawn);
    const selected = selectedId ? byId.get(selectedId) : undefined;
    canvas.dataset.selectedOnScreen = String(selected !== undefined && intersects(selected, bounds));
    canvas.dataset.zoom = t.k.toFixed(3);
  }, [layout, look, edgePath, selectedId, activeId, byId]);

  const schedule = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(draw);
  }, [draw]);

  const setView = useCallback(
    (t: ViewTransform) => {
      view.current = t;
      schedule();
    },
    [schedule],
  );

  useImperativeHandle(
    ref,
    () => ({
      fit: () => setView(fitView(layout, size.current.w, size.current.h)),
      zoom: (factor) => setView(zoomAt(view.current, factor, size.current.w / 2, size.current.h / 2)),
      centre: (id) => {
        const n = byId.get(id);
        if (n) setView(centreOn(view.current, n, size.current.w, size.current.h));
      },
    }),
    [layout, byId, setView],
  );

  // Size the canvas to its box (device pixels); a new layout opens at its initial view.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const resize = (): void => {
      const rect = canvas.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      size.current = { w: rect.width, h: rect.height };
      canvas.width = Math.round(rect.width * dpr);
      canvas.height = Math.round(rect.height * dpr);
      // Only for a new layout: this effect also re-runs when a selection changes the drawing, which must not move the view.
      if (viewed.current !== layout && rect.width > 0) {
        view.current = initialView(layout, rect.width, rect.height);
        viewed.current = layout;
      }
      schedule();
    };
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);
    resize();
    return () => observer.disconnect();
  }, [layout, schedule]);

  useEffect(() => schedule(), [schedule]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      const rect = canvas.getBoundingClientRect();
      setView(zoomAt(view.current, Math.exp(-e.deltaY * 0.0015), e.clientX - rect.left, e.clientY - rect.top));
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [setView]);

  const drag = useRef<{ sx: number; sy: number; x: number; y: number; moved: boolean } | undefined>(undefined);
  return (
    <canvas
      ref={canvasRef}
      className="graph-canvas"
      data-testid="graph-canvas"
      data-node-count={layout.nodes.length}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { sx: e.clientX, sy: e.clientY, x: view.current.x, y: view.current.y, moved: false };
      }}
      onPointerMove={(e) => {
        const d = drag.current;
        if (!d) return;
        const dx = e.clientX - d.sx;
        const dy = e.clientY - d.sy;
        if (!d.moved && Math.hypot(dx, dy) < DRAG_SLOP_PX) return;
        d.moved = true;
        setView({ ...view.current, x: d.x + dx, y: d.y + dy });
      }}
      onPointerUp={(e) => {
        const d = drag.current;
        drag.current = undefined;
        if (!d || d.moved) return;
        const rect = e.currentTarget.getBoundingClientRect();
        onPick(hitTest(layout.nodes, view.current, e.clientX - rect.left, e.clientY - rect.top)?.id);
      }}
    />
  );
});

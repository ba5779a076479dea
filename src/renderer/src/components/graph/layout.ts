/**
 * Lays out a model graph with dagre (the layered layout Netron uses), top to bottom. Pure: runs
 * in the layout Web Worker in the studio and in Node in the tests.
 */
import dagre, { type Point } from '@dagrejs/dagre';
import { foldBadgeWidth, type GraphLayout, type LaidNode, type LayoutRequest } from './layout-types';

export const NODE_HEIGHT = 26;
const CHAR_WIDTH = 7;
const NODE_PADDING = 20;

const labelWidth = (label: string): number => Math.max(56, Math.min(label.length, 28) * CHAR_WIDTH + NODE_PADDING);

export function layoutGraph(request: LayoutRequest, now: () => number = () => performance.now()): GraphLayout {
  const t0 = now();
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 16, ranksep: 28, edgesep: 8, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of request.nodes) g.setNode(n.id, { width: labelWidth(n.label) + foldBadgeWidth(n.folded), height: NODE_HEIGHT });
  for (const e of request.edges) if (g.hasNode(e.from) && g.hasNode(e.to)) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const nodes: LaidNode[] = request.nodes.map((n) => {
    const laid = g.node(n.id);
    return { id: n.id, label: n.label, kind: n.kind, x: laid.x, y: laid.y, w: laid.width, h: laid.height, ...(n.folded ? { folded: n.folded } : {}) };
  });
  const edges = g.edges().map((e) => (g.edge(e).points ?? []).flatMap((p: Point) => [p.x, p.y]));
  const { width = 0, height = 0 } = g.graph();
  return { hash: request.hash, width, height, nodes, edges, ms: now() - t0 };
}

/**
 * What the layout worker is asked and answers: plain arrays, so they cross postMessage by
 * structured clone. Kept apart from layout.ts so the page's bundle does not carry dagre.
 */
import type { ModelGraph } from '../../../../shared/model-graph';
import { drawnId, NO_FOLDS, type GraphFolds } from '../../../../shared/graph-folding';

/** Bumped when the layout's output changes, so a cached layout of an older version is never drawn. */
export const LAYOUT_VERSION = 2;
/** Room for the "+N" badge of folded constant nodes, drawn inside the node's right end. */
export const foldBadgeWidth = (folded: number | undefined): number => (folded ? String(folded).length * 7 + 18 : 0);

export type NodeKind = 'op' | 'input' | 'output';

export interface LayoutRequest {
  hash: string;
  /** What this layout is of: the model's hash, and which constant chains are folded (the cache's key). */
  key: string;
  /** `folded`: how many constant nodes this node carries (drawn as a badge, laid out wider). */
  nodes: { id: string; label: string; kind: NodeKind; folded?: number }[];
  edges: { from: string; to: string }[];
}

export interface LaidNode {
  id: string;
  label: string;
  kind: NodeKind;
  /** Centre and size, in graph units (CSS pixels at zoom 1). */
  x: number;
  y: number;
  w: number;
  h: number;
  folded?: number;
}

export interface GraphLayout {
  hash: string;
  width: number;
  height: number;
  nodes: LaidNode[];
  /** Each edge's polyline as x0, y0, x1, y1, …; drawn as one path. */
  edges: number[][];
  /** How long dagre took, for the log and the big-model test. */
  ms: number;
  /** Set when the layout came from the cache across reloads (layout-cache.ts), with how long reading it took. */
  cached?: { readMs: number };
}

/**
 * What the worker needs of a graph: ids, labels and edges (shapes and attributes stay behind).
 * Folded constant nodes are left out; an edge that touched one is drawn to or from its host.
 */
export function layoutRequestOf(graph: ModelGraph, folds: GraphFolds = NO_FOLDS, expanded: readonly string[] = []): LayoutRequest {
  const edges = new Map<string, { from: string; to: string }>();
  for (const e of graph.edges) {
    const from = drawnId(folds, e.from);
    const to = drawnId(folds, e.to);
    if (from !== to) edges.set(`${from}\u0000${to}`, { from, to });
  }
  return {
    hash: graph.hash,
    key: `${graph.hash}:v${LAYOUT_VERSION}:${folds === NO_FOLDS ? 'unfolded' : `folded:${[...expanded].sort().join(',')}`}`,
    nodes: [
      ...graph.inputs.map((t) => ({ id: `input:${t.name}`, label: t.name, kind: 'input' as const })),
      ...graph.nodes.flatMap((n) => {
        if (folds.hostOf.has(n.id)) return [];
        const folded = folds.folded.get(n.id)?.length;
        return [{ id: n.id, label: n.opType, kind: 'op' as const, ...(folded ? { folded } : {}) }];
      }),
      ...graph.outputs.map((t) => ({ id: `output:${t.name}`, label: t.name, kind: 'output' as const })),
    ],
    edges: [...edges.values()],
  };
}

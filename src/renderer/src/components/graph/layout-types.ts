/**
 * What the layout worker is asked and answers: plain arrays, so they cross postMessage by
 * structured clone. Kept apart from layout.ts so the page's bundle does not carry dagre.
 */
import type { ModelGraph } from '../../../../shared/model-graph';

export type NodeKind = 'op' | 'input' | 'output';

export interface LayoutRequest {
  hash: string;
  nodes: { id: string; label: string; kind: NodeKind }[];
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
}

/** What the worker needs of a graph: ids, labels and edges (shapes and attributes stay behind). */
export function layoutRequestOf(graph: ModelGraph): LayoutRequest {
  return {
    hash: graph.hash,
    nodes: [
      ...graph.inputs.map((t) => ({ id: `input:${t.name}`, label: t.name, kind: 'input' as const })),
      ...graph.nodes.map((n) => ({ id: n.id, label: n.opType, kind: 'op' as const })),
      ...graph.outputs.map((t) => ({ id: `output:${t.name}`, label: t.name, kind: 'output' as const })),
    ],
    edges: graph.edges.map((e) => ({ from: e.from, to: e.to })),
  };
}


/**
 * Folds constant-generator chains into the node they feed, so a graph whose weights are made
 * in-graph (the corpus' "light" models: DenseNet-121 has 836 ConstantOfShape generators, one
 * per weight) is drawn as its data path, not as a staircase of tiny subgraphs.
 *
 * A node is constant when every input is an initializer or the output of a constant node (so a
 * node with no producer at all, ConstantOfShape on a stored shape or Constant, is one). A
 * constant node folds when its outputs feed exactly one node and no graph output; it folds into
 * that node, or into whatever that node itself folded into. A host can be expanded: the nodes
 * that would fold into it are drawn (and may fold one step further into each other).
 * Pure: the Models view folds before laying out; the tests fold real corpus graphs.
 */
import type { ModelGraph } from './model-graph';

export interface GraphFolds {
  /** Host id → the ids folded into it, in the graph's file order. */
  folded: Map<string, string[]>;
  /** Folded node id → the (drawn) host that carries it. */
  hostOf: Map<string, string>;
}

export const NO_FOLDS: GraphFolds = { folded: new Map(), hostOf: new Map() };

/** Node ids in an order where every producer comes before its consumers; nodes on a cycle are left out. */
function topologicalOrder(graph: ModelGraph, producers: Map<string, string[]>, consumers: Map<string, Set<string>>): string[] {
  const pending = new Map(graph.nodes.map((n) => [n.id, new Set(producers.get(n.id) ?? []).size]));
  const ready = graph.nodes.filter((n) => pending.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.pop()!;
    order.push(id);
    for (const c of consumers.get(id) ?? []) {
      const left = pending.get(c);
      if (left === undefined) continue;
      pending.set(c, left - 1);
      if (left === 1) ready.push(c);
    }
  }
  return order;
}

export function foldConstantChains(graph: ModelGraph, expanded: ReadonlySet<string> = new Set()): GraphFolds {
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  /** Node → the nodes (or `input:` terminals) it reads from; node → the nodes and `output:` terminals it feeds. */
  const producers = new Map<string, string[]>();
  const consumers = new Map<string, Set<string>>();
  for (const e of graph.edges) {
    if (nodeIds.has(e.to)) producers.set(e.to, [...(producers.get(e.to) ?? []), e.from]);
    if (nodeIds.has(e.from)) consumers.set(e.from, (consumers.get(e.from) ?? new Set()).add(e.to));
  }
  const order = topologicalOrder(graph, new Map([...producers].map(([k, v]) => [k, v.filter((f) => nodeIds.has(f))])), consumers);
  const constant = new Set<string>();
  for (const id of order) if ((producers.get(id) ?? []).every((from) => constant.has(from))) constant.add(id);

  const hostOf = new Map<string, string>();
  // Consumers first, so a chain's later link knows its host before an earlier one asks.
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i]!;
    if (!constant.has(id)) continue;
    const feeds = consumers.get(id);
    if (!feeds || feeds.size !== 1) continue;
    const consumer: string | undefined = feeds.values().next().value;
    if (consumer === undefined || !nodeIds.has(consumer)) continue;
    const host = hostOf.get(consumer) ?? consumer;
    if (!expanded.has(host)) hostOf.set(id, host);
  }
  const folded = new Map<string, string[]>();
  for (const n of graph.nodes) {
    const host = hostOf.get(n.id);
    if (host !== undefined) folded.set(host, [...(folded.get(host) ?? []), n.id]);
  }
  return { folded, hostOf };
}

/** The id drawn for a node: its host when it is folded, itself otherwise. */
export const drawnId = (folds: GraphFolds, id: string): string => folds.hostOf.get(id) ?? id;

/** "+3 constant nodes": the badge's words. */
export const foldedWords = (count: number): string => `+${count} constant node${count === 1 ? '' : 's'}`;

/**
 * Issue 14, item 6: DenseNet-121's 836 ConstantOfShape weight generators (and the Unsqueezes
 * they feed) make its layout a staircase; folding them into the node they feed draws the data
 * path. Pure folding (shared/graph-folding.ts) on real corpus graphs, and a small hand-made
 * graph for the edge cases: a shared constant, one feeding a graph output, a chain, expansion.
 */
import { describe, expect, it } from 'vitest';
import { readModelGraph } from '../../../src/main/models/model-graph';
import { drawnId, foldConstantChains, foldedWords, NO_FOLDS } from '../../../src/shared/graph-folding';
import type { GraphNode, ModelGraph } from '../../../src/shared/model-graph';
import { layoutRequestOf } from '../../../src/renderer/src/components/graph/layout-types';
import { corpusPath } from '../../helpers/onnx-corpus';

describe('DenseNet-121 from the corpus (1,746 nodes)', () => {
  const graph = readModelGraph(corpusPath('light/light_densenet121.onnx'));
  const folds = foldConstantChains(graph);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));

  it('folds every ConstantOfShape generator, and the Unsqueezes of their output, into a node of the data path', () => {
    const generators = graph.nodes.filter((n) => n.opType === 'ConstantOfShape');
    expect(generators.length).toBe(836);
    expect(generators.every((n) => folds.hostOf.has(n.id))).toBe(true);
    const foldedOps = new Set([...folds.hostOf.keys()].map((id) => byId.get(id)!.opType));
    expect([...foldedOps].sort()).toEqual(['ConstantOfShape', 'Unsqueeze']);
    // A host is drawn (never itself folded) and reads the graph's input through its other inputs.
    for (const host of folds.folded.keys()) {
      expect(folds.hostOf.has(host)).toBe(false);
      expect(['Conv', 'BatchNormalization', 'Mul', 'Add']).toContain(byId.get(host)!.opType);
    }
    expect(folds.hostOf.size).toBe(1078);
    expect(graph.nodes.length - folds.hostOf.size).toBe(668);
  });

  it('counts every folded node once, in the host that draws it; the search still finds them through drawnId', () => {
    const counted = [...folds.folded.values()].flat();
    expect(counted.length).toBe(folds.hostOf.size);
    expect(new Set(counted).size).toBe(counted.length);
    for (const [host, ids] of folds.folded) for (const id of ids) expect(folds.hostOf.get(id)).toBe(host);
    const bnScale = graph.nodes.find((n) => n.opType === 'ConstantOfShape' && n.outputs.some((o) => o.name === 'conv1_w_0'))!;
    expect(byId.get(drawnId(folds, bnScale.id))!.opType).toBe('Conv');
    expect(drawnId(folds, 'input:data_0')).toBe('input:data_0');
  });

  it('lays out the folded graph with no edge to or from a folded node, and its hosts badged with their counts', () => {
    const request = layoutRequestOf(graph, folds);
    const drawn = new Set(request.nodes.map((n) => n.id));
    expect(request.nodes.length).toBe(668 + graph.inputs.length + graph.outputs.length);
    expect(request.edges.every((e) => drawn.has(e.from) && drawn.has(e.to) && e.from !== e.to)).toBe(true);
    const badges = request.nodes.reduce((sum, n) => sum + (n.folded ?? 0), 0);
    expect(badges).toBe(folds.hostOf.size);
    // Folded and unfolded layouts are cached apart.
    expect(request.key).not.toBe(layoutRequestOf(graph).key);
    expect(layoutRequestOf(graph, NO_FOLDS).nodes.length).toBe(graph.nodes.length + graph.inputs.length + graph.outputs.length);
  });

  it('expanding a host draws what folded into it (the first link folds one step, into the next)', () => {
    const [host, ids] = [...folds.folded].find(([, ids]) => ids.length >= 2)!;
    const expanded = foldConstantChains(graph, new Set([host]));
    expect(expanded.folded.has(host)).toBe(false);
    const visible = ids.filter((id) => !expanded.hostOf.has(id));
    expect(visible.length).toBeGreaterThan(0);
    expect(expanded.hostOf.size).toBeLessThan(folds.hostOf.size);
    expect(layoutRequestOf(graph, expanded, [host]).key).not.toBe(layoutRequestOf(graph, folds).key);
  });
});

describe('the rule, on a small graph', () => {
  const node = (id: string, opType: string, inputs: string[], outputs: string[]): GraphNode => ({
    id,
    name: id,
    index: 0,
    opType,
    domain: 'ai.onnx',
    inputs: inputs.map((name) => ({ name })),
    outputs: outputs.map((name) => ({ name })),
    attributes: [],
    weights: { tensors: 0, elements: 0 },
    flops: null,
  });
  // x → Conv(w) → Add(b) → y, where w = Unsqueeze(ConstantOfShape(shape)), b is shared by Add and Mul, and k feeds y2 directly.
  const graph: ModelGraph = {
    path: 'small.onnx',
    hash: 'abc',
    inputs: [{ name: 'x' }],
    outputs: [{ name: 'y' }, { name: 'k' }],
    nodes: [
      node('gen', 'ConstantOfShape', ['shape'], ['g']),
      node('unsq', 'Unsqueeze', ['g'], ['w']),
      node('conv', 'Conv', ['x', 'w'], ['c']),
      node('bias', 'Constant', [], ['b']),
      node('add', 'Add', ['c', 'b'], ['a']),
      node('mul', 'Mul', ['a', 'b'], ['y']),
      node('k', 'Constant', [], ['k']),
    ],
    edges: [
      { from: 'gen', to: 'unsq', tensor: 'g' },
      { from: 'unsq', to: 'conv', tensor: 'w' },
      { from: 'input:x', to: 'conv', tensor: 'x' },
      { from: 'conv', to: 'add', tensor: 'c' },
      { from: 'bias', to: 'add', tensor: 'b' },
      { from: 'add', to: 'mul', tensor: 'a' },
      { from: 'bias', to: 'mul', tensor: 'b' },
      { from: 'mul', to: 'output:y', tensor: 'y' },
      { from: 'k', to: 'output:k', tensor: 'k' },
    ],
  };

  it('folds a chain into the node it feeds, keeps a constant used twice or by a graph output, and never folds the data path', () => {
    const folds = foldConstantChains(graph);
    expect(Object.fromEntries(folds.hostOf)).toEqual({ gen: 'conv', unsq: 'conv' });
    expect(folds.folded.get('conv')).toEqual(['gen', 'unsq']);
    expect(foldedWords(2)).toBe('+2 constant nodes');
    expect(foldedWords(1)).toBe('+1 constant node');
  });

  it('expands a host: its chain is drawn, its first link folded into the second', () => {
    const folds = foldConstantChains(graph, new Set(['conv']));
    expect(Object.fromEntries(folds.hostOf)).toEqual({ gen: 'unsq' });
    expect(foldConstantChains(graph, new Set(['conv', 'unsq'])).hostOf.size).toBe(0);
  });

  it('leaves a cycle (an invalid graph) unfolded instead of looping', () => {
    const cyclic: ModelGraph = { ...graph, edges: [...graph.edges, { from: 'unsq', to: 'gen', tensor: 'w' }] };
    const folds = foldConstantChains(cyclic);
    expect(folds.hostOf.has('gen')).toBe(false);
    expect(folds.hostOf.has('unsq')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readModelGraph } from '../../../src/main/models/model-graph';
import { layoutGraph } from '../../../src/renderer/src/components/graph/layout';
import { layoutRequestOf } from '../../../src/renderer/src/components/graph/layout-types';
import { centreOn, fitView, hitTest, initialView, intersects, visibleBounds, zoomAt } from '../../../src/renderer/src/components/graph/view-transform';
import { heatColour, opFamily } from '../../../src/renderer/src/components/graph/node-colours';
import { corpusPath } from '../../helpers/onnx-corpus';
import { foldConstantChains } from '../../../src/shared/graph-folding';

describe('the layout worker: what it is asked and answers', () => {
  const graph = readModelGraph(corpusPath('light/light_squeezenet.onnx'));
  const request = layoutRequestOf(graph);
  // What crosses postMessage: a structured clone of the answer must be the answer.
  const layout = structuredClone(layoutGraph(structuredClone(request)));

  it('asks with ids, op labels and edges only (no shapes or attributes)', () => {
    expect(request.nodes.length).toBe(graph.nodes.length + graph.inputs.length + graph.outputs.length);
    expect(Object.keys(request.nodes[0]!).sort()).toEqual(['id', 'kind', 'label']);
    expect(request.edges.length).toBe(graph.edges.length);
  });
  it('places every node once, inside the laid-out area, top to bottom along the edges', () => {
    expect(layout.hash).toBe(graph.hash);
    expect(layout.nodes.map((n) => n.id)).toEqual(request.nodes.map((n) => n.id));
    for (const n of layout.nodes) {
      expect(n.x - n.w / 2).toBeGreaterThanOrEqual(0);
      expect(n.y + n.h / 2).toBeLessThanOrEqual(layout.height);
    }
    const y = new Map(layout.nodes.map((n) => [n.id, n.y]));
    expect(graph.edges.every((e) => y.get(e.from)! < y.get(e.to)!)).toBe(true);
    expect(layout.edges.length).toBeGreaterThan(0);
    expect(layout.edges.every((pts) => pts.length >= 4 && pts.length % 2 === 0)).toBe(true);
  });
  it('opens a tall graph at its input at a readable zoom (as Netron does); a click hits the node under it', () => {
    const view = initialView(layout, 1200, 560);
    expect(view.k).toBeGreaterThanOrEqual(0.5);
    const input = layout.nodes.find((n) => n.kind === 'input')!;
    expect(intersects(input, visibleBounds(view, 1200, 560))).toBe(true);
    // Fit shows every node.
    const all = visibleBounds(fitView(layout, 1200, 560), 1200, 560);
    expect(layout.nodes.every((n) => intersects(n, all))).toBe(true);
    const n = layout.nodes[10]!;
    const centred = centreOn(view, n, 1200, 560);
    expect(hitTest(layout.nodes, centred, 600, 280)?.id).toBe(n.id);
  });
});

describe('pan and zoom', () => {
  it('zooms about the cursor: the point under it stays', () => {
    const t = zoomAt({ k: 1, x: 10, y: 20 }, 2, 110, 220);
    expect(t.k).toBe(2);
    expect(((110 - t.x) / t.k)).toBeCloseTo(100, 10);
    expect(((220 - t.y) / t.k)).toBeCloseTo(200, 10);
  });
  it('fits the whole graph in view', () => {
    const t = fitView({ width: 4000, height: 1000 }, 800, 600);
    const b = visibleBounds(t, 800, 600);
    expect(b.x0).toBeLessThanOrEqual(0);
    expect(b.x1).toBeGreaterThanOrEqual(4000);
  });
});

describe('node colours', () => {
  it('groups ops as Netron does and heats by share', () => {
    expect(opFamily('Conv')).toBe('layer');
    expect(opFamily('FusedConv')).toBe('layer');
    expect(opFamily('Relu')).toBe('activation');
    expect(opFamily('MaxPool')).toBe('pool');
    expect(opFamily('Concat')).toBe('shape');
    expect(heatColour(1, 'dark')).toBe('rgb(232, 89, 12)');
    expect(heatColour(0, 'dark')).not.toBe(heatColour(0.5, 'dark'));
  });
});

describe('a model of 1,000+ nodes (DenseNet-121 from the corpus, 1,746 nodes)', () => {
  it('is read and laid out, with the times printed and the payload bounded', { timeout: 180_000 }, () => {
    const t0 = performance.now();
    const graph = readModelGraph(join(corpusPath('light'), 'light_densenet121.onnx'));
    const t1 = performance.now();
    const layout = layoutGraph(layoutRequestOf(graph));
    const graphBytes = JSON.stringify(graph).length;
    const layoutBytes = JSON.stringify(layout).length;
    console.log(
      `DenseNet-121: ${graph.nodes.length} nodes, ${graph.edges.length} edges; read in ${(t1 - t0).toFixed(0)} ms, laid out in ${layout.ms.toFixed(0)} ms; payload ${(graphBytes / 1024).toFixed(0)} KiB graph + ${(layoutBytes / 1024).toFixed(0)} KiB layout`,
    );
    expect(graph.nodes.length).toBe(1746);
    expect(layout.nodes.length).toBe(graph.nodes.length + graph.inputs.length + graph.outputs.length);
    // Its constant generators folded (the default view): a third of the nodes, and no staircase.
    const folded = layoutGraph(layoutRequestOf(graph, foldConstantChains(graph)));
    console.log(
      `DenseNet-121 folded: ${folded.nodes.length} drawn nodes, laid out in ${folded.ms.toFixed(0)} ms (unfolded ${layout.ms.toFixed(0)} ms); ${folded.width.toFixed(0)}×${folded.height.toFixed(0)} px (unfolded ${layout.width.toFixed(0)}×${layout.height.toFixed(0)})`,
    );
    expect(folded.nodes.length).toBe(668 + graph.inputs.length + graph.outputs.length);
    // Bounded: under 500 bytes a node for the graph, whatever the weights weigh.
    expect(graphBytes / graph.nodes.length).toBeLessThan(500);
  });
});

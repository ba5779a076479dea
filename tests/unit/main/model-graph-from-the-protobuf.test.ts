import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import onnxProto from 'onnx-proto';
import { readModelGraph } from '../../../src/main/models/model-graph';
import { joinNodeTimes } from '../../../src/main/models/node-profile';
import { kernelTimes } from '../../../src/main/engine/profile-trace';
import { buildZooModel } from '../../../src/main/models/zoo/families';
import { ModelGraphSchema, NodeProfileSchema, isFallback } from '../../../src/shared/model-graph';
import { corpusPath } from '../../helpers/onnx-corpus';
import { tempHome } from '../../helpers/temp-home';
import { writeFileSync } from 'node:fs';

const { onnx } = onnxProto;
const LIGHT = corpusPath('light');
const lightModels = readdirSync(LIGHT).filter((f) => f.endsWith('.onnx'));

describe('the model graph read from the protobuf', () => {
  it.each(lightModels)('%s: one node per protobuf node, with unique ids, and edges between known nodes', (file) => {
    const path = join(LIGHT, file);
    const proto = onnx.ModelProto.decode(readFileSync(path));
    const graph = ModelGraphSchema.parse(readModelGraph(path));
    expect(graph.nodes.length).toBe(proto.graph?.node?.length);
    expect(new Set(graph.nodes.map((n) => n.id)).size).toBe(graph.nodes.length);
    expect(graph.nodes.map((n) => n.opType)).toEqual(proto.graph?.node?.map((n) => n.opType));
    const ends = new Set([...graph.nodes.map((n) => n.id), ...graph.inputs.map((t) => `input:${t.name}`), ...graph.outputs.map((t) => `output:${t.name}`)]);
    expect(graph.edges.every((e) => ends.has(e.from) && ends.has(e.to))).toBe(true);
    // The corpus's weights are made in-graph: the one real input is the image, not the weight shapes.
    expect(graph.inputs.length).toBeGreaterThan(0);
    expect(graph.outputs.length).toBeGreaterThan(0);
  });

  it('states shapes, weights and attributes as the file has them (a zoo ResNet with initializers)', () => {
    const home = tempHome();
    try {
      const path = join(home.home, 'resnet.onnx');
      writeFileSync(path, buildZooModel('resnet', 'small', 1, 'test'));
      const graph = readModelGraph(path);
      const conv = graph.nodes.find((n) => n.opType === 'Conv');
      expect(conv).toBeDefined();
      expect(conv!.weights.tensors).toBeGreaterThan(0);
      expect(conv!.weights.elements).toBeGreaterThan(0);
      // The weight input carries its initializer's shape; attributes are one readable line each.
      expect(conv!.inputs[1]?.shape?.every((d) => typeof d === 'number')).toBe(true);
      expect(conv!.attributes.find((a) => a.name === 'kernel_shape')?.value).toMatch(/^\[\d+, \d+\]$/);
      expect(graph.inputs[0]?.shape?.[0]).toBe('batch');
      // No weights travel: the payload is a few hundred bytes per node.
      expect(JSON.stringify(graph).length / graph.nodes.length).toBeLessThan(1500);
    } finally {
      home.cleanup();
    }
  });
});

describe("a profiled run's time laid on the graph", () => {
  // A real ORT 1.30 trace of the corpus SqueezeNet on the CPU (optimisation level all: NCHWc kernels).
  const trace = JSON.parse(readFileSync(resolve('tests/fixtures/ort-profile-squeezenet-cpu.json'), 'utf8'));
  const graph = readModelGraph(join(LIGHT, 'light_squeezenet.onnx'));
  const kernels = kernelTimes(trace, { keepLast: 2 });
  const profile = NodeProfileSchema.parse(joinNodeTimes(graph, kernels, { runId: 'r', executionProvider: 'cpu' }));

  it('finds the node of every kernel but the layout reorders ORT inserted', () => {
    expect(kernels.kernels.size).toBe(40);
    const matched = profile.nodes.reduce((a, n) => a + n.kernels.length, 0);
    expect(matched + profile.unmatched.kernels).toBe(40);
    expect(profile.unmatched.kernels).toBe(1); // ReorderOutput
    const shares = profile.nodes.reduce((a, n) => a + n.share, 0) + profile.unmatched.share;
    expect(shares).toBeCloseTo(1, 10);
    expect(profile.kernelMsPerIteration).toBeCloseTo(5.6405, 4);
  });
  it('puts a fused NCHWc convolution on the Conv node, a kept Concat on its own node', () => {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    // r1_nchwc is Conv n0 fused with Relu n1 (named after n1's output r1).
    expect(byId.get('n0')?.kernels).toEqual(['r1_nchwc']);
    expect(byId.get('n9')?.kernels).toEqual(['n9']);
    expect(byId.get('n0')?.providers).toEqual(['CPUExecutionProvider']);
    expect(byId.get('n0')?.flops).toBeGreaterThan(0);
    expect(byId.get('n9')?.flops).toBeNull();
  });
  it('marks CPU nodes as fall-backs only on a run for another provider', () => {
    const t = profile.nodes[0]!;
    expect(isFallback(t, 'cpu')).toBe(false);
    expect(isFallback(t, 'webgpu')).toBe(true);
  });
});

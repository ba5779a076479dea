import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';
import { useInProcessStudio } from '../helpers/in-process-studio';
import { SQUEEZENET, CONV2D } from '../helpers/temp-home';

const studio = useInProcessStudio();
const stop = { warmupIterations: 2, minIterations: 5, maxIterations: 5, minDurationMs: 0, maxDurationMs: 30_000 };

describe('models.graph and runs.nodeProfile, read in a worker', () => {
  it("answers the sample SqueezeNet's graph, node for node", async () => {
    const graph = await studio.api.call('models.graph', { path: SQUEEZENET });
    const proto = onnxProto.onnx.ModelProto.decode(readFileSync(SQUEEZENET));
    expect(graph.nodes.length).toBe(proto.graph?.node?.length);
    expect(graph.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it("lays a real profiled run's stored trace on its model's nodes", async () => {
    const { runId } = await studio.api.call('runs.start', { config: { modelPath: SQUEEZENET, stop, profile: true, telemetry: { enabled: false } } });
    const detail = await studio.api.call('runs.wait', { runId });
    expect(detail.run.status).toBe('completed');
    const profile = await studio.api.call('runs.nodeProfile', { runId });
    const graph = await studio.api.call('models.graph', { path: SQUEEZENET });
    const ids = new Set(graph.nodes.map((n) => n.id));
    expect(profile.nodes.length).toBeGreaterThan(10);
    expect(profile.nodes.every((n) => ids.has(n.id))).toBe(true);
    expect(profile.nodes.every((n) => n.providers.includes('CPUExecutionProvider'))).toBe(true);
    // Most of the time lands on the file's nodes; the rest (layout reorders) is counted apart.
    expect(profile.unmatched.share).toBeLessThan(0.2);
    const shares = profile.nodes.reduce((a, n) => a + n.share, 0) + profile.unmatched.share;
    expect(shares).toBeCloseTo(1, 6);
    expect(profile.executionProvider).toBe('cpu');
  });

  it('says so, in one line, for a run that was not profiled', async () => {
    const { runId } = await studio.api.call('runs.start', { config: { modelPath: CONV2D, stop, telemetry: { enabled: false } } });
    await studio.api.call('runs.wait', { runId });
    await expect(studio.api.call('runs.nodeProfile', { runId })).rejects.toThrow(/was not profiled/);
  });

  it('names the file when it is not a model', async () => {
    await expect(studio.api.call('models.graph', { path: '/nonexistent/model.onnx' })).rejects.toThrow(/not found: \/nonexistent\/model.onnx/);
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flopsOf, summarizeTrace } from '../../../src/main/engine/profile-trace';

// A real trace from onnxruntime-node 1.30 on SqueezeNet (CPU): one warm-up run and two measured ones.
const trace = JSON.parse(readFileSync(resolve('tests/fixtures/ort-profile-squeezenet-cpu.json'), 'utf8'));

describe("ONNX Runtime's profiler trace", () => {
  const p = summarizeTrace(trace, 'trace.json', { skipRuns: 1 });

  it('skips warm-up runs and averages kernel time per measured iteration', () => {
    expect(p.iterations).toBe(2);
    expect(p.kernelMsPerIteration).toBeCloseTo(5.6405, 4);
  });
  it("gives the pass's own mean per measured iteration, which the kernel time is a part of", () => {
    const runs = (trace as { cat?: string; name: string; ts: number; dur: number }[]).filter((e) => e.cat === 'Session' && e.name === 'model_run').sort((a, b) => a.ts - b.ts);
    expect(p.passMeanMs).toBeCloseTo((runs[1]!.dur + runs[2]!.dur) / 2 / 1000, 9);
    expect(p.kernelMsPerIteration).toBeLessThan(p.passMeanMs!);
  });
  it('ranks operator types by time, with shares that sum to one', () => {
    expect(p.byOpType[0]).toMatchObject({ opType: 'Conv', ms: 10.558 / 2, nodes: 26 });
    expect(p.byOpType.map((t) => t.opType).slice(1, 3)).toEqual(['Concat', 'MaxPool']);
    expect(p.byOpType.reduce((a, t) => a + t.share, 0)).toBeCloseTo(1, 10);
  });
  it('lists the slowest nodes with their operator type', () => {
    expect(p.topNodes.length).toBeGreaterThan(5);
    expect(p.topNodes[0]?.opType).toBe('Conv');
    expect(p.topNodes.every((n, i) => i === 0 || n.ms <= p.topNodes[i - 1]!.ms)).toBe(true);
  });
  it("counts SqueezeNet 1.0's convolutions at about 0.7 GFLOP per image", () => {
    expect(p.flopsPerIteration / 1e9).toBeGreaterThan(0.65);
    expect(p.flopsPerIteration / 1e9).toBeLessThan(0.75);
  });
});

describe('FLOPs of one operator call', () => {
  it('Conv: 2 × output elements × (Cin/g × kernel)', () => {
    // 1×3×224×224 → 64 filters of 3×3×3 → 1×64×111×111
    expect(flopsOf('Conv', [[1, 3, 224, 224], [64, 3, 3, 3]], [[1, 64, 111, 111]])).toBe(2 * 64 * 111 * 111 * 27);
  });
  it('MatMul and Gemm: 2·M·N·K', () => {
    expect(flopsOf('MatMul', [[8, 128, 64], [64, 32]], [[8, 128, 32]])).toBe(2 * 8 * 128 * 32 * 64);
    expect(flopsOf('Gemm', [[4, 512], [512, 10]], [[4, 10]])).toBe(2 * 4 * 10 * 512);
  });
  it('ConvTranspose: 2 × input elements × (Cout/g × kernel)', () => {
    expect(flopsOf('ConvTranspose', [[1, 16, 8, 8], [16, 8, 2, 2]], [[1, 8, 16, 16]])).toBe(2 * 16 * 64 * 8 * 4);
  });
  it('ignores element-wise operators', () => {
    expect(flopsOf('Relu', [[1, 10]], [[1, 10]])).toBe(0);
  });
  it('counts the nodes and kernel time of each provider that ran them', () => {
    const p = summarizeTrace(trace, 'trace.json', { skipRuns: 1 });
    expect(p.byProvider).toEqual([{ provider: 'CPUExecutionProvider', ms: p.kernelMsPerIteration, share: 1, nodes: 40 }]);
  });
});

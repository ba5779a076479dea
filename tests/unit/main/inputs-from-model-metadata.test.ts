import { describe, expect, it } from 'vitest';
import { assertBatchApplies, makeFeeds, mulberry32, normalizeDim, resolveShape } from '../../../src/main/engine/inputs';
import { samplesPerIteration } from '../../../src/main/engine/run-benchmark';

describe('input shapes', () => {
  it('fills symbolic dimensions from user values', () => {
    expect(resolveShape({ name: 'x', type: 'float32', shape: ['batch', 3, 224, 224] }, { batch: 8 })).toEqual([8, 3, 224, 224]);
  });
  it('names the input, the dim and the flag when a value is missing', () => {
    expect(() => resolveShape({ name: 'input_ids', type: 'int64', shape: ['batch', 'seq'] }, { batch: 1 })).toThrow(
      "Input 'input_ids' has a dynamic dimension 'seq' (axis 1) with no value: set it with --dim seq=N.",
    );
  });
  it('shows unnamed dynamic dims as "?"', () => {
    expect(normalizeDim(-1)).toBe('?');
    expect(normalizeDim('')).toBe('?');
    expect(normalizeDim(4)).toBe(4);
  });
});

describe('generated inputs', () => {
  it('are deterministic for a seed and differ across seeds', () => {
    const inputs = [{ name: 'x', type: 'float32', shape: [2, 3] as number[] }];
    const a = makeFeeds(inputs, {}, 7).feeds.x!.data as Float32Array;
    const b = makeFeeds(inputs, {}, 7).feeds.x!.data as Float32Array;
    const c = makeFeeds(inputs, {}, 8).feeds.x!.data as Float32Array;
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect(a.every((v) => v >= 0 && v < 1)).toBe(true);
  });
  it('make tensors of each supported element type with the resolved shape', () => {
    const types = ['float32', 'float64', 'float16', 'int64', 'int32', 'int8', 'uint8', 'bool'];
    const { feeds, resolved } = makeFeeds(types.map((type) => ({ name: type, type, shape: ['n', 2] })), { n: 3 }, 1);
    for (const t of types) {
      expect(feeds[t]?.type).toBe(t);
      expect(feeds[t]?.dims).toEqual([3, 2]);
      expect(feeds[t]?.size).toBe(6);
    }
    expect(resolved.every((r) => r.shape.join('x') === '3x2')).toBe(true);
  });
  it('mulberry32 draws uniformly from [0, 1)', () => {
    const r = mulberry32(1);
    const draws = Array.from({ length: 20_000 }, r);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const belowTenth = draws.filter((v) => v < 0.1).length / draws.length;
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(belowTenth).toBeCloseTo(0.1, 2);
  });
});

describe('batch size', () => {
  const ids = { name: 'input_ids', type: 'int64', shape: ['batch', 'seq'] as (string | number)[] };
  it('fills the leading dynamic dimension, over a named value for it', () => {
    expect(resolveShape(ids, { dims: { batch: 1, seq: 8 }, batchSize: 4 })).toEqual([4, 8]);
  });
  it('is refused when no input has a dynamic leading dimension', () => {
    expect(() => assertBatchApplies([{ name: 'x', type: 'float32', shape: [1, 3] }], { dims: {}, batchSize: 2 })).toThrow(/Batch size 2 cannot apply/);
    expect(() => assertBatchApplies([ids], { dims: {}, batchSize: 2 })).not.toThrow();
  });
  it('counts the samples per iteration from what was actually fed', () => {
    expect(samplesPerIteration([ids], [{ ...ids, shape: [4, 8] }])).toBe(4);
    expect(samplesPerIteration([{ name: 'x', type: 'float32', shape: [1, 3] }], [{ name: 'x', type: 'float32', shape: [1, 3] }])).toBe(1);
  });
  it('lets a whole --shape override everything for its input', () => {
    expect(resolveShape({ name: 'x', type: 'float32', shape: ['?', 3] }, { dims: {}, shapes: { x: [5, 3] }, batchSize: 2 })).toEqual([5, 3]);
    expect(() => resolveShape({ name: 'x', type: 'float32', shape: ['?', 3] }, { dims: {}, shapes: { x: [5, 4] } })).toThrow(/axis 1 is fixed at 3/);
  });
});

import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { compareOutputs } from '../../../src/main/engine/check-outputs';

const f32 = (values: number[], dims = [values.length]) => new ort.Tensor('float32', Float32Array.from(values), dims);

describe('output comparison (ONNX backend-test tolerances)', () => {
  it('passes within atol + rtol·|expected| and reports the largest errors', () => {
    const r = compareOutputs({ y: f32([1.0005, 2, 0]) }, { y: f32([1, 2, 0]) });
    expect(r.passed).toBe(true);
    expect(r.maxAbsError).toBeCloseTo(0.0005, 6);
    expect(r.maxRelError).toBeCloseTo(0.0005, 6);
  });
  it('fails beyond tolerance and counts mismatches', () => {
    const r = compareOutputs({ y: f32([1.01, 2, 3.5]) }, { y: f32([1, 2, 3]) });
    expect(r.passed).toBe(false);
    expect(r.outputs[0]).toMatchObject({ name: 'y', mismatched: 2, elements: 3 });
  });
  it('treats NaN as equal to NaN and equal infinities as equal, but NaN vs a number as a mismatch', () => {
    expect(compareOutputs({ y: f32([NaN, Infinity]) }, { y: f32([NaN, Infinity]) }).passed).toBe(true);
    expect(compareOutputs({ y: f32([NaN]) }, { y: f32([1]) }).passed).toBe(false);
  });
  it('names a shape mismatch and a missing output', () => {
    const r = compareOutputs({ y: f32([1, 2], [2]) }, { y: f32([1, 2], [1, 2]), z: f32([1]) });
    expect(r.outputs.map((o) => o.problem)).toEqual(['shape [2] differs from expected [1,2]', 'the model produced no such output']);
  });
});

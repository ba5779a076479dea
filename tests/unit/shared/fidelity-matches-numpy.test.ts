import { describe, expect, it } from 'vitest';
import { accuracyShapeProblem, classAxis, measureFidelity } from '../../../src/shared/fidelity';

// Reference figures computed with numpy 2.4:
//   d = abs(c - r); d.max(); (d[r != 0] / abs(r[r != 0])).max();
//   dot(r, c) / norm(r) / norm(c); mean(argmax(r, axis) == argmax(c, axis))
const R = [0.00123, 0.298746, -0.274138, 0.0, -0.454671, -0.991647, 0.060144, 1.340215, -0.492207, -0.620475];
const C = [0.025722, 0.31659, -0.268867, 0.01, -0.456133, -0.956881, -0.007067, 1.340215, -0.587268, -0.684952];

describe('output fidelity', () => {
  it('matches numpy for max abs / rel error, cosine and top-1 on a [2, 5, 1] output', () => {
    const f = measureFidelity([{ name: 'y', dims: [2, 5, 1], data: R }], [{ name: 'y', dims: [2, 5, 1], data: C }]);
    expect(f.maxAbsError).toBeCloseTo(0.095061, 12);
    // The zero reference (index 3) is left out of the relative error: 0.01 / 0 would be Infinity.
    expect(f.maxRelError).toBeCloseTo(19.91219512195122, 10);
    expect(f.cosine).toBeCloseTo(0.9975362445360568, 14);
    // Class axis 1 (the trailing 1 is not a class axis): argmax [1, 2] in both.
    expect(f.top1Agreement).toBe(1);
    expect(f.nonFinite).toBe(0);
    expect(f.problem).toBeUndefined();
  });

  it('counts rows whose arg-max differs, and takes the worst over outputs', () => {
    const r = [1, 2, 3, 0, 5, 1, 0, 0, 0, 0, 1, 2];
    const c = [1, 2, 2.9, 3.1, 5, 1, 0, 0, 0, 0, 2, 1];
    const same = { name: 'aux', dims: [4], data: [1, 2, 3, 4] };
    const f = measureFidelity([{ name: 'logits', dims: [3, 4], data: r }, same], [same, { name: 'logits', dims: [3, 4], data: c }]);
    expect(f.maxAbsError).toBeCloseTo(3.1, 12);
    expect(f.maxRelError).toBeCloseTo(1, 12);
    expect(f.cosine).toBeCloseTo(0.8863349814197392, 14);
    expect(f.top1Agreement).toBeCloseTo(1 / 3, 14);
    expect(f.outputs.map((o) => [o.name, o.cosine])).toEqual([['logits', f.cosine], ['aux', 1]]);
  });

  it('reads a class axis only in a classifier\'s scores, [N, C] or [N, C, 1, 1]', () => {
    expect(classAxis([1, 1000, 1, 1])).toBe(1);
    expect(classAxis([4, 10])).toBe(1);
    // A sequence's per-token scores, a feature map, an image: no classes to agree on.
    expect(classAxis([2, 8, 128])).toBe(-1);
    expect(classAxis([2, 4, 5, 4])).toBe(-1);
    expect(classAxis([1, 3, 224, 224])).toBe(-1);
    expect(classAxis([1, 1])).toBe(-1);
    expect(classAxis([8])).toBe(-1);
    expect(classAxis([])).toBe(-1);
    const map = Array.from({ length: 80 }, (_, i) => Math.sin(i));
    expect(measureFidelity([{ name: 'y', dims: [2, 4, 5, 2], data: map }], [{ name: 'y', dims: [2, 4, 5, 2], data: map }]).top1Agreement).toBeNull();
    expect(measureFidelity([{ name: 's', dims: [], data: [2] }], [{ name: 's', dims: [], data: [2.5] }]).top1Agreement).toBeNull();
  });

  it('says which output is missing or misshapen, with null figures rather than made-up ones', () => {
    const ref = [{ name: 'y', dims: [2], data: [1, 2] }];
    const missing = measureFidelity(ref, []);
    expect(missing.problem).toBe("the candidate has no output 'y'");
    expect([missing.maxAbsError, missing.cosine, missing.top1Agreement]).toEqual([null, null, null]);
    expect(measureFidelity(ref, [{ name: 'y', dims: [1, 2], data: [1, 2] }]).problem).toBe("'y' has shape [1, 2], the reference [2]");
  });

  it('counts NaN and Infinity that differ, and leaves them out of the errors', () => {
    const f = measureFidelity([{ name: 'y', dims: [4], data: [1, Number.NaN, Infinity, 2] }], [{ name: 'y', dims: [4], data: [1, Number.NaN, 3, Number.NaN] }]);
    expect(f.nonFinite).toBe(2);
    expect(f.maxAbsError).toBe(0);
    expect(f.cosine).toBe(1);
  });

  it('reads zero vectors as identical when both are zero and as unrelated when one is', () => {
    const z = { name: 'y', dims: [3], data: [0, 0, 0] };
    expect(measureFidelity([z], [z]).cosine).toBe(1);
    expect(measureFidelity([z], [{ ...z, data: [0, 1, 0] }]).cosine).toBe(0);
  });

  it('says why top-1 agreement is no accuracy on outputs that are not a classifier\'s scores, naming each with its shape', () => {
    expect(accuracyShapeProblem([{ name: 'logits', dims: [10, 20] }])).toBeUndefined();
    expect(accuracyShapeProblem([{ name: 'boxes', dims: [1, 4, 7, 7] }, { name: 'scores', dims: [1, 91, 1, 1] }])).toBeUndefined();
    expect(accuracyShapeProblem([{ name: 'mask', dims: [2, 4, 5, 4] }])).toBe("top-1 agreement is an accuracy only for a classifier's scores, shaped [N, C] or [N, C, 1, 1]; the output 'mask' has shape [2, 4, 5, 4]");
    expect(accuracyShapeProblem([{ name: 'a', dims: [2, 8, 128] }, { name: 'b', dims: [8] }])).toBe("top-1 agreement is an accuracy only for a classifier's scores, shaped [N, C] or [N, C, 1, 1]; no output is: output 'a' has shape [2, 8, 128], 'b' has shape [8]");
    expect(accuracyShapeProblem([])).toBe('there are no expected outputs (output_0.pb, …) to count it against');
  });
});

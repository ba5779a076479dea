import { describe, expect, it } from 'vitest';
import { quantizeSymmetricInt8, roundHalfEven, transpose2d } from '../../../src/main/models/transforms/quantize-weights';

// numpy 2.4, as onnxruntime.quantization computes a symmetric int8 weight in float32:
//   scale = np.float32(abs(w).max() / np.float32(127)); q = clip((w / scale).round(), -127, 127)
// The first values land on ties (0.5, 63.5, 1.5, -2.5), which numpy rounds to even.
const W = [0.30000001192092896, -1.2699999809265137, 0.004999999888241291, 0.6349999904632568, 0.0, 0.014999999664723873, -0.02500000037252903, 0.8163676261901855, -1.0222660303115845, 0.16723953187465668, -0.22710783779621124, -0.18105971813201904, -0.08623886853456497, -0.8079944252967834, -0.0927729532122612, -0.34608522057533264];
const Q = [30, -127, 0, 64, 0, 2, -2, 82, -102, 17, -23, -18, -9, -81, -9, -35];

describe('int8 weight quantization', () => {
  it('matches numpy: scale max|w|/127 in float32, ties to even', () => {
    const r = quantizeSymmetricInt8(Float32Array.from(W));
    expect(r.scale).toBe(0.009999999776482582);
    expect(Array.from(r.data)).toEqual(Q);
  });
  it('rounds halves to even like numpy', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, -0, -2, -2, 2, 3]);
  });
  it('quantizes an all-zero weight to zeros with a finite scale', () => {
    const r = quantizeSymmetricInt8(new Float32Array(4));
    expect([r.scale, Array.from(r.data)]).toEqual([1, [0, 0, 0, 0]]);
  });
  it('transposes a row-major matrix', () => {
    expect(Array.from(transpose2d(Float32Array.of(1, 2, 3, 4, 5, 6), 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
  });
});

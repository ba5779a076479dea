/**
 * Weight quantization as onnxruntime.quantization does it by default (QInt8, per tensor,
 * symmetric): scale = max|w| / 127, zero point 0, q = round-half-to-even(w / scale) in [-127, 127],
 * in float32 arithmetic as numpy does it there. With `qmax` 64 it is that library's
 * `reduce_range` (7-bit weights in [-64, 64]; int8-weight-range.ts says when).
 */

export interface QuantizedWeight {
  data: Int8Array;
  scale: number;
}

/** numpy's rounding (ties to even), which the reference quantizer uses. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export function quantizeSymmetricInt8(w: Float32Array, qmax = 127): QuantizedWeight {
  let absMax = 0;
  for (const v of w) if (Math.abs(v) > absMax) absMax = Math.abs(v);
  // An all-zero weight quantizes exactly with any scale; 1 keeps the arithmetic finite.
  const scale = absMax === 0 ? 1 : Math.fround(absMax / qmax);
  const data = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) data[i] = Math.max(-qmax, Math.min(qmax, roundHalfEven(Math.fround((w[i] as number) / scale))));
  return { data, scale };
}

/** A row-major [rows, cols] matrix transposed (Gemm's transB weights become MatMul's). */
export function transpose2d(w: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = w[r * cols + c] as number;
  return t;
}

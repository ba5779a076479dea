/**
 * IEEE 754 half precision (ONNX FLOAT16): bits from a number and back. The encoder is numpy's
 * float32 → float16 conversion (round to nearest, ties to even; overflow to ±Infinity; NaN kept),
 * so weights converted here round exactly as `np.float32(w).astype(np.float16)` does.
 */

/** The largest finite float16 value. */
export const FLOAT16_MAX = 65504;
/** The smallest positive float16 value (a subnormal, 2^-24). */
export const FLOAT16_MIN_POSITIVE = 2 ** -24;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float16 bits of a number, rounded to float32 first (as the weights it is used on are). */
export function toFloat16Bits(v: number): number {
  f32[0] = v;
  const f = u32[0] as number;
  const sign = (f >>> 16) & 0x8000;
  const exp = f & 0x7f800000;
  if (exp >= 0x47800000) {
    // Beyond float16's range, or Infinity/NaN already.
    if (exp === 0x7f800000 && (f & 0x007fffff) !== 0) return sign | 0x7e00;
    return sign | 0x7c00;
  }
  if (exp <= 0x38000000) {
    // A float16 subnormal or zero: shift the significand (with its hidden bit) into place.
    if (exp < 0x33000000) return sign;
    const e = exp >>> 23;
    let sig = (0x00800000 + (f & 0x007fffff)) >>> (113 - e);
    if ((sig & 0x3fff) !== 0x1000 || (f & 0x7ff) !== 0) sig += 0x1000;
    return sign | (sig >>> 13);
  }
  let sig = f & 0x007fffff;
  if ((sig & 0x3fff) !== 0x1000) sig += 0x1000;
  // A carry out of the significand increments the exponent, which is the right result.
  return sign | (((exp - 0x38000000) >>> 13) + (sig >>> 13));
}

export function fromFloat16Bits(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? Number.NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/**
 * A finite value moved into float16's range: beyond ±65504 to ±65504 (not Infinity), and a
 * non-zero value too small for float16 to ±2^-24 (not zero, which would change a divisor or an
 * epsilon into something else entirely). NaN and ±Infinity are kept.
 */
export function clampToFloat16Range(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  const a = Math.abs(v);
  if (a > FLOAT16_MAX) return Math.sign(v) * FLOAT16_MAX;
  if (a < FLOAT16_MIN_POSITIVE) return Math.sign(v) * FLOAT16_MIN_POSITIVE;
  return v;
}

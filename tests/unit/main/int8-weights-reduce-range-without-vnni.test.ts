/**
 * Without VNNI, ONNX Runtime's uint8 × int8 kernels (vpmaddubsw) saturate int16 pair sums with
 * full-range weights: on an AVX2-only EPYC the conversion's own fidelity checks fell to cosine
 * 0.92–0.998. Dyno then quantizes weights to 7 bits, as onnxruntime.quantization's reduce_range.
 */
import { describe, expect, it } from 'vitest';
import { int8WeightRangeFor, localCpuFlags, localInt8WeightRange } from '../../../src/main/models/transforms/int8-weight-range';
import { quantizeSymmetricInt8 } from '../../../src/main/models/transforms/quantize-weights';
import { AVX2_EPYC, SAPPHIRE_RAPIDS, SKYLAKE_SP } from '../../helpers/cpu-flags';

describe('int8 weight range', () => {
  it('reduces the range on x86 without VNNI (AVX2, and AVX-512BW without VNNI), keeps it full with VNNI or off x86', () => {
    expect(int8WeightRangeFor(AVX2_EPYC.split(' '), 'x64').qmax).toBe(64);
    expect(int8WeightRangeFor(SKYLAKE_SP.split(' '), 'x64').qmax).toBe(64);
    expect(int8WeightRangeFor(SAPPHIRE_RAPIDS.split(' '), 'x64').qmax).toBe(127);
    expect(int8WeightRangeFor(undefined, 'x64')).toMatchObject({ qmax: 64, why: expect.stringContaining('could not be read') });
    expect(int8WeightRangeFor(undefined, 'arm64').qmax).toBe(127);
  });

  it('follows this machine unless DYNO_INT8_WEIGHT_RANGE says otherwise', () => {
    expect(localInt8WeightRange({ DYNO_INT8_WEIGHT_RANGE: 'full' }).qmax).toBe(127);
    expect(localInt8WeightRange({ DYNO_INT8_WEIGHT_RANGE: 'reduced' }).qmax).toBe(64);
    expect(localInt8WeightRange({})).toEqual(int8WeightRangeFor(localCpuFlags()));
  });

  it('7-bit weights: scale max|w| / 64, every value in [-64, 64], the extremes at ±64', () => {
    const w = Float32Array.from([0.5, -1.28, 0.01, 1.0, -0.3]);
    const r = quantizeSymmetricInt8(w, 64);
    expect(r.scale).toBe(Math.fround(1.28 / 64));
    expect(Math.max(...r.data)).toBeLessThanOrEqual(64);
    expect(Math.min(...r.data)).toBe(-64);
    // Each weight is within half a step of its quantized value.
    w.forEach((v, i) => expect(Math.abs((r.data[i] as number) * r.scale - v)).toBeLessThanOrEqual(r.scale / 2 + 1e-7));
    // The default is still the full range (the reference quantizer's).
    expect(Math.min(...quantizeSymmetricInt8(w).data)).toBe(-127);
  });
});

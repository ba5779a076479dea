import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { readNpy, readTensorProto } from '../../../src/main/engine/tensor-files';
import { toFloat16Bits } from '../../../src/main/engine/inputs';
import { corpusPath } from '../../helpers/onnx-corpus';

const NPY = resolve('tests/fixtures/npy');
const embedding = (): string => corpusPath('pytorch-converted/test_Embedding/test_data_set_0');

describe('NumPy .npy files written by numpy 2.4', () => {
  it('reads float32 with its shape and values', () => {
    const { tensor } = readNpy(`${NPY}/x.npy`, 'x');
    expect(tensor.type).toBe('float32');
    expect(tensor.dims).toEqual([2, 3]);
    expect(Array.from(tensor.data as Float32Array)).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25]);
  });
  it('reads int64 beyond 2^32, bool, float16 and 0-d scalars', () => {
    expect(Array.from(readNpy(`${NPY}/ids.npy`, 'ids').tensor.data as BigInt64Array)).toEqual([1n, 2n, 3n, 40000000000n]);
    const mask = readNpy(`${NPY}/mask.npy`, 'm').tensor;
    expect([mask.type, mask.dims, Array.from(mask.data as Uint8Array)]).toEqual(['bool', [2, 2], [1, 0, 0, 1]]);
    const half = readNpy(`${NPY}/half.npy`, 'h').tensor;
    expect(Array.from(half.data as Uint16Array)).toEqual([toFloat16Bits(0.5), toFloat16Bits(-2), toFloat16Bits(65504)]);
    const scalar = readNpy(`${NPY}/scalar.npy`, 's').tensor;
    expect([scalar.dims, Array.from(scalar.data as Float64Array)]).toEqual([[], [3.5]]);
  });
  it('refuses Fortran order and big-endian data with a reason', () => {
    expect(() => readNpy(`${NPY}/fortran.npy`, 'f')).toThrow(/Fortran-ordered arrays are not supported/);
    expect(() => readNpy(`${NPY}/bigendian.npy`, 'b')).toThrow(/dtype >f4 is not supported/);
    expect(() => readNpy(resolve('resources/models/conv2d.onnx'), 'x')).toThrow(/is not a \.npy file/);
  });
});

describe('ONNX TensorProto files from ONNX backend test data', () => {
  it('reads int64 indices and float outputs stored as raw data', () => {
    const input = readTensorProto(`${embedding()}/input_0.pb`).tensor;
    expect(input.type).toBe('int64');
    expect(input.dims).toEqual([1, 4]);
    const output = readTensorProto(`${embedding()}/output_0.pb`).tensor;
    expect([output.type, output.dims, output.size]).toEqual(['float32', [1, 4, 3], 12]);
  });
  it('says when a file is not a TensorProto', () => {
    expect(() => readTensorProto(`${NPY}/x.npy`)).toThrow(/is not an ONNX TensorProto file|ONNX data type/);
  });
});

describe('float16 encoding', () => {
  it('matches numpy for normal, negative, subnormal and overflowing values', () => {
    // numpy: np.float16(v).view(np.uint16)
    expect(toFloat16Bits(0.1)).toBe(11878);
    expect(toFloat16Bits(-3.25)).toBe(49792);
    expect(toFloat16Bits(1e-6)).toBe(17);
    expect(toFloat16Bits(1e6)).toBe(0x7c00);
    expect(toFloat16Bits(0)).toBe(0);
  });
});

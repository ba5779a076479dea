/**
 * Input tensors for a benchmark, made from the model's declared inputs: symbolic dimensions are
 * resolved from the user's values (an unset one is an error that names the flag to set it), and
 * data is seeded pseudo-random so two runs feed identical tensors.
 */
import * as ort from 'onnxruntime-node';
import type { Dim, TensorInfo } from '../../shared/model';

export class InputSpecError extends Error {}

/** ORT reports an unnamed dynamic dimension as -1 or an empty name; Dyno shows it as "?". */
export function normalizeDim(d: number | string): Dim {
  if (typeof d === 'number') return d < 0 ? '?' : d;
  return d === '' ? '?' : d;
}

export function resolveShape(input: TensorInfo, dims: Readonly<Record<string, number>>): number[] {
  return input.shape.map((d, axis) => {
    if (typeof d === 'number') return d;
    const value = dims[d];
    if (value !== undefined) return value;
    const how = d === '?' ? `it is unnamed; set the whole shape with --shape ${input.name}=...` : `set it with --dim ${d}=N`;
    throw new InputSpecError(`Input '${input.name}' has a dynamic dimension '${d}' (axis ${axis}) with no value: ${how}.`);
  });
}

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG; deterministic from its seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** IEEE half-precision bits of a float in [0, 1), enough for random benchmark inputs. */
function toFloat16Bits(v: number): number {
  if (v === 0) return 0;
  const exp = Math.floor(Math.log2(v));
  const mant = Math.round((v / 2 ** exp - 1) * 1024);
  return ((exp + 15) << 10) | (mant & 0x3ff);
}

export function makeTensor(type: string, shape: number[], random: () => number): ort.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  switch (type) {
    case 'float32':
      return new ort.Tensor('float32', Float32Array.from({ length: n }, random), shape);
    case 'float64':
      return new ort.Tensor('float64', Float64Array.from({ length: n }, random), shape);
    case 'float16':
      return new ort.Tensor('float16', Uint16Array.from({ length: n }, () => toFloat16Bits(random())), shape);
    // Small non-negative integers: valid as indices for embeddings and gathers in most models.
    case 'int64':
      return new ort.Tensor('int64', BigInt64Array.from({ length: n }, () => BigInt(Math.floor(random() * 10))), shape);
    case 'int32':
      return new ort.Tensor('int32', Int32Array.from({ length: n }, () => Math.floor(random() * 10)), shape);
    case 'int8':
      return new ort.Tensor('int8', Int8Array.from({ length: n }, () => Math.floor(random() * 10)), shape);
    case 'uint8':
      return new ort.Tensor('uint8', Uint8Array.from({ length: n }, () => Math.floor(random() * 256)), shape);
    case 'bool':
      return new ort.Tensor('bool', Uint8Array.from({ length: n }, () => (random() < 0.5 ? 1 : 0)), shape);
    default:
      throw new InputSpecError(`Input type '${type}' is not supported for generated inputs yet.`);
  }
}

export function makeFeeds(
  inputs: readonly TensorInfo[],
  dims: Readonly<Record<string, number>>,
  seed: number,
): { feeds: Record<string, ort.Tensor>; resolved: TensorInfo[] } {
  const random = mulberry32(seed);
  const feeds: Record<string, ort.Tensor> = {};
  const resolved: TensorInfo[] = [];
  for (const input of inputs) {
    const shape = resolveShape(input, dims);
    feeds[input.name] = makeTensor(input.type, shape, random);
    resolved.push({ ...input, shape });
  }
  return { feeds, resolved };
}

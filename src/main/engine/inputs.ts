/**
 * Input tensors for a benchmark, made from the model's declared inputs: symbolic dimensions are
 * resolved from the user's values (an unset one is an error that names the flag to set it), and
 * data is seeded pseudo-random so two runs feed identical tensors.
 */
import * as ort from 'onnxruntime-node';
import type { Dim, TensorInfo } from '../../shared/model';
import { mulberry32 } from '../../shared/random';
import { toFloat16Bits } from '../../shared/float16';

/** Seeded inputs and the zoo's weights share the one PRNG of src/shared; float16 bits come from there too. */
export { mulberry32, toFloat16Bits };

export class InputSpecError extends Error {}

/** ORT reports an unnamed dynamic dimension as -1 or an empty name; Dyno shows it as "?". */
export function normalizeDim(d: number | string): Dim {
  if (typeof d === 'number') return d < 0 ? '?' : d;
  return d === '' ? '?' : d;
}

export interface ShapeSettings {
  dims: Readonly<Record<string, number>>;
  shapes?: Readonly<Record<string, readonly number[]>>;
  batchSize?: number;
}

/**
 * The concrete shape of an input: a whole shape given for it wins; otherwise a batch size
 * fills a dynamic leading dimension, and named dims fill the rest.
 */
export function resolveShape(input: TensorInfo, settings: ShapeSettings | Readonly<Record<string, number>>): number[] {
  return withinGeneratedSize(input.name, shapeFromSettings(input, settings));
}

/** 2³⁰ values (4 GiB of float32): past this a generated input is a mistake, not a benchmark. */
export const MAX_GENERATED_VALUES = 2 ** 30;

/** Refuses, by name, an input too large to allocate (a model declaring 10⁹ per axis, a typo in --shape). */
function withinGeneratedSize(name: string, shape: number[]): number[] {
  const values = shape.reduce((a, b) => a * b, 1);
  if (values > MAX_GENERATED_VALUES) {
    throw new InputSpecError(
      `Input '${name}' of shape ${shape.join('x')} would hold ${values.toExponential(2)} values, over the ${MAX_GENERATED_VALUES.toExponential(2)} Dyno generates: set a smaller --shape or --dim.`,
    );
  }
  return shape;
}

function shapeFromSettings(input: TensorInfo, settings: ShapeSettings | Readonly<Record<string, number>>): number[] {
  const s: ShapeSettings = 'dims' in settings && typeof settings.dims === 'object' ? (settings as ShapeSettings) : { dims: settings as Record<string, number> };
  const whole = s.shapes?.[input.name];
  if (whole) {
    if (whole.length !== input.shape.length) {
      throw new InputSpecError(`--shape ${input.name} has ${whole.length} dims but the model declares ${input.shape.length} (${input.shape.join('x')}).`);
    }
    whole.forEach((d, axis) => {
      const declared = input.shape[axis];
      if (typeof declared === 'number' && declared !== d) {
        throw new InputSpecError(`--shape ${input.name}: axis ${axis} is fixed at ${declared} in the model, not ${d}.`);
      }
    });
    return [...whole];
  }
  return input.shape.map((d, axis) => {
    if (typeof d === 'number') return d;
    // A batch size wins over a named value for the leading dimension (the UI pre-fills every
    // symbolic dim with 1, and `--batch` is the more specific request).
    if (axis === 0 && s.batchSize !== undefined) return s.batchSize;
    const value = s.dims[d];
    if (value !== undefined) return value;
    const how = d === '?' ? `it is unnamed; set the whole shape with --shape ${input.name}=...` : `set it with --dim ${d}=N`;
    throw new InputSpecError(`Input '${input.name}' has a dynamic dimension '${d}' (axis ${axis}) with no value: ${how}.`);
  });
}

/**
 * A tensor of the given type filled from `next()`. Random draws in [0, 1) become small integers
 * for integer types; with `exact`, `next()`'s value is used as it is (zeros, or a --value).
 */
export function makeTensor(type: string, shape: number[], next: () => number, exact = false): ort.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const random = next;
  const int = (scale: number) => (exact ? () => Math.trunc(next()) : () => Math.floor(next() * scale));
  switch (type) {
    case 'float32':
      return new ort.Tensor('float32', Float32Array.from({ length: n }, random), shape);
    case 'float64':
      return new ort.Tensor('float64', Float64Array.from({ length: n }, random), shape);
    case 'float16':
      return new ort.Tensor('float16', Uint16Array.from({ length: n }, () => toFloat16Bits(random())), shape);
    // Small non-negative integers: valid as indices for embeddings and gathers in most models.
    case 'int64':
      return new ort.Tensor('int64', BigInt64Array.from({ length: n }, () => BigInt(int(10)())), shape);
    case 'int32':
      return new ort.Tensor('int32', Int32Array.from({ length: n }, int(10)), shape);
    case 'int8':
      return new ort.Tensor('int8', Int8Array.from({ length: n }, int(10)), shape);
    case 'uint8':
      return new ort.Tensor('uint8', Uint8Array.from({ length: n }, int(256)), shape);
    case 'bool':
      return new ort.Tensor('bool', Uint8Array.from({ length: n }, () => (exact ? (next() ? 1 : 0) : random() < 0.5 ? 1 : 0)), shape);
    default:
      throw new InputSpecError(`Input type '${type}' is not supported for generated inputs yet.`);
  }
}

/**
 * A batch size only means something if some input has a dynamic leading dimension; silently
 * ignoring it would multiply throughput by a batch that never ran.
 */
export function assertBatchApplies(inputs: readonly TensorInfo[], settings: ShapeSettings | Readonly<Record<string, number>>): void {
  const batch = 'batchSize' in settings ? (settings as ShapeSettings).batchSize : undefined;
  if (batch === undefined || batch === 1) return;
  const shapes = 'shapes' in settings ? (settings as ShapeSettings).shapes : undefined;
  if (inputs.some((i) => typeof i.shape[0] === 'string' && !shapes?.[i.name])) return;
  throw new InputSpecError(
    `Batch size ${batch} cannot apply: no input has a dynamic leading dimension (${inputs.map((i) => `${i.name} [${i.shape.join(', ')}]`).join('; ')}). Re-export the model with a dynamic batch axis.`,
  );
}

function filledTensor(type: string, shape: number[], value: number): ort.Tensor {
  return makeTensor(type, shape, () => value, true);
}

export function makeFeeds(
  inputs: readonly TensorInfo[],
  settings: ShapeSettings | Readonly<Record<string, number>>,
  seed: number | 'zeros',
  values: Readonly<Record<string, number>> = {},
): { feeds: Record<string, ort.Tensor>; resolved: TensorInfo[] } {
  const random = seed === 'zeros' ? () => 0 : mulberry32(seed);
  assertBatchApplies(inputs, settings);
  const feeds: Record<string, ort.Tensor> = {};
  const resolved: TensorInfo[] = [];
  for (const input of inputs) {
    const shape = resolveShape(input, settings);
    const fixed = values[input.name];
    feeds[input.name] = fixed !== undefined ? filledTensor(input.type, shape, fixed) : makeTensor(input.type, shape, random, seed === 'zeros');
    resolved.push({ ...input, shape });
  }
  return { feeds, resolved };
}

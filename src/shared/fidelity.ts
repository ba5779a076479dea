/**
 * How closely a candidate model's outputs follow the reference (FP32) outputs on the same inputs:
 * the correctness gate's numbers. Pure arithmetic on plain arrays, so the optimizer, the CLI and
 * the renderer all judge with the same definitions:
 * - maxAbsError: max |c − r| over all elements;
 * - maxRelError: max |c − r| / |r| over elements whose reference is non-zero (a zero reference's
 *   error is in maxAbsError; dividing by it would say nothing);
 * - cosine: (c · r) / (‖c‖ ‖r‖) over each output as one vector (1 when both are all zeros);
 * - top1Agreement: the share of rows whose arg-max agrees, for a classifier's scores only: an
 *   output shaped [N, C] or [N, C, 1, 1] (C > 1), whose axis 1 holds the classes. Any other shape
 *   (a feature map [N, C, H, W], a sequence [N, T, C], a scalar, one element per row) has no
 *   class axis, and null: the arg-max of a feature map's channels would score agreement where
 *   there are no classes.
 * Elements where either side is NaN or ±Infinity and the two differ are counted as `nonFinite`
 * (JSON has no Infinity to carry them as an error) and are left out of the other figures.
 * Overall figures are the worst over outputs (largest errors, smallest cosine and agreement).
 */
import { z } from 'zod';

export interface OutputValues {
  name: string;
  dims: readonly number[];
  data: ArrayLike<number>;
}

export const OutputFidelitySchema = z.object({
  name: z.string(),
  elements: z.number().int(),
  maxAbsError: z.number().nullable(),
  maxRelError: z.number().nullable(),
  cosine: z.number().nullable(),
  top1Agreement: z.number().nullable(),
  nonFinite: z.number().int(),
  /** Set when the output could not be compared at all (missing, or shapes differ); the figures are then null. */
  problem: z.string().optional(),
});
export type OutputFidelity = z.infer<typeof OutputFidelitySchema>;

export const FidelitySchema = z.object({
  /** Null when some output could not be compared (see `problem`). */
  maxAbsError: z.number().nullable(),
  maxRelError: z.number().nullable(),
  cosine: z.number().nullable(),
  /** Null when no output has a class axis. */
  top1Agreement: z.number().nullable(),
  nonFinite: z.number().int(),
  problem: z.string().optional(),
  outputs: z.array(OutputFidelitySchema),
});
export type Fidelity = z.infer<typeof FidelitySchema>;

/** The class axis of a classifier's scores ([N, C] or [N, C, 1, 1], C > 1): 1; any other shape: -1. */
export function classAxis(dims: readonly number[]): number {
  if (dims.length < 2 || (dims[1] ?? 0) <= 1) return -1;
  return dims.slice(2).every((d) => d === 1) ? 1 : -1;
}

/**
 * Why top-1 agreement cannot be read as accuracy on these outputs (none is a classifier's
 * scores), naming each output and its shape; undefined when some output is a classifier's.
 */
export function accuracyShapeProblem(outputs: readonly { name: string; dims: readonly number[] }[]): string | undefined {
  if (outputs.length === 0) return 'there are no expected outputs (output_0.pb, …) to count it against';
  if (outputs.some((o) => classAxis(o.dims) >= 0)) return undefined;
  const named = outputs.map((o) => `'${o.name}' has shape [${o.dims.join(', ')}]`).join(', ');
  return `top-1 agreement is an accuracy only for a classifier's scores, shaped [N, C] or [N, C, 1, 1]; ${outputs.length === 1 ? 'the output' : 'no output is: output'} ${named}`;
}

/** Share of rows (positions on the axes other than the class axis) whose arg-max agrees. */
function top1(dims: readonly number[], r: ArrayLike<number>, c: ArrayLike<number>): number | null {
  const axis = classAxis(dims);
  if (axis < 0) return null;
  const classes = dims[axis] as number;
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const outer = dims.slice(0, axis).reduce((a, b) => a * b, 1);
  const argmax = (x: ArrayLike<number>, base: number) => {
    let best = 0;
    for (let k = 1; k < classes; k++) if ((x[base + k * inner] as number) > (x[base + best * inner] as number)) best = k;
    return best;
  };
  let agree = 0;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * classes * inner + i;
      if (argmax(r, base) === argmax(c, base)) agree++;
    }
  }
  return agree / (outer * inner);
}

function compareOne(ref: OutputValues, cand: OutputValues | undefined): OutputFidelity {
  const base = { name: ref.name, elements: ref.data.length, nonFinite: 0 };
  const none = { maxAbsError: null, maxRelError: null, cosine: null, top1Agreement: null };
  if (!cand) return { ...base, ...none, problem: `the candidate has no output '${ref.name}'` };
  if (cand.dims.join('x') !== ref.dims.join('x') || cand.data.length !== ref.data.length) {
    return { ...base, ...none, problem: `'${ref.name}' has shape [${cand.dims.join(', ')}], the reference [${ref.dims.join(', ')}]` };
  }
  let maxAbs = 0;
  let maxRel = 0;
  let dot = 0;
  let nr = 0;
  let nc = 0;
  let nonFinite = 0;
  for (let i = 0; i < ref.data.length; i++) {
    const r = ref.data[i] as number;
    const c = cand.data[i] as number;
    if (!Number.isFinite(r) || !Number.isFinite(c)) {
      if (!Object.is(r, c)) nonFinite++;
      continue;
    }
    const abs = Math.abs(c - r);
    if (abs > maxAbs) maxAbs = abs;
    if (r !== 0 && abs / Math.abs(r) > maxRel) maxRel = abs / Math.abs(r);
    dot += r * c;
    nr += r * r;
    nc += c * c;
  }
  const cosine = nr === 0 && nc === 0 ? 1 : nr === 0 || nc === 0 ? 0 : dot / Math.sqrt(nr * nc);
  return { ...base, nonFinite, maxAbsError: maxAbs, maxRelError: maxRel, cosine, top1Agreement: top1(ref.dims, ref.data, cand.data) };
}

const worst = (values: (number | null)[], pick: (...v: number[]) => number): number | null =>
  values.some((v) => v === null) || values.length === 0 ? null : pick(...(values as number[]));

/** Compares every reference output with the candidate's output of the same name. */
export function measureFidelity(reference: readonly OutputValues[], candidate: readonly OutputValues[]): Fidelity {
  const byName = new Map(candidate.map((c) => [c.name, c]));
  const outputs = reference.map((r) => compareOne(r, byName.get(r.name)));
  const problem = outputs.find((o) => o.problem)?.problem;
  const classified = outputs.map((o) => o.top1Agreement).filter((v): v is number => v !== null);
  return {
    maxAbsError: worst(outputs.map((o) => o.maxAbsError), Math.max),
    maxRelError: worst(outputs.map((o) => o.maxRelError), Math.max),
    cosine: worst(outputs.map((o) => o.cosine), Math.min),
    top1Agreement: problem !== undefined || classified.length === 0 ? null : Math.min(...classified),
    nonFinite: outputs.reduce((a, o) => a + o.nonFinite, 0),
    ...(problem !== undefined ? { problem } : {}),
    outputs,
  };
}

/**
 * How far one set of outputs is from another, for the optimizer's correctness gate: the figures
 * of `shared/fidelity.ts` (max abs and relative error, cosine, top-1 agreement along the class
 * axis), the one definition `dyno convert` and the transforms' validation also use, taken over
 * ONNX Runtime tensors. String outputs have no numeric distance and are left out.
 */
import type * as ort from 'onnxruntime-node';
import type { Fidelity } from '../../shared/optimizer/search';
import { measureFidelity, type OutputValues } from '../../shared/fidelity';
import { toNumbers } from './check-outputs';

function values(outputs: Record<string, ort.Tensor>, names: ReadonlySet<string>): OutputValues[] {
  return Object.entries(outputs)
    .filter(([name, t]) => names.has(name) && t.type !== 'string')
    .map(([name, t]) => ({ name, dims: t.dims, data: toNumbers(t) }));
}

/** `actual` against `reference`, output by output; an output that cannot be compared counts as the worst. */
export function fidelityOf(actual: Record<string, ort.Tensor>, reference: Record<string, ort.Tensor>): Omit<Fidelity, 'vsExpected'> {
  const numeric = new Set(Object.entries(reference).filter(([, t]) => t.type !== 'string').map(([name]) => name));
  const f = measureFidelity(values(reference, numeric), values(actual, numeric));
  // A missing output, another shape, or a NaN where the reference has a number: the worst case,
  // so the gate rejects it (the gate's schema has no null and JSON no Infinity past this point).
  if (f.problem !== undefined || f.nonFinite > 0 || f.maxAbsError === null || f.maxRelError === null || f.cosine === null) {
    return { maxAbsError: Infinity, maxRelError: Infinity, cosine: 0, top1Agreement: 0 };
  }
  return { maxAbsError: f.maxAbsError, maxRelError: f.maxRelError, cosine: f.cosine, ...(f.top1Agreement !== null ? { top1Agreement: f.top1Agreement } : {}) };
}

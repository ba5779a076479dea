/**
 * How far one set of outputs is from another, for the optimizer's correctness gate: the element
 * errors of ONNX's backend-test comparison (check-outputs.ts), plus the cosine similarity of
 * each output and, for classifier-shaped outputs ([N, C] with C > 1), the share of rows whose
 * arg-max (top-1 class) agrees.
 */
import type * as ort from 'onnxruntime-node';
import type { Fidelity } from '../../shared/optimizer/search';
import { compareOutputs, toNumbers } from './check-outputs';

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < b.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  if (na === 0 && nb === 0) return 1;
  if (na === 0 || nb === 0) return 0;
  return dot / Math.sqrt(na * nb);
}

function argmaxRows(v: ArrayLike<number>, rows: number, cols: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < cols; c++) if ((v[r * cols + c] as number) > (v[r * cols + best] as number)) best = c;
    out.push(best);
  }
  return out;
}

/** `actual` against `reference`, output by output; an output that cannot be compared counts as the worst. */
export function fidelityOf(actual: Record<string, ort.Tensor>, reference: Record<string, ort.Tensor>): Omit<Fidelity, 'vsExpected'> {
  const check = compareOutputs(actual, reference);
  const broken = check.outputs.find((o) => o.problem);
  if (broken) return { maxAbsError: Infinity, maxRelError: Infinity, cosine: 0, top1Agreement: 0 };
  let cos = 1;
  let agree = 0;
  let rowsSeen = 0;
  for (const [name, ref] of Object.entries(reference)) {
    const got = actual[name];
    if (!got || ref.type === 'string') continue;
    const a = toNumbers(got);
    const e = toNumbers(ref);
    cos = Math.min(cos, cosine(a, e));
    const [rows, cols] = ref.dims;
    if (ref.dims.length === 2 && rows !== undefined && cols !== undefined && cols > 1) {
      const ra = argmaxRows(a, rows, cols);
      const re = argmaxRows(e, rows, cols);
      agree += ra.filter((c, i) => c === re[i]).length;
      rowsSeen += rows;
    }
  }
  return { maxAbsError: check.maxAbsError, maxRelError: check.maxRelError, cosine: cos, ...(rowsSeen > 0 ? { top1Agreement: agree / rowsSeen } : {}) };
}

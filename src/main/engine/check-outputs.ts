/**
 * Compares outputs with expected tensors the way ONNX's backend tests do: element-wise
 * |actual − expected| ≤ atol + rtol·|expected|, with NaN equal to NaN and equal infinities equal.
 */
import type * as ort from 'onnxruntime-node';
import type { OutputCheck } from '../../shared/run-results';
import { fromFloat16Bits } from '../../shared/float16';

export const DEFAULT_RTOL = 1e-3;
export const DEFAULT_ATOL = 1e-7;

export function toNumbers(t: ort.Tensor): ArrayLike<number> {
  const d = t.data;
  if (d instanceof BigInt64Array || d instanceof BigUint64Array) return Array.from(d, Number);
  if (t.type === 'float16') return Array.from(d as Uint16Array, fromFloat16Bits);
  return d as ArrayLike<number>;
}

export function compareOutputs(
  actual: Record<string, ort.Tensor>,
  expected: Record<string, ort.Tensor>,
  rtol = DEFAULT_RTOL,
  atol = DEFAULT_ATOL,
): OutputCheck {
  const outputs = Object.entries(expected).map(([name, e]) => {
    const a = actual[name];
    const base = { name, maxAbsError: 0, maxRelError: 0, mismatched: 0, elements: e.size };
    if (!a) return { ...base, passed: false, problem: 'the model produced no such output' };
    if (a.dims.join('x') !== e.dims.join('x')) return { ...base, passed: false, problem: `shape [${a.dims}] differs from expected [${e.dims}]` };
    if (e.type === 'string') {
      const equal = a.data.every((v, i) => v === e.data[i]);
      return { ...base, passed: equal, ...(equal ? {} : { problem: 'string values differ' }) };
    }
    const av = toNumbers(a);
    const ev = toNumbers(e);
    let maxAbs = 0;
    let maxRel = 0;
    let mismatched = 0;
    for (let i = 0; i < ev.length; i++) {
      const x = av[i] as number;
      const y = ev[i] as number;
      if (Number.isNaN(x) && Number.isNaN(y)) continue;
      if (x === y) continue; // covers equal infinities
      const abs = Math.abs(x - y);
      const rel = y === 0 ? (abs === 0 ? 0 : Infinity) : abs / Math.abs(y);
      if (!(abs <= atol + rtol * Math.abs(y))) mismatched++;
      if (abs > maxAbs || Number.isNaN(abs)) maxAbs = Number.isNaN(abs) ? Infinity : abs;
      if (rel > maxRel) maxRel = rel;
    }
    return { ...base, maxAbsError: maxAbs, maxRelError: maxRel, mismatched, passed: mismatched === 0 };
  });
  return {
    passed: outputs.every((o) => o.passed),
    maxAbsError: Math.max(0, ...outputs.map((o) => o.maxAbsError)),
    maxRelError: Math.max(0, ...outputs.map((o) => o.maxRelError)),
    rtol,
    atol,
    outputs,
  };
}

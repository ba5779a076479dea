/**
 * `dyno convert`: an FP16 or INT8 (dynamic, or static with --calibrate) copy of a model, what was converted and skipped (with why), and
 * how closely its outputs follow the original's on the same inputs (given, or seeded random).
 */
import { statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { agree, formatBytes, plural } from '../../shared/format';
import type { Fidelity } from '../../shared/fidelity';
import { transformModel, type TransformKind, type TransformResult } from '../models/transforms';
import { CliError } from './errors';
import { outputFormat, type OutputFlags } from './output-options';

import type { CONVERT_TARGETS } from './command-options';
export { CONVERT_TARGETS } from './command-options';
const KIND_OF: Record<(typeof CONVERT_TARGETS)[number], TransformKind> = { fp16: 'fp16', int8: 'int8-dynamic' };

export interface ConvertFlags extends OutputFlags {
  to: (typeof CONVERT_TARGETS)[number];
  output?: string;
  inputs?: string;
  calibrate?: string;
  dim: Record<string, number>;
  seed: number;
}

/** model.onnx → model.fp16.onnx beside it. */
export function defaultOutput(model: string, to: string): string {
  return join(dirname(model), `${basename(model).replace(/\.onnx$/i, '')}.${to}.onnx`);
}

const g = (v: number | null, digits = 3): string => (v === null ? 'n/a' : v === 0 ? '0' : Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4 ? v.toExponential(digits - 1) : v.toPrecision(digits));

/** Enough digits that a cosine just under 1 does not print as 1 (0.99999998, not 1.0000000). */
export function cosineText(c: number | null): string {
  if (c === null) return 'n/a';
  if (c >= 1) return '1';
  return c.toFixed(Math.min(12, Math.max(4, Math.ceil(-Math.log10(1 - c)) + 1)));
}

export function fidelityLine(f: Fidelity, source: string): string {
  if (f.problem) return `  fidelity: not comparable: ${f.problem}`;
  const top1 = f.top1Agreement === null ? '' : `, top-1 agreement ${(f.top1Agreement * 100).toFixed(1)} %`;
  const nonFinite = f.nonFinite > 0 ? `, ${plural(f.nonFinite, 'non-finite value')} ${agree(f.nonFinite, 'differs', 'differ')}` : '';
  return `  fidelity vs the original (${source}): max abs error ${g(f.maxAbsError)}, max rel error ${g(f.maxRelError)}, cosine ${cosineText(f.cosine)}${top1}${nonFinite}`;
}

function human(model: string, kind: TransformKind, r: TransformResult, before: number, after: number, source: string): string {
  const lines = [
    `${basename(model)} → ${r.outPath} (${kind}): ${plural(r.converted, 'node')} converted, ${r.skipped.length} skipped; ${formatBytes(before)} → ${formatBytes(after)}`,
    ...(r.converted === 0 ? ['  nothing was converted: the written model computes what the original does'] : []),
    ...r.skipped.map((s) => `  skipped ${s.op} '${s.node}': ${s.reason}`),
    ...r.notes.map((n) => `  note: ${n}`),
    ...(r.fidelity ? [fidelityLine(r.fidelity, source)] : []),
  ];
  return lines.join('\n');
}

export async function convert(model: string, o: ConvertFlags): Promise<number> {
  const json = outputFormat(o) === 'json';
  const input = resolve(model);
  const out = resolve(o.output ?? defaultOutput(input, o.to));
  if (out === input) throw new CliError(`-o ${o.output} is the model itself; write the converted copy to another file.`);
  if (o.calibrate && o.to !== 'int8') throw new CliError(`--calibrate is for --to int8 (static quantization), not --to ${o.to}.`);
  const kind: TransformKind = o.calibrate ? 'int8-static' : KIND_OF[o.to];
  const inputs = o.inputs ? resolve(o.inputs) : undefined;
  const calibration = o.calibrate ? resolve(o.calibrate) : undefined;
  const r = await transformModel(input, kind, out, { dims: o.dim, seed: o.seed, ...(inputs ? { inputs } : {}), ...(calibration ? { calibration } : {}) });
  const before = statSync(input).size;
  const after = statSync(out).size;
  const source = inputs ? `inputs from ${o.inputs}` : calibration ? `the first calibration set in ${o.calibrate}` : `seeded random inputs, seed ${o.seed}`;
  if (json) {
    process.stdout.write(JSON.stringify({ model: input, output: out, kind, converted: r.converted, skipped: r.skipped, notes: r.notes, sizeBytes: { before, after }, inputs: source, fidelity: r.fidelity }, null, 2) + '\n');
  } else process.stdout.write(human(input, kind, r, before, after, source) + '\n');
  return 0;
}

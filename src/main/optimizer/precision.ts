/**
 * Precision as an optimizer factor: a level other than fp32 runs a transformed copy of the model
 * (kept with the study). The transforms (FP16, INT8 dynamic) are built in
 * src/main/models/transforms/; until they are, `TRANSFORM` stays undefined and the factor is
 * skipped with the reason "transform not available". Wiring them is the one line below.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Precision } from '../../shared/optimizer/factors';

export interface TransformResult {
  outPath: string;
  converted: number;
  skipped: { op: string; reason: string }[];
}
export type TransformFn = (inputPath: string, kind: Exclude<Precision, 'fp32'>, outPath: string) => TransformResult | Promise<TransformResult>;

// Wire the transforms here once they land: `export const TRANSFORM: TransformFn | undefined = transformModel;`
export const TRANSFORM: TransformFn | undefined = undefined;

/** The model file for a precision: the original for fp32, else its transformed copy in the study's folder (made once). */
export async function modelFor(precision: Precision, modelPath: string, studyDir: string, transform: TransformFn | undefined): Promise<{ path: string; skipped: TransformResult['skipped'] }> {
  if (precision === 'fp32') return { path: modelPath, skipped: [] };
  if (!transform) throw new Error('transform not available');
  mkdirSync(join(studyDir, 'models'), { recursive: true });
  const outPath = join(studyDir, 'models', `${basename(modelPath, '.onnx')}.${precision}.onnx`);
  if (existsSync(outPath)) return { path: outPath, skipped: [] };
  const result = await transform(modelPath, precision, outPath);
  return { path: result.outPath, skipped: result.skipped };
}

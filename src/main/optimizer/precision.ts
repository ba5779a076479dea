/**
 * Precision as an optimizer factor: a level other than fp32 runs a transformed copy of the model
 * (kept with the study), made by the transforms in src/main/models/transforms/ (FP16, INT8
 * dynamic), which validate their result in ONNX Runtime before writing it. `TRANSFORM` is a
 * value rather than a direct call so tests can plug in stand-ins (a transform that breaks the
 * outputs, one that fails) to prove the gate and the failed-trial path.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Precision } from '../../shared/optimizer/factors';
import { transformModel } from '../models/transforms';

export interface TransformResult {
  outPath: string;
  converted: number;
  skipped: { op: string; reason: string }[];
}
export type TransformFn = (inputPath: string, kind: Exclude<Precision, 'fp32'>, outPath: string) => TransformResult | Promise<TransformResult>;

export const TRANSFORM: TransformFn | undefined = transformModel;

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

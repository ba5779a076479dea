/**
 * Model transforms over the ONNX protobuf — FP16, INT8 dynamic, INT8 static (QDQ) — each validated by loading and
 * running the result in ONNX Runtime (CPU provider) beside the original on the same inputs. The
 * optimizer keeps the result with its study; `dyno convert` prints it.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type * as ort from 'onnxruntime-node';
import type { Fidelity } from '../../../shared/fidelity';
import { elementTypes } from './element-types';
import { convertToFloat16 } from './fp16';
import { quantizeDynamicInt8 } from './int8-dynamic';
import { calibrate, quantizeStaticQdq, tensorsToCalibrate } from './int8-static';
import { cloneModel, encodeModel, readModel, TransformError, type Model } from './onnx-model';
import type { SkippedNode, TransformOutcome } from './skipped';
import { calibrationFolders, calibrationSets, compareModels, inputInfo, loadFailure, openSession, type FeedOptions } from './validate';

export { TransformError } from './onnx-model';
export { FP16_BLOCK_LIST } from './fp16';
export type { SkippedNode } from './skipped';

export const TRANSFORM_KINDS = ['fp16', 'int8-dynamic', 'int8-static'] as const;
export type TransformKind = (typeof TRANSFORM_KINDS)[number];

export interface TransformOptions extends FeedOptions {
  /** int8-static: calibration inputs, a folder of test_data_set_N folders or one set of input_N.pb / NAME.npy files. Fidelity is then measured on `inputs`, else on the first set. */
  calibration?: string;
  /** Compare the result's outputs with the original's (default true); loading it is always checked. */
  fidelity?: boolean;
}

export interface TransformResult {
  outPath: string;
  converted: number;
  skipped: SkippedNode[];
  notes: string[];
  /** The result's outputs against the original's on the same inputs; null with `fidelity: false`. */
  fidelity: Fidelity | null;
}

/** ONNX Runtime refusing an op in float16 keeps that op in float32 and tries again, this many times at most. */
const FP16_RETRIES = 6;

type Rewrite = (copy: Model, keepOps: ReadonlyMap<string, string>) => TransformOutcome;

async function transformAndLoad(model: Model, kind: TransformKind, rewrite: Rewrite, label: string): Promise<{ outcome: TransformOutcome; bytes: Uint8Array; session: ort.InferenceSession }> {
  const keepOps = new Map<string, string>();
  for (let attempt = 0; ; attempt++) {
    const copy = cloneModel(model);
    const outcome = rewrite(copy, keepOps);
    const bytes = encodeModel(copy);
    try {
      return { outcome, bytes, session: await openSession(bytes) };
    } catch (err) {
      const f = loadFailure(err);
      const where = f.node !== undefined ? ` at ${f.op} node '${f.node}'` : '';
      if (kind !== 'fp16' || !f.op || keepOps.has(f.op) || attempt >= FP16_RETRIES) {
        throw new TransformError(`${kind}: the transformed ${label} does not load in ONNX Runtime${where}: ${f.message}`);
      }
      keepOps.set(f.op, `ONNX Runtime refused it in float16 (${f.message.slice(0, 160)})`);
    }
  }
}

async function withSession<T>(path: string, use: (s: ort.InferenceSession) => T): Promise<T> {
  const s = await openSession(path);
  try {
    return use(s);
  } finally {
    await s.release();
  }
}

function writeAtomically(path: string, bytes: Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new TransformError(`Could not write ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Transforms the model at `inputPath` into `outPath`. Ops the transform cannot handle are left
 * as they were and listed in `skipped`; a result ONNX Runtime cannot load is an error naming
 * the op, and nothing is written.
 */
export async function transformModel(inputPath: string, kind: TransformKind, outPath: string, opts: TransformOptions = {}): Promise<TransformResult> {
  const label = basename(inputPath);
  const model = readModel(inputPath);
  const types = await elementTypes(model, inputPath);
  let compareOn: FeedOptions = opts;
  let rewrite: Rewrite;
  if (kind === 'fp16') rewrite = (copy, keepOps) => convertToFloat16(copy, types, { keepOps });
  else if (kind === 'int8-dynamic') rewrite = (copy) => quantizeDynamicInt8(copy, types);
  else {
    if (!opts.calibration) throw new TransformError('int8-static needs calibration inputs: a folder of test_data_set_N folders, or one folder of input_N.pb / NAME.npy files.');
    const sets = await withSession(inputPath, (s) => calibrationSets(opts.calibration as string, inputInfo(s)));
    const ranges = await calibrate(model, tensorsToCalibrate(model, types), sets);
    rewrite = (copy) => quantizeStaticQdq(copy, types, ranges);
    if (!opts.inputs) compareOn = { ...opts, inputs: calibrationFolders(opts.calibration)[0] as string };
  }
  const { outcome, bytes, session } = await transformAndLoad(model, kind, rewrite, label);
  try {
    let fidelity: Fidelity | null = null;
    if (opts.fidelity !== false) {
      const original = await openSession(inputPath);
      try {
        fidelity = await compareModels(original, session, compareOn, kind);
      } finally {
        await original.release();
      }
    }
    writeAtomically(outPath, bytes);
    return { outPath, converted: outcome.converted, skipped: outcome.skipped, notes: outcome.notes, fidelity };
  } finally {
    await session.release();
  }
}

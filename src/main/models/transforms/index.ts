/**
 * Model transforms over the ONNX protobuf — FP16, INT8 dynamic — each validated by loading and
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
import { cloneModel, encodeModel, readModel, TransformError, type Model } from './onnx-model';
import type { SkippedNode, TransformOutcome } from './skipped';
import { compareModels, loadFailure, openSession, type FeedOptions } from './validate';

export { TransformError } from './onnx-model';
export { FP16_BLOCK_LIST } from './fp16';
export type { SkippedNode } from './skipped';

export const TRANSFORM_KINDS = ['fp16', 'int8-dynamic', 'int8-static'] as const;
export type TransformKind = (typeof TRANSFORM_KINDS)[number];

export interface TransformOptions extends FeedOptions {
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

async function transformAndLoad(model: Model, kind: TransformKind, types: Map<string, number>, label: string): Promise<{ outcome: TransformOutcome; bytes: Uint8Array; session: ort.InferenceSession }> {
  if (kind === 'int8-static') throw new TransformError('int8-static (QDQ with calibration data) is not available yet; use int8-dynamic.');
  const keepOps = new Map<string, string>();
  for (let attempt = 0; ; attempt++) {
    const copy = cloneModel(model);
    const outcome = kind === 'fp16' ? convertToFloat16(copy, types, { keepOps }) : quantizeDynamicInt8(copy, types);
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
  const { outcome, bytes, session } = await transformAndLoad(model, kind, types, label);
  try {
    let fidelity: Fidelity | null = null;
    if (opts.fidelity !== false) {
      const original = await openSession(inputPath);
      try {
        fidelity = await compareModels(original, session, opts);
      } catch (err) {
        throw new TransformError(`${kind}: the transformed ${label} loads but does not run: ${loadFailure(err).message}`);
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

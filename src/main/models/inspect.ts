/**
 * Reads a model's interface (inputs, outputs, element types, shapes with symbolic dims) by
 * loading it in ONNX Runtime, so what Dyno shows is exactly what the benchmark will see.
 */
import * as ort from 'onnxruntime-node';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ModelInfo, TensorInfo } from '../../shared/model';
import { normalizeDim } from '../engine/inputs';
import { explainOrtError } from '../engine/ort-errors';
import { ModelError } from './model-error';
import { readModelDetails } from './onnx-graph';

export { ModelError };

function toTensorInfo(m: ort.InferenceSession.ValueMetadata): TensorInfo {
  return { name: m.name, type: m.isTensor ? m.type : 'unknown', shape: m.isTensor ? m.shape.map(normalizeDim) : [] };
}

export async function inspectModel(path: string): Promise<ModelInfo> {
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new ModelError(`${path} is a folder; choose an .onnx file.`);
    size = s.size;
  } catch (err) {
    if (err instanceof ModelError) throw err;
    throw new ModelError(`Model file not found: ${path}`);
  }
  if (size === 0) throw new ModelError(`${basename(path)} is empty (0 bytes); it is not an ONNX model.`);
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(path, { logSeverityLevel: 3, graphOptimizationLevel: 'disabled' });
  } catch (err) {
    throw new ModelError(explainOrtError(err, path));
  }
  try {
    return {
      path,
      fileName: basename(path),
      sizeBytes: size,
      inputs: session.inputMetadata.map(toTensorInfo),
      outputs: session.outputMetadata.map(toTensorInfo),
      details: readModelDetails(path),
    };
  } finally {
    await session.release();
  }
}

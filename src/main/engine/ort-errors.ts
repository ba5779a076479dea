/**
 * Turns ONNX Runtime's exceptions into one line a user can act on. ORT's messages carry C++
 * source locations and stack fragments; the user needs what failed and what to do.
 */
import { basename } from 'node:path';

export function explainOrtError(err: unknown, modelPath: string): string {
  const raw = err instanceof Error ? err.message : String(err);
  const firstLine = raw.split('\n')[0]?.trim() ?? raw;
  const file = basename(modelPath);
  const missingKernel = /Could not find an implementation for (\w+)\((\d+)\)/.exec(raw);
  if (missingKernel) {
    const [, op, opset] = missingKernel;
    return `${file}: ONNX Runtime has no kernel for ${op} at opset ${opset}; re-export the model at a newer opset (e.g. torch.onnx.export(..., opset_version=17)).`;
  }
  if (/protobuf parsing failed|Protobuf parsing failed|failed to load model|Load model from .* failed/i.test(raw)) {
    return `${file} is not a valid ONNX model (ONNX Runtime could not parse it: it may be truncated or another file type). ${firstLine.replace(/^.*?(Load model|Protobuf)/i, '$1')}`;
  }
  if (/No such file|ENOENT|doesn't exist/i.test(raw)) return `Model file not found: ${modelPath}`;
  return `${file}: ${firstLine.replace(/^\[ONNXRuntimeError\]\s*:\s*\d+\s*:\s*\w+\s*:\s*/, '')}`;
}

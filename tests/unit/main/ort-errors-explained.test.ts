import { describe, expect, it } from 'vitest';
import { explainOrtError } from '../../../src/main/engine/ort-errors';

describe("ONNX Runtime errors become one actionable line", () => {
  it('names the op and opset of a missing kernel and what to do', () => {
    const msg = explainOrtError(new Error("Could not find an implementation for Gemm(6) node with name ''"), '/m/linear.onnx');
    expect(msg).toBe('linear.onnx: ONNX Runtime has no kernel for Gemm at opset 6; re-export the model at a newer opset (e.g. torch.onnx.export(..., opset_version=17)).');
  });
  it('calls an unparseable file not an ONNX model', () => {
    const msg = explainOrtError(new Error('Load model from /tmp/x.onnx failed:Protobuf parsing failed.'), '/tmp/x.onnx');
    expect(msg).toMatch(/^x\.onnx is not a valid ONNX model/);
    expect(msg.split('\n')).toHaveLength(1);
  });
  it('reports a missing file by path', () => {
    expect(explainOrtError(new Error("Load model /a/b.onnx failed. File doesn't exist"), '/a/b.onnx')).toBe('Model file not found: /a/b.onnx');
  });
});

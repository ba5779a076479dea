/**
 * The element type of every value in a graph, as ONNX Runtime infers it: each node output is made
 * a graph output (without a declared type) and the model is loaded with optimisation off, so ORT's
 * own type inference — contrib ops included — answers. Nothing is run.
 */
import * as ort from 'onnxruntime-node';
import { explainOrtError } from '../../engine/ort-errors';
import { cloneModel, encodeModel, onnx, TransformError, type Model } from './onnx-model';

const ONNX_OF_ORT: Record<string, number> = {
  float32: 1, uint8: 2, int8: 3, uint16: 4, int16: 5, int32: 6, int64: 7, string: 8, bool: 9, float16: 10, float64: 11, uint32: 12, uint64: 13,
};

export async function elementTypes(model: Model, label: string): Promise<Map<string, number>> {
  const probe = cloneModel(model);
  const graph = probe.graph as NonNullable<Model['graph']>;
  const outputs = new Set((graph.output ?? []).map((o) => o.name));
  for (const n of graph.node ?? []) {
    for (const o of n.output ?? []) {
      if (o && !outputs.has(o)) {
        (graph.output ??= []).push(onnx.ValueInfoProto.create({ name: o }));
        outputs.add(o);
      }
    }
  }
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(encodeModel(probe), { graphOptimizationLevel: 'disabled', logSeverityLevel: 3 });
  } catch (err) {
    throw new TransformError(`The original model does not load in ONNX Runtime, so it cannot be transformed: ${explainOrtError(err, label)}`);
  }
  const types = new Map<string, number>();
  try {
    for (const m of [...session.inputMetadata, ...session.outputMetadata]) if (m.isTensor) types.set(m.name, ONNX_OF_ORT[m.type] ?? 0);
  } finally {
    await session.release();
  }
  for (const t of graph.initializer ?? []) types.set(t.name ?? '', t.dataType ?? 0);
  return types;
}

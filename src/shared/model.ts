/**
 * What Dyno knows about an ONNX model's interface. Shapes keep symbolic dimensions as strings
 * (e.g. "batch") and unnamed dynamic dimensions as "?", so a user sees exactly what must be set.
 */
import { z } from 'zod';

export const TENSOR_TYPES = [
  'float32', 'float16', 'float64', 'bfloat16',
  'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64',
  'bool', 'string',
] as const;

export const DimSchema = z.union([z.number().int().nonnegative(), z.string()]);
export type Dim = z.infer<typeof DimSchema>;

export const TensorInfoSchema = z.object({
  name: z.string(),
  /** ONNX element type as ONNX Runtime names it, or "unknown" for non-tensor values. */
  type: z.string(),
  shape: z.array(DimSchema),
});
export type TensorInfo = z.infer<typeof TensorInfoSchema>;

export const ModelDetailsSchema = z.object({
  irVersion: z.number().int(),
  producer: z.string(),
  graphName: z.string(),
  opsets: z.array(z.object({ domain: z.string(), version: z.number().int() })),
  nodeCount: z.number().int(),
  /** Operator types by count, subgraphs (If, Loop, Scan bodies) included. */
  opHistogram: z.array(z.object({ op: z.string(), count: z.number().int() })),
  /** Elements stored in initializers (weights generated in-graph are not counted). */
  parameterCount: z.number(),
  parameterBytes: z.number(),
  metadata: z.record(z.string(), z.string()),
  docString: z.string(),
});
export type ModelDetails = z.infer<typeof ModelDetailsSchema>;

export const ModelInfoSchema = z.object({
  path: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  inputs: z.array(TensorInfoSchema),
  outputs: z.array(TensorInfoSchema),
  details: ModelDetailsSchema,
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

export const SampleModelSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  path: z.string(),
  isDefault: z.boolean(),
});
export type SampleModel = z.infer<typeof SampleModelSchema>;

/** True when every dimension is a concrete number (nothing left for the user to set). */
export function isStaticShape(shape: readonly Dim[]): shape is number[] {
  return shape.every((d) => typeof d === 'number');
}

export function formatShape(shape: readonly Dim[]): string {
  return shape.length === 0 ? 'scalar' : `[${shape.join(', ')}]`;
}

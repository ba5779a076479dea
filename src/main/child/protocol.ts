/**
 * Messages between the host and the benchmark worker process. The worker is a separate
 * process because onnxruntime-node's session.run blocks its event loop and a model can crash
 * it; everything it sends is parsed here before the host trusts it.
 */
import { z } from 'zod';
import { ModelInfoSchema, TensorInfoSchema } from '../../shared/model';
import { EXECUTION_PROVIDERS, RunConfigSchema } from '../../shared/run';
import { SampleBatchSchema } from '../../shared/sample-batch';
import { OutputCheckSchema, ProfileSchema } from '../../shared/run-results';
import { FidelitySchema } from '../../shared/optimizer/fidelity-schema';
import { ModelGraphSchema, NodeProfileSchema } from '../../shared/model-graph';

export const HostToWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), runId: z.string(), config: RunConfigSchema, artifactsDir: z.string() }),
  z.object({ type: z.literal('cancel') }),
  /** Can a session be created with this provider? (loading a GPU provider may crash: hence a process) */
  z.object({ type: z.literal('probe'), provider: z.enum(EXECUTION_PROVIDERS), modelPath: z.string() }),
  /** Read a model's interface and details: loading a large model stalls its thread (0.7 s for 272 MiB), so not in the host. */
  /**
   * With a jobId the worker is a warm inspector (child/warm-inspector.ts): it answers each
   * inspection with the same jobId and stays up for the next; without one, it answers once and exits.
   */
  z.object({ type: z.literal('inspect'), modelPath: z.string(), jobId: z.number().int().optional() }),
  /** Read a model's graph for the graph view and, given a run's stored trace, its time per node (both parse large files). */
  z.object({
    type: z.literal('graph'),
    modelPath: z.string(),
    trace: z.object({ file: z.string(), keepLastRuns: z.number().int().nonnegative(), runId: z.string(), executionProvider: z.string() }).optional(),
  }),
  /** One inference for the optimizer's correctness gate: optionally keep inputs and outputs in `writeDir`, compare with each reference folder. */
  z.object({ type: z.literal('outputs'), config: RunConfigSchema, writeDir: z.string().optional(), references: z.array(z.string()) }),
]);
export type HostToWorker = z.infer<typeof HostToWorkerSchema>;

export const WorkerToHostSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    sessionCreateMs: z.number(),
    inputs: z.array(TensorInfoSchema),
    samplesPerIteration: z.number().int(),
  }),
  z.object({ type: z.literal('samples'), batch: SampleBatchSchema }),
  z.object({
    type: z.literal('done'),
    firstRunMs: z.number(),
    measuredWallMs: z.number(),
    aborted: z.boolean(),
    peakRssBytes: z.number(),
    inputs: z.array(TensorInfoSchema),
    samplesPerIteration: z.number().int(),
    intraOpThreads: z.number().int(),
    check: OutputCheckSchema.optional(),
    profile: ProfileSchema.optional(),
  }),
  z.object({ type: z.literal('error'), message: z.string(), jobId: z.number().int().optional() }),
  z.object({ type: z.literal('probed'), available: z.boolean(), reason: z.string().optional() }),
  /** A warm inspector's answers carry the jobId asked with and its resident memory, so the host can recycle it. */
  z.object({ type: z.literal('inspected'), model: ModelInfoSchema, jobId: z.number().int().optional(), rssBytes: z.number().optional() }),
  z.object({ type: z.literal('graph-read'), graph: ModelGraphSchema, profile: NodeProfileSchema.optional() }),
  z.object({ type: z.literal('outputs-compared'), fidelity: z.array(FidelitySchema) }),
]);
export type WorkerToHost = z.infer<typeof WorkerToHostSchema>;

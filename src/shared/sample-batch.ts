/**
 * Samples travel and rest in batches of typed arrays: one timing loop iteration costs a few
 * stores into preallocated memory, not an object for the garbage collector, and a batch is
 * one IPC message and one database row. A batch never spans warm-up and measurement.
 */
import { z } from 'zod';
import type { Sample } from './run';

export interface SampleBatch {
  phase: 'warmup' | 'measure';
  /** Iteration index (within its phase) of the first sample. */
  firstI: number;
  /** Start of each iteration on the shared time base (ms since the epoch). */
  tMs: Float64Array<ArrayBuffer>;
  latencyMs: Float64Array<ArrayBuffer>;
}

export const SampleBatchSchema = z
  .object({
    phase: z.enum(['warmup', 'measure']),
    firstI: z.number().int().nonnegative(),
    tMs: z.instanceof(Float64Array),
    latencyMs: z.instanceof(Float64Array),
  })
  .refine((b) => b.tMs.length === b.latencyMs.length, { message: 'tMs and latencyMs differ in length' });

export function batchSample(b: SampleBatch, k: number): Sample {
  return { i: b.firstI + k, phase: b.phase, tMs: b.tMs[k] as number, latencyMs: b.latencyMs[k] as number };
}

export function batchToSamples(b: SampleBatch): Sample[] {
  return Array.from({ length: b.latencyMs.length }, (_, k) => batchSample(b, k));
}

/** The correctness gate's figures as they cross the worker's IPC (parsed before the host trusts them). */
import { z } from 'zod';

const Errors = { maxAbsError: z.number(), maxRelError: z.number(), cosine: z.number() };
export const FidelitySchema = z.object({
  ...Errors,
  top1Agreement: z.number().optional(),
  vsExpected: z.object(Errors).optional(),
  /**
   * Accuracy on the labelled data: top-1 agreement with the test_data_set's expected outputs
   * (absent without them; null where the outputs have no class axis).
   */
  accuracy: z.number().nullable().optional(),
});
/**
 * How far a candidate's outputs are from the FP32 baseline's on the same inputs: the largest
 * absolute and relative element error, the least cosine similarity over the outputs, and for
 * classifier-shaped outputs ([N, C], C > 1) the share of rows whose top-1 class agrees; with a
 * test_data_set folder, the same against its expected outputs.
 */
export type Fidelity = z.infer<typeof FidelitySchema>;

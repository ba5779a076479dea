/**
 * What a command run streams while it goes (the `run.output` and `run.metrics` events): its
 * output in bounded chunks, and the metric values read from it, each tagged with the run
 * (warm-up or measured, and its index) it came from.
 */
import { z } from 'zod';
import { MetricPointSchema } from './results';

const RunTagSchema = { phase: z.enum(['warmup', 'measure']), i: z.number().int().nonnegative() };

export const CommandOutputSchema = z.object({
  ...RunTagSchema,
  stream: z.enum(['stdout', 'stderr']),
  text: z.string(),
  /** Characters left out of this chunk because the program printed faster than is worth streaming. */
  dropped: z.number().int().nonnegative(),
});
export type CommandOutput = z.infer<typeof CommandOutputSchema>;

export const CommandMetricsSchema = z.object({ ...RunTagSchema, points: z.array(MetricPointSchema) });
export type CommandMetrics = z.infer<typeof CommandMetricsSchema>;

/** One "try next" item and its id list, apart from the rules so the rules and the JSON format can share them. */
import { z } from 'zod';
import type { Run } from '../run';
import type { Candidate } from '../optimizer/factors';

export const ADVICE_IDS = ['idle-cores', 'threads-oversubscribed', 'gpu-underused', 'cpu-fallback', 'cold-start', 'noisy', 'int8'] as const;
export type AdviceId = (typeof ADVICE_IDS)[number];

export const AdviceItemSchema = z.object({
  id: z.enum(ADVICE_IDS),
  /** What to try, in a few words ("Use 2 intra-op threads"). */
  title: z.string(),
  /** The measured figures it rests on, in one sentence. */
  evidence: z.string(),
  /** What may change and why, said without a predicted gain. */
  why: z.string(),
  /**
   * The factor levels over this run's configuration that "try it" runs: {} reruns it unchanged
   * (to measure its repeatability), null when the remedy lies outside the run's settings.
   */
  change: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable(),
});
export type AdviceItem = Omit<z.infer<typeof AdviceItemSchema>, 'change'> & { change: Candidate | null };

export type CompletedRun = Extract<Run, { status: 'completed' }>;


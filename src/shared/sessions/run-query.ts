/**
 * What the Sessions list asks the store: which runs (a filter), in what order (a sort), and
 * which page. The host turns these into one indexed SQLite query, so a list of 10,000 runs is
 * read a page at a time; the renderer and the CLI send the same shapes.
 */
import { z } from 'zod';
import { EXECUTION_PROVIDERS, SCENARIOS } from '../run-config';
import type { RunStatus } from '../run';

export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed', 'aborted', 'interrupted'] as const satisfies readonly RunStatus[];

/** Every key a list can be sorted by; the host maps each to one column. */
export const RUN_SORT_KEYS = ['createdAt', 'model', 'label', 'status', 'provider', 'threads', 'batch', 'scenario', 'p50', 'throughput', 'energy'] as const;
export type RunSortKey = (typeof RUN_SORT_KEYS)[number];

const isoDate = z.iso.datetime({ offset: true });

export const RunFilterSchema = z
  .object({
    /** Words found in the model name, label, notes, tags or id (case-insensitive). */
    text: z.string().trim().max(200).optional(),
    model: z.string().min(1).optional(),
    provider: z.enum(EXECUTION_PROVIDERS).optional(),
    /** Intra-op threads as configured (0: ONNX Runtime's default). */
    threads: z.number().int().min(0).max(1024).optional(),
    batch: z.number().int().positive().optional(),
    scenario: z.enum(SCENARIOS).optional(),
    status: z.array(z.enum(RUN_STATUSES)).min(1).optional(),
    /** Runs carrying exactly this tag. */
    tag: z.string().min(1).optional(),
    studyId: z.string().min(1).optional(),
    /** The machine as its fingerprint names it: the CPU model, and " + " the first GPU's name if any. */
    machine: z.string().min(1).optional(),
    /** Created at or after `from`, and before `to` (ISO-8601). */
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict();
export type RunFilter = z.infer<typeof RunFilterSchema>;

export const RunSortSchema = z
  .object({ by: z.enum(RUN_SORT_KEYS).default('createdAt'), dir: z.enum(['asc', 'desc']).default('desc') })
  .strict();
export type RunSort = z.infer<typeof RunSortSchema>;

/** The values present in the store, for the filter menus (deleted runs left out). */
export const RunFacetsSchema = z.object({
  models: z.array(z.string()),
  providers: z.array(z.string()),
  threads: z.array(z.number()),
  batches: z.array(z.number()),
  scenarios: z.array(z.string()),
  tags: z.array(z.string()),
  machines: z.array(z.string()),
});
export type RunFacets = z.infer<typeof RunFacetsSchema>;

const Tag = z
  .string()
  .trim()
  .min(1, 'a tag cannot be empty')
  .max(40, 'a tag is at most 40 characters')
  .refine((t) => !/[,\n]/.test(t), 'a tag cannot hold a comma or a line break');

/** What the user writes about a run after it ran; each field given replaces the stored one. */
export const RunMetaPatchSchema = z
  .object({
    label: z.string().trim().max(200).optional(),
    notes: z.string().max(20_000).optional(),
    tags: z
      .array(Tag)
      .max(32)
      .transform((tags) => [...new Set(tags)])
      .optional(),
  })
  .strict()
  .refine((p) => p.label !== undefined || p.notes !== undefined || p.tags !== undefined, 'give a label, notes or tags to change');
export type RunMetaPatch = z.infer<typeof RunMetaPatchSchema>;

/** Tags as typed in one box: "fp16, after fusion" → ["fp16", "after fusion"]. */
export function parseTagList(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim()).filter((t) => t.length > 0))];
}

/** One measured run in a model's history: when, its headline figures, and what to group it by. */
export const HistoryPointSchema = z.object({
  runId: z.string(),
  createdAt: z.string(),
  p50Ms: z.number(),
  throughputPerS: z.number(),
  /** Provider, threads, batch and scenario in words: runs are compared only within one. */
  config: z.string(),
  machine: z.string().nullable(),
});
export type HistoryPoint = z.infer<typeof HistoryPointSchema>;

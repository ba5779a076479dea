/**
 * A study: the runs one question asked for (a sweep's grid, a provider comparison, an optimizer's
 * trials), kept together so their answer can be read again later. A study is what produced its
 * runs, so a run belongs to at most one. Ids are random UUIDs, not counters: bundles written on
 * many machines (DESIGN.md, "Beyond one machine") must merge without two studies sharing an id.
 */
import { z } from 'zod';
import { RunSchema } from './run';

/** Append a kind here (e.g. `plan`) when its feature lands; the store keeps the kind as text. */
export const STUDY_KINDS = ['sweep', 'comparison', 'optimizer', 'parameter-scan'] as const;
export const StudyKindSchema = z.enum(STUDY_KINDS);
export type StudyKind = z.infer<typeof StudyKindSchema>;

/** What the study was asked, as given (for a sweep: the model and the grid of knob values). */
export const StudySpecSchema = z.record(z.string(), z.json());

export const StudySchema = z.object({
  id: z.string(),
  kind: StudyKindSchema,
  name: z.string(),
  createdAt: z.string(), // ISO-8601
  notes: z.string().optional(),
  spec: StudySpecSchema.optional(),
});
export type Study = z.infer<typeof StudySchema>;

export const NewStudySchema = z
  .object({
    kind: StudyKindSchema,
    name: z.string().trim().min(1).max(200),
    notes: z.string().max(10_000).optional(),
    spec: StudySpecSchema.optional(),
  })
  .strict();
export type NewStudy = z.infer<typeof NewStudySchema>;

export const StudySummarySchema = StudySchema.extend({ runCount: z.number().int().nonnegative() });
export type StudySummary = z.infer<typeof StudySummarySchema>;

export const StudyDetailSchema = z.object({ study: StudySchema, runs: z.array(RunSchema) });
export type StudyDetail = z.infer<typeof StudyDetailSchema>;

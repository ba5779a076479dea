/**
 * Reports and bundles in the API contract: `reports.create` renders stored runs (or a study's)
 * as one file — an HTML report, Markdown for a pull request, CSV, the versioned run JSON, or a
 * bundle to import elsewhere — and `runs.import` stores the runs of a file someone sent.
 */
import { z } from 'zod';
import { TargetSchema } from './targets/schema';

export const REPORT_FORMATS = ['html', 'markdown', 'csv', 'json', 'bundle'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const ReportRequestSchema = z
  .object({
    runIds: z.array(z.string().min(1)).min(1).max(1000).optional(),
    studyId: z.string().min(1).optional(),
    format: z.enum(REPORT_FORMATS),
    /** CSV only: every measured sample, one row each, instead of one row per run. */
    samples: z.boolean().default(false),
    /**
     * HTML only: embed every sample (so `dyno import` brings the runs back exactly). Without it
     * the report embeds the runs' exact summary figures and decimated charts, not their samples,
     * and stays small (two runs of 1M samples: under 2 MB).
     */
    embedSamples: z.boolean().default(false),
    /** Targets the report holds every run to, besides those each run carries (judged from the run's figures). */
    targets: z.array(TargetSchema).max(50).optional(),
  })
  .strict()
  .refine((r) => (r.runIds === undefined) !== (r.studyId === undefined), { message: 'give either runIds or studyId' });
export type ReportRequest = z.input<typeof ReportRequestSchema>;

export const ReportFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  content: z.string(),
});
export type ReportFile = z.infer<typeof ReportFileSchema>;

/** 1 GiB of text: a file this large is not a report or a bundle anyone sent. */
export const MAX_IMPORT_CHARS = 1024 ** 3;

export const ImportRequestSchema = z
  .object({
    fileName: z.string().min(1).max(255),
    content: z.string().max(MAX_IMPORT_CHARS),
    /** The file's modification time (ISO-8601): when runs from other tools are dated. */
    modifiedAt: z.string().datetime().optional(),
  })
  .strict();

export const ImportResultSchema = z.object({
  format: z.enum(['dyno-bundle', 'dyno-report', 'hyperfine', 'onnxruntime_perf_test']),
  added: z.array(z.string()),
  /** Runs already stored (same id): left as they were. */
  skipped: z.array(z.string()),
  studiesAdded: z.number().int().nonnegative(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

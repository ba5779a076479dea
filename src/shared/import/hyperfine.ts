/**
 * hyperfine's `--export-json`: one run per benchmarked command, with every timed run's wall
 * time (`times`, seconds), so Dyno recomputes its own statistics from the samples. Warm-up
 * runs, cold start, memory and the machine are not in the export.
 */
import { z } from 'zod';
import { stabilityOf, summarizeLatencies } from '../stats';
import type { StoredRun } from '../stored-run';
import { firstIssue } from '../first-issue';
import { foreignRun, type ForeignSource } from './foreign-run';

const HyperfineResultSchema = z.object({
  command: z.string(),
  mean: z.number(),
  times: z.array(z.number().nonnegative()).min(1, 'has no timed runs'),
  exit_codes: z.array(z.number().nullable()).optional(),
  parameters: z.record(z.string(), z.string()).optional(),
});
export const HyperfineExportSchema = z.object({ results: z.array(HyperfineResultSchema).min(1, 'holds no results') });

/** Whether a parsed JSON value has the shape of a hyperfine export (before checking it fully). */
export function looksLikeHyperfine(doc: unknown): boolean {
  const results = (doc as { results?: unknown } | null)?.results;
  return Array.isArray(results) && results.some((r) => typeof (r as { command?: unknown } | null)?.command === 'string');
}

export function hyperfineRuns(doc: unknown, src: ForeignSource): StoredRun[] {
  const parsed = HyperfineExportSchema.safeParse(doc);
  if (!parsed.success) throw new Error(`${src.fileName} is not a complete hyperfine --export-json file: ${firstIssue(parsed.error)}.`);
  return parsed.data.results.map((r, index) => {
    const latenciesMs = r.times.map((s) => s * 1000);
    const failed = (r.exit_codes ?? []).filter((c) => c !== 0).length;
    const stored = foreignRun(
      {
        tool: 'hyperfine',
        subject: r.command,
        index,
        config: {},
        stats: summarizeLatencies(latenciesMs, { measuredWallMs: latenciesMs.reduce((a, b) => a + b, 0) }),
        coldStart: null,
        peakRssBytes: null,
        stability: stabilityOf(latenciesMs),
        executionProvider: 'none (a command)',
        latenciesMs,
        missing: ['warm-up runs'],
      },
      src,
    );
    if (failed > 0) stored.warnings.push({ code: 'imported-failures', message: `${failed} of ${r.times.length} timed runs of "${r.command}" exited non-zero.` });
    return stored;
  });
}

/**
 * `dyno report <id|study>... --format html|markdown|csv|json [-o FILE]` and
 * `dyno export <id|study>... -o runs.dyno`: both ask the studio for one file of stored runs
 * (`reports.create`), as any front end does; export is the bundle format.
 */
import type { ReportFormat } from '../../shared/report';
import type { Target } from '../../shared/targets/schema';
import { createCliStudio } from './cli-studio';
import { createInProcessApi } from '../studio/in-process-api';
import { reportTargets } from './report-targets';
import { writeOutput } from './write-output';
import { CliError } from './errors';

export interface ReportFlags {
  format: Exclude<ReportFormat, 'bundle'>;
  output?: string;
  samples: boolean;
  /** HTML: embed every sample (exact import) instead of the summary and decimated charts. */
  embedSamples: boolean;
  target?: Target[];
}

interface WriteOptions {
  samples: boolean;
  embedSamples: boolean;
  targets: readonly Target[];
}

/** 2 MB: what a two-run HTML report should stay within (the README's promise). */
const HTML_REPORT_BUDGET_BYTES = 2_000_000;

async function writeReport(refs: readonly string[], format: ReportFormat, o: WriteOptions, output: string | undefined): Promise<number> {
  const handle = createCliStudio();
  try {
    const api = createInProcessApi(handle.studio);
    const file = await api.call('reports.create', {
      ...(await reportTargets(api, refs)),
      format,
      samples: o.samples,
      ...(format === 'html' ? { embedSamples: o.embedSamples } : {}),
      ...(o.targets.length > 0 ? { targets: [...o.targets] } : {}),
    });
    writeOutput(file.content, output);
    const bytes = Buffer.byteLength(file.content);
    if (output !== undefined) process.stderr.write(`dyno: wrote ${output} (${(bytes / 1e6).toFixed(2)} MB)\n`);
    if (format === 'html' && o.embedSamples && bytes > HTML_REPORT_BUDGET_BYTES) {
      process.stderr.write(`dyno: note: the report is over 2 MB because it embeds every sample of its runs (--embed-samples, so dyno import brings them back exactly).\n`);
    }
    return 0;
  } finally {
    handle.close();
  }
}

export function report(refs: string[], o: ReportFlags): Promise<number> {
  if (o.samples && o.format !== 'csv') throw new CliError(`--samples is for --format csv (one row per sample); --format ${o.format} has no such option.`);
  if (o.embedSamples && o.format !== 'html') throw new CliError(`--embed-samples is for --format html (a report that dyno import brings back sample for sample); --format ${o.format} has no such option.`);
  return writeReport(refs, o.format, { samples: o.samples, embedSamples: o.embedSamples, targets: o.target ?? [] }, o.output);
}

export const exportBundle = (refs: string[], o: { output?: string }): Promise<number> => writeReport(refs, 'bundle', { samples: false, embedSamples: true, targets: [] }, o.output);

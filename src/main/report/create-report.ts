/**
 * One file of stored runs in the format asked for: the HTML report, Markdown, CSV (a row per
 * run, or every sample), the versioned run JSON, or a bundle. Every format but the bundle
 * renders from the runs' versioned JSON, through the exporters where one exists.
 */
import type { ReportFile, ReportFormat } from '../../shared/report';
import type { StoredRun } from '../../shared/stored-run';
import type { Study } from '../../shared/study';
import { runToJson } from '../../shared/run-json-from-run';
import { EXPORTERS } from '../../shared/export';
import { samplesCsv } from '../../shared/export/samples-csv';
import { CHART_LIMITS, chartData, thinEvenly } from '../../shared/report-charts';
import { toBundle } from './bundle-codec';
import type { BundleMachine } from '../../shared/bundle';
import { chartLabel } from './html/escape';
import { htmlReport } from './html/page';
import { comparisonMarkdown, type ReportComparison } from './html/comparison';
import type { Comparison } from '../../shared/compare/schema';
import type { Target } from '../../shared/targets/schema';
import { withTargets } from '../../shared/targets/judge';

export interface ReportContext {
  exporter: string;
  now: Date;
  plotly: () => { source: string; licence: string };
  /** The machine the bundle names (this one unless given: tests pin it). */
  machine?: BundleMachine;
  /** The compare engine's answer for these runs (the first is the baseline); null for one run. */
  comparison: ReportComparison;
}

/** The comparison a report of these runs shows: `compare` is `runs.compare` over their ids. */
export async function reportComparison(runIds: readonly string[], compare: (runIds: string[]) => Promise<Comparison> | Comparison): Promise<ReportComparison> {
  if (runIds.length < 2) return null;
  try {
    return { comparison: await compare([...runIds]) };
  } catch (err) {
    return { unavailable: err instanceof Error ? err.message : String(err) };
  }
}

const slug = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'runs';

function baseName(runs: readonly StoredRun[], study: Study | undefined): string {
  if (study) return slug(study.name);
  return runs.length === 1 && runs[0] ? slug(runs[0].run.id) : `${runs.length}-runs`;
}

/** A run's name in legends: its label, else its model and id. */
const legendName = (r: StoredRun): string => (r.run.config.label ? `${r.run.config.label} (${r.run.id})` : `${r.run.modelName} (${r.run.id})`);

export interface ReportOptions {
  samples: boolean;
  /** The report's own targets, judged for every run beside the runs' own. */
  targets?: readonly Target[];
  /** HTML: embed every sample instead of the runs' summaries (see summaryOnly). */
  embedSamples?: boolean;
}

/** The warning an HTML report's runs carry when their samples stayed home: it travels with them into `dyno import`. */
export const SAMPLES_NOT_EMBEDDED = 'samples-not-embedded';

/**
 * A run as a default HTML report embeds it: everything stored but its samples — configuration,
 * the exact statistics, results, environment, warnings — and its telemetry thinned to what the
 * telemetry chart draws. Samples cost ~16 bytes an iteration even gzip'd (two 1M-sample runs:
 * 32 MB); without them a two-run report stays under 2 MB however long the runs were. An import
 * of it compares from the summaries, as a run JSON file does.
 */
function summaryOnly(r: StoredRun, reportedAt: string): StoredRun {
  const count = r.batches.reduce((n, b) => n + (b.phase === 'measure' ? b.latencyMs.length : 0), 0);
  const note = { code: SAMPLES_NOT_EMBEDDED, message: `Imported from an HTML report of ${reportedAt} that embedded this run's statistics but not its ${count} samples (dyno report --embed-samples embeds them); comparisons use its summary.` };
  return { ...r, batches: [], telemetry: thinEvenly(r.telemetry, CHART_LIMITS.telemetry), warnings: [...r.warnings, note] };
}

export function createReport(format: ReportFormat, options: ReportOptions, runs: readonly StoredRun[], studies: readonly Study[], study: Study | undefined, ctx: ReportContext): ReportFile {
  const name = `dyno-${baseName(runs, study)}`;
  const bundle = (): ReturnType<typeof toBundle> => toBundle(runs, studies, ctx.exporter, ctx.now, ctx.machine);
  if (format === 'bundle') return { fileName: `${name}.dyno`, mimeType: 'application/json', content: JSON.stringify(bundle()) + '\n' };
  if (format === 'csv' && options.samples) return { fileName: `${name}-samples.csv`, mimeType: 'text/csv', content: samplesCsv(runs) };
  const json = runs.map((r) => withTargets(runToJson(r.run, r.warnings as { code: string; message: string }[], ctx.exporter), options.targets ?? []));
  if (format !== 'html') {
    const exporter = EXPORTERS[format];
    const content = exporter.render(json) + (format === 'markdown' ? comparisonMarkdown(ctx.comparison) : '');
    return { fileName: `${name}${exporter.fileExtension}`, mimeType: exporter.mediaType, content };
  }
  const title = study ? `Dyno report: ${study.name}` : runs.length === 1 && runs[0] ? `Dyno report: ${runs[0].run.modelName}` : `Dyno report: ${runs.length} runs`;
  const embedSamples = options.embedSamples === true;
  const embedded = embedSamples ? bundle() : toBundle(runs.map((r) => summaryOnly(r, ctx.now.toISOString())), studies, ctx.exporter, ctx.now, ctx.machine);
  const content = htmlReport({
    title,
    embedsSamples: embedSamples,
    generatedBy: ctx.exporter,
    generatedAt: ctx.now.toISOString(),
    runs: json,
    charts: chartData(runs, runs.map((r) => chartLabel(legendName(r)))),
    comparison: ctx.comparison,
    bundle: embedded,
    plotly: ctx.plotly(),
  });
  return { fileName: `${name}.html`, mimeType: 'text/html', content };
}

/**
 * The HTML report: one self-contained file that opens offline in any browser. It embeds
 * plotly (with its MIT licence notice), the chart data and the runs' bundle, each in its own
 * script element. Its Content-Security-Policy allows no network at all and runs only the two
 * scripts it ships, by hash, so nothing a run's text could smuggle in can execute.
 */
import { createHash } from 'node:crypto';
import type { Bundle } from '../../../shared/bundle';
import type { RunJson } from '../../../shared/run-json';
import type { ChartData } from '../../../shared/report-charts';
import { embeddedBundleElement, jsonForScript } from '../embedded-bundle';
import { CHARTS_ELEMENT_ID, DRAW_SCRIPT } from './draw-script';
import { html } from './escape';
import { plural } from '../../../shared/format';
import { comparisonSection, type ReportComparison } from './comparison';
import { adviceSection, environmentWarnings, keyValueSection, operatorsSection, runsSection, statisticsSection, targetsSection, telemetrySection, warningsSection } from './sections';
import { REPORT_STYLE } from './style';

export interface HtmlReportInput {
  title: string;
  generatedBy: string;
  generatedAt: string;
  runs: readonly RunJson[];
  charts: ChartData;
  comparison: ReportComparison;
  bundle: Bundle;
  /** Whether the bundle holds every sample, or only the runs' summaries (the default). */
  embedsSamples: boolean;
  plotly: { source: string; licence: string };
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export function reportCsp(scripts: readonly string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scripts.map(sha256).join(' ')}`,
    // plotly sets inline styles and draws its mode bar icons as data: images.
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const CHARTS = [
  ['chart-cdf', 'Cumulative distribution'],
  ['chart-histogram', 'Histogram'],
  ['chart-box', 'Box plot (whiskers at Tukey’s 1.5 IQR fences; points beyond them not drawn)'],
  ['chart-timeline', 'Latency over time'],
  ['chart-telemetry', 'Telemetry (CPU load; GPU power where sampled; before 0: idle baseline and warm-up)'],
] as const;

/** What the report carries, said in the page so a reader knows what an import gives back. */
export function embeddedDataLine(embedsSamples: boolean): string {
  return embedsSamples
    ? 'Data embedded: every sample (exact); dyno import this-file.html brings the runs back sample for sample.'
    : 'Data embedded: the exact summary figures (statistics, intervals, settings, environment) with decimated charts, not the samples; dyno import this-file.html brings back the runs’ summaries (dyno report --embed-samples embeds every sample).';
}

export function htmlReport(input: HtmlReportInput): string {
  const plotlyScript = `/*! plotly.js — embedded for offline viewing. Its licence:\n${input.plotly.licence.replace(/\*\//g, '* /')}\n*/\n${input.plotly.source}`;
  const section = (id: string, title: string, body: string): string => `<section id="${id}"><h2>${html(title)}</h2>${body}</section>`;
  const charts = CHARTS.map(([id, title]) => `<figure><figcaption>${html(title)}</figcaption><div class="chart" id="${id}"></div></figure>`).join('');
  const body = [
    `<header><h1>${html(input.title)}</h1><p class="muted">${html(`${plural(input.runs.length, 'run')} · generated ${input.generatedAt} by ${input.generatedBy}`)}</p><p class="muted" id="embedded-data">${html(embeddedDataLine(input.embedsSamples))}</p></header>`,
    section('runs', 'Runs', runsSection(input.runs)),
    section('comparison', 'Comparison', comparisonSection(input.comparison)),
    section('statistics', 'Statistics', statisticsSection(input.runs)),
    section('targets', 'Targets', targetsSection(input.runs)),
    section('charts', 'Charts', `<div class="charts">${charts}</div>`),
    section('warnings', 'Warnings', warningsSection(input.runs)),
    section('advice', 'Try next', adviceSection(input.runs)),
    section('configs', 'Configuration', keyValueSection(input.runs, (r) => r.config)),
    section('environment', 'Environment', environmentWarnings(input.runs) + keyValueSection(input.runs, (r) => r.environment)),
    section('operators', 'Time per operator', operatorsSection(input.runs)),
    section('telemetry', 'Telemetry and energy', telemetrySection(input.runs)),
    '<footer class="muted">Charts drawn with plotly.js (MIT licence, included in this file).</footer>',
  ].join('\n');
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${html(reportCsp([plotlyScript, DRAW_SCRIPT]))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${html(input.generatedBy)}">`,
    `<title>${html(input.title)}</title>`,
    `<style>${REPORT_STYLE}</style>`,
    '</head><body>',
    body,
    `<script type="application/json" id="${CHARTS_ELEMENT_ID}">${jsonForScript(input.charts)}</script>`,
    embeddedBundleElement(input.bundle),
    `<script>${plotlyScript}</script>`,
    `<script>${DRAW_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}

/**
 * One run as a CSV row or a Markdown table, from its JSON form: the columns a CI log or a pull
 * request comment wants, with units in the headers.
 */
import type { RunJson } from './run-json';

const COLUMNS: { header: string; value: (r: RunJson) => string | number | boolean | null | undefined }[] = [
  { header: 'run_id', value: (r) => r.run.id },
  { header: 'model', value: (r) => r.run.modelName },
  { header: 'status', value: (r) => r.run.status },
  { header: 'ep', value: (r) => r.config.session.executionProvider },
  { header: 'scenario', value: (r) => r.config.scenario.kind },
  { header: 'count', value: (r) => r.stats?.count as number | undefined },
  { header: 'mean_ms', value: (r) => r.stats?.mean_ms as number | undefined },
  { header: 'std_ms', value: (r) => r.stats?.std_ms as number | undefined },
  { header: 'p50_ms', value: (r) => r.stats?.p50_ms as number | undefined },
  { header: 'p90_ms', value: (r) => r.stats?.p90_ms as number | undefined },
  { header: 'p99_ms', value: (r) => r.stats?.p99_ms as number | undefined },
  { header: 'throughput_per_s', value: (r) => r.stats?.throughput_per_s as number | undefined },
  { header: 'session_create_ms', value: (r) => r.coldStart?.sessionCreate_ms },
  { header: 'first_run_ms', value: (r) => r.coldStart?.firstRun_ms },
  { header: 'peak_rss_bytes', value: (r) => r.memory?.peakRss_bytes },
  { header: 'check_passed', value: (r) => r.check?.passed },
];

function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function runToCsv(r: RunJson): string {
  return `${COLUMNS.map((c) => c.header).join(',')}\n${COLUMNS.map((c) => csvCell(c.value(r))).join(',')}\n`;
}

function mdCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(4);
  return String(v).replace(/\|/g, '\\|');
}

export function runToMarkdown(r: RunJson): string {
  const rows = COLUMNS.map((c) => `| ${c.header} | ${mdCell(c.value(r))} |`);
  const warnings = r.warnings.map((w) => `> ⚠ ${w.message}`);
  return ['| metric | value |', '| --- | --- |', ...rows, ...(warnings.length ? ['', ...warnings] : [])].join('\n') + '\n';
}

/** CSV (RFC 4180 quoting): a header, then one row per run. */
import type { Exporter } from './exporter';
import { COLUMNS, type Cell } from './columns';

function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvExporter: Exporter = {
  format: 'csv',
  description: 'one CSV row per run, with a header',
  fileExtension: '.csv',
  mediaType: 'text/csv',
  render: (runs) => [COLUMNS.map((c) => c.header).join(','), ...runs.map((r) => COLUMNS.map((c) => csvCell(c.value(r))).join(','))].join('\n') + '\n',
};

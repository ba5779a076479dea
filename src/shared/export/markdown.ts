/**
 * A Markdown table for a pull-request comment: one metric per row, one column per run (so a
 * sweep or a comparison reads across), then each run's warnings and baseline comparison.
 */
import type { RunJson } from '../run-json';
import type { Exporter } from './exporter';
import { COLUMNS, type Cell } from './columns';

function mdCell(v: Cell): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toPrecision(4);
  return String(v).replace(/\|/g, '\\|');
}

function notes(r: RunJson, several: boolean): string[] {
  const who = several ? `${r.run.id}: ` : '';
  return [
    ...(r.baseline ? [`> ${who}${r.baseline.sentence} (${r.baseline.ref})`] : []),
    ...(r.targets ?? []).map((t) => `> ${t.outcome === 'pass' ? '✓' : t.outcome === 'fail' ? '✗' : '?'} ${who}target ${mdCell(t.sentence)}`),
    ...r.warnings.map((w) => `> ⚠ ${who}${w.message}`),
  ];
}

export const markdownExporter: Exporter = {
  format: 'markdown',
  description: 'a Markdown table, one column per run',
  fileExtension: '.md',
  mediaType: 'text/markdown',
  render(runs) {
    const several = runs.length > 1;
    const head = several ? ['| metric |', ...runs.map((r) => ` ${mdCell(r.run.id)} |`)].join('') : '| metric | value |';
    const rule = `| --- |${' --- |'.repeat(Math.max(1, runs.length))}`;
    const rows = COLUMNS.map((c) => `| ${c.header} |${runs.map((r) => ` ${mdCell(c.value(r))} |`).join('')}`);
    const below = runs.flatMap((r) => notes(r, several));
    return [head, rule, ...rows, ...(below.length ? ['', ...below] : [])].join('\n') + '\n';
  },
};

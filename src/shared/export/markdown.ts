/**
 * A Markdown table for a pull-request comment: one metric per row, one column per run (so a
 * sweep or a comparison reads across), then each run's warnings and baseline comparison.
 */
import type { RunJson } from '../run-json';
import type { Exporter } from './exporter';
import { COLUMNS, type Cell } from './columns';
import { formatNumber } from '../format';

const MD_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '|': '\\|', '\n': ' ', '\r': ' ' };

/**
 * Text from runs and models (labels, model names, warnings) as text: no HTML a Markdown viewer
 * would render, no `|` or line break that would end the table's cell or row.
 */
function mdText(v: string): string {
  return v.replace(/[&<>|\r\n]/g, (c) => MD_ENTITIES[c] ?? c);
}

function mdCell(v: Cell): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return formatNumber(v);
  return mdText(String(v));
}

function notes(r: RunJson, several: boolean): string[] {
  const who = several ? `${r.run.id}: ` : '';
  return [
    ...(r.baseline ? [`> ${who}${mdText(r.baseline.sentence)} (${mdText(r.baseline.ref)})`] : []),
    ...(r.targets ?? []).map((t) => `> ${t.outcome === 'pass' ? '✓' : t.outcome === 'fail' ? '✗' : '?'} ${who}target ${mdCell(t.sentence)}`),
    ...r.warnings.map((w) => `> ⚠ ${who}${mdText(w.message)}`),
    ...(r.advice ?? []).map((a) => `> → ${who}try next: **${mdText(a.title)}**: ${mdText(a.evidence)} ${mdText(a.why)}${a.command ? ` Try it: ${mdText(a.command)}` : ''}`),
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

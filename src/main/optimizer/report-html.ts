/**
 * The recommendation report as one self-contained HTML file: the Markdown report's content in
 * the run reports' style (report/html/style.ts). Text from runs and models is escaped; no
 * script runs, so the page's policy allows none.
 */
import { html } from '../report/html/escape';
import { REPORT_STYLE } from '../report/html/style';
import { optimizerMarkdown } from '../../shared/optimizer/report-markdown';
import type { OptimizeJson } from '../../shared/optimizer/result';

/** The report's Markdown (headings, tables, code blocks, paragraphs, lists) as escaped HTML. */
function markdownToHtml(md: string): string {
  const out: string[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('```')) {
      const code: string[] = [];
      while (++i < lines.length && !(lines[i] ?? '').startsWith('```')) code.push(lines[i] ?? '');
      out.push(`<pre><code>${html(code.join('\n'))}</code></pre>`);
    } else if (line.startsWith('|')) {
      const rows: string[][] = [];
      for (; i < lines.length && (lines[i] ?? '').startsWith('|'); i++) rows.push((lines[i] ?? '').slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|')));
      i--;
      const [head, , ...body] = rows;
      out.push(`<table><thead><tr>${(head ?? []).map((c) => `<th>${html(c)}</th>`).join('')}</tr></thead><tbody>${body.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`);
    } else if (line.startsWith('#')) {
      const level = /^#+/.exec(line)?.[0].length ?? 1;
      out.push(`<h${level}>${html(line.slice(level).trim())}</h${level}>`);
    } else if (line.startsWith('- ')) out.push(`<li>${inline(line.slice(2))}</li>`);
    else if (line.trim() !== '') out.push(`<p>${inline(line)}</p>`);
  }
  return out.join('\n');
}

/** Bold and code spans, after escaping. */
function inline(text: string): string {
  return html(text)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>');
}

export function optimizerHtml(r: OptimizeJson): string {
  return markdownHtmlPage(`Dyno optimizer: ${r.model}`, optimizerMarkdown(r));
}

/** A report's Markdown as one self-contained page (the command optimizer's report uses it too). */
export function markdownHtmlPage(title: string, markdown: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<title>${html(title)}</title><style>${REPORT_STYLE}</style></head>
<body>
${markdownToHtml(markdown)}
</body></html>
`;
}

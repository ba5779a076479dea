/**
 * The report's comparison, from the compare engine's answer (shared/compare/schema.ts, the
 * same `runs.compare` gives the studio and `dyno compare`): each run's verdict against the
 * baseline with its interval and the evidence behind it, every metric both sides support, the
 * settings that differ, and the fingerprint differences that make a comparison unfair.
 */
import type { Comparison, RunComparison } from '../../../shared/compare/schema';
import { html } from './escape';
import { formatNumber } from '../../../shared/format';

export type ReportComparison = { comparison: Comparison } | { unavailable: string } | null;

const ratio = (v: number): string => v.toPrecision(4);
const interval = (lo: number | null, hi: number | null): string => (lo === null || hi === null ? '—' : `${ratio(lo)} – ${ratio(hi)}`);
const p = (v: number | null): string => (v === null ? '—' : v < 0.001 ? v.toExponential(1) : v.toFixed(3));

/** "1 vs 1 run", "3 vs 1 runs": the noun is singular only when both sides count one. */
const versus = (n: number, baseline: number, word: string): string => `${n} vs ${baseline} ${n === 1 && baseline === 1 ? word : `${word}s`}`;

function evidence(r: RunComparison): string {
  const e = r.evidence;
  const band = e.runToRun ? `; run-to-run band ±${(e.runToRun.band * 100).toFixed(0)} % (${e.runToRun.source === 'default' ? 'the documented default' : `from ${e.runToRun.runs} stored runs`})` : '';
  return `${e.level} (${versus(e.runs, e.baselineRuns, 'run')}, ${versus(e.samples, e.baselineSamples, 'iteration')}${band})`;
}

function runBlock(r: RunComparison): string {
  const metrics = r.metrics.map(
    (m) =>
      `<tr><td>${html(m.label)}</td><td>${html(formatNumber(m.baselineValue))} ${html(m.unit)}</td><td>${html(formatNumber(m.value))} ${html(m.unit)}</td><td>${html(ratio(m.ratio))}</td><td>${html(interval(m.ciLow, m.ciHigh))}</td><td>${html(p(m.pValue))} <span class="muted">${html(m.test)}</span></td><td class="verdict-${html(m.verdict.replace(/ /g, '-'))}">${html(m.verdict)}</td></tr>`,
  );
  const diff = r.configDiff.length
    ? `<table><thead><tr><th>setting</th><th>baseline</th><th>this run</th></tr></thead><tbody>${r.configDiff.map((d) => `<tr><td>${html(d.setting)}${d.flag ? ` <code>${html(d.flag)}</code>` : ''}</td><td>${html(d.baseline)}</td><td>${html(d.value)}</td></tr>`).join('')}</tbody></table>`
    : '<p class="muted">Same settings as the baseline.</p>';
  const warnings = [...r.fingerprintDifferences.map((d) => `Different environment: ${d}`), ...r.warnings];
  return [
    `<h3><code>${html(r.runId)}</code> ${html(r.label)}: <span class="verdict-${html(r.verdict.replace(/ /g, '-'))}">${html(r.verdict)}</span></h3>`,
    `<p>${html(r.sentence)}${r.reason ? ` <span class="muted">${html(r.reason)}</span>` : ''}</p>`,
    `<p class="muted">Evidence: ${html(evidence(r))}. Welch's t on means, alongside: ratio ${html(ratio(r.welch.meanRatio))}, p ${html(p(r.welch.pValue))}.</p>`,
    `<table><thead><tr><th>figure</th><th>baseline</th><th>this run</th><th>ratio</th><th>95 % CI</th><th>p</th><th>verdict</th></tr></thead><tbody>${metrics.join('')}</tbody></table>`,
    diff,
    warnings.length ? `<ul class="warnings">${warnings.map((w) => `<li>${html(w)}</li>`).join('')}</ul>` : '',
  ].join('');
}

export function comparisonSection(c: ReportComparison): string {
  if (c === null) return '<p class="muted">One run: nothing to compare.</p>';
  if ('unavailable' in c) return `<p class="muted">No comparison: ${html(c.unavailable)}</p>`;
  const cmp = c.comparison;
  const head = `<p>Baseline: <code>${html(cmp.baseline)}</code> ${html(cmp.baselineLabel)}. Ratios are this run ÷ the baseline; a difference under ${html((cmp.threshold * 100).toFixed(1))} % reads "no meaningful difference". The run, not the iteration, is the unit of evidence: between single runs the interval is widened by the machine's run-to-run variation.</p>`;
  const warnings = cmp.warnings.length ? `<ul class="warnings">${cmp.warnings.map((w) => `<li>${html(w)}</li>`).join('')}</ul>` : '';
  return head + warnings + cmp.runs.map(runBlock).join('');
}

/** The same, as Markdown for a pull request. */
export function comparisonMarkdown(c: ReportComparison): string {
  if (c === null) return '';
  if ('unavailable' in c) return `\n_No comparison: ${c.unavailable}_\n`;
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = c.comparison.runs.map((r) => `| ${cell(r.runId)} | ${cell(r.verdict)} | ${ratio(r.ratio)} | ${interval(r.ciLow, r.ciHigh)} | ${p(r.pValue)} | ${cell(r.sentence)} |`);
  return ['', `**Against ${cell(c.comparison.baseline)}** (median latency ratio; > 1 is slower)`, '', '| run | verdict | ratio | 95 % CI | p | |', '| --- | --- | --- | --- | --- | --- |', ...rows, ''].join('\n');
}

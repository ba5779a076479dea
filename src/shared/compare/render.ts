/**
 * A comparison as text (the terminal) and as Markdown (a pull request): the same figures the
 * JSON carries, one line per verdict, then what differs and what to beware of.
 */
import type { Comparison, RunComparison } from './schema';
import { bandSource } from './run-to-run';

const pct = (f: number): string => `${(f * 100).toFixed(f < 0.1 ? 1 : 0)} %`;
const p = (v: number | null): string => (v === null ? '—' : v < 0.001 ? '< 0.001' : v.toFixed(3));
const ci = (lo: number | null, hi: number | null): string => (lo === null || hi === null ? '—' : `${lo.toFixed(3)}–${hi.toFixed(3)}`);

/** "single runs (run-to-run ±30 %, default)", "5 runs against 5", "5 interleaved rounds". */
export function evidenceText(r: RunComparison): string {
  const e = r.evidence;
  if (e.level === 'interleaved') return `${e.runs} interleaved rounds`;
  if (e.level === 'repeated-runs') return `${e.runs} runs against ${e.baselineRuns}`;
  const band = e.runToRun ? `, run-to-run ±${pct(e.runToRun.band)} ${bandSource(e.runToRun)}` : '';
  return `single runs${band}`;
}

function details(r: RunComparison, indent: string): string[] {
  return [
    ...r.metrics.filter((m) => m.metric !== 'median').map((m) => `${indent}${m.sentence}`),
    ...(r.welch.pValue !== null ? [`${indent}means ${r.welch.meanRatio.toFixed(3)}× (Welch's t p ${p(r.welch.pValue)}${r.evidence.level === 'single-runs' ? ', over iterations: not judged' : ''})`] : []),
    ...r.configDiff.map((d) => `${indent}setting: ${d.setting}${d.flag ? ` (${d.flag})` : ''} ${d.baseline} → ${d.value}`),
    ...r.fingerprintDifferences.map((d) => `${indent}environment: ${d}`),
    ...r.warnings.map((w) => `${indent}warning: ${w}`),
  ];
}

export function comparisonText(c: Comparison): string {
  const lines = [`baseline: ${c.baselineLabel} (${c.baselineModelName}${c.baselineRunIds.length > 1 ? `, ${c.baselineRunIds.length} runs` : ''}); practical threshold ±${pct(c.threshold)}`];
  for (const r of c.runs) {
    lines.push(`${r.sentence} [${evidenceText(r)}${r.pValue !== null ? `, p ${p(r.pValue)}` : ''}]`);
    lines.push(...details(r, '    '));
  }
  lines.push(...c.warnings.map((w) => `warning: ${w}`));
  if (c.studyId) lines.push(`study ${c.studyId}`);
  return lines.join('\n') + '\n';
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function comparisonMarkdown(c: Comparison): string {
  const lines = [
    `Baseline: **${cell(c.baselineLabel)}** (${cell(c.baselineModelName)}); practical threshold ±${pct(c.threshold)}; ${Math.round(c.confidence * 100)} % intervals.`,
    '',
    '| run | verdict | median ratio | 95 % CI | p | evidence |',
    '| --- | --- | ---: | ---: | ---: | --- |',
    ...c.runs.map((r) => `| ${cell(r.label)} | ${r.verdict} | ${r.ratio.toFixed(3)} | ${ci(r.ciLow, r.ciHigh)} | ${p(r.pValue)} | ${cell(evidenceText(r))} |`),
    '',
  ];
  for (const r of c.runs) {
    lines.push(`- ${cell(r.sentence)}`);
    lines.push(...details(r, '  - ').map(cell));
  }
  lines.push(...c.warnings.map((w) => `> ⚠ ${cell(w)}`));
  return lines.join('\n') + '\n';
}

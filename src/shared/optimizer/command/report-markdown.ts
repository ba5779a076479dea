/**
 * A command study's recommendation in words (Markdown): the command to run instead, its gain
 * with the interval, the gates it kept, each factor's share (the attribution waterfall: each
 * factor alone, then the combination re-measured, with whether the gains add up), and every
 * trial with its figures, gates and why it was rejected.
 */
import { COMMAND_OBJECTIVE_WORDS, gateText } from './goal';
import type { CommandOptimizeJson } from './result';
import { cell, ci, recommendationOpening, times } from '../report-words';
import { formatNumber } from '../../format';

const figure = (v: number | null | undefined, unit: string): string => (v === null || v === undefined ? '—' : `${formatNumber(v)} ${unit}`.trim());

/** The attribution waterfall as text lines (the CLI's summary and the report share it). */
export function attributionLines(r: CommandOptimizeJson): string[] {
  return r.attribution.map((a) =>
    a.factor === 'combined'
      ? `combined (re-measured): ${times(a.gain)} (${ci(a.ciLow, a.ciHigh)})${a.predicted === undefined ? '' : a.interaction ? `; the factors interact: alone they predict ${times(a.predicted)}` : `; the gains add up (alone they predict ${times(a.predicted)})`}`
      : `${a.factor}=${a.level ?? ''} alone: ${times(a.gain)} (${ci(a.ciLow, a.ciHigh)})`,
  );
}

export function commandOptimizerMarkdown(r: CommandOptimizeJson): string {
  const objective = COMMAND_OBJECTIVE_WORDS[r.objective];
  const out: string[] = [`# Optimizer: \`${cell(r.command)}\``, '', `Objective: ${objective}. Gates: ${r.goal.gates.length > 0 ? r.goal.gates.map((g) => `\`${cell(gateText(g))}\``).join(', ') : 'none'}. Study \`${r.study}\`, ${r.trials.length + 1} trials, ${(r.elapsedMs / 1000).toFixed(0)} s. ${r.stopped.message}`, ''];
  out.push('## Recommendation', '');
  const rec = r.recommended;
  if (recommendationOpening(out, r, objective, 'No change measurably beat the command as typed: keep it.') && rec) {
    for (const c of rec.gates) out.push(`- gate ${cell(c.gate)}: ${c.metric} ${figure(c.value, '')} against the limit ${figure(c.limit, '')}: ${c.passed ? 'kept' : 'broken'}`);
    out.push('', 'The command:', '', '```sh', rec.exports.commandLine, '```', '', 'Measured with Dyno:', '', '```sh', rec.exports.execCommand, '```', '', 'Chosen levels:', '', '```json', JSON.stringify(rec.exports.parameters, null, 2), '```', '');
  }
  if (r.attribution.length > 0) out.push('## Where the gain comes from', '', ...attributionLines(r).map((l) => `- ${cell(l)}`), '');
  const metrics = [...new Set([r.baseline, ...r.trials].flatMap((t) => Object.keys(t.figures?.metrics ?? {})))].slice(0, 4);
  out.push('## Trials', '', `| phase | change | ${objective} | ${metrics.map(cell).join(' | ')}${metrics.length ? ' | ' : ''}gain | verdict | rejected |`, `| --- | --- | --- | ${metrics.map(() => '--- | ').join('')}--- | --- | --- |`);
  const row = (phase: string, change: string, t: { figures: CommandOptimizeJson['baseline']['figures'] }, gain: string, verdict: string, rejected: string): string =>
    `| ${phase} | ${cell(change)} | ${figure(t.figures?.value, t.figures?.unit ?? '')} | ${metrics.map((m) => `${figure(t.figures?.metrics[m], '')} | `).join('')}${gain} | ${verdict} | ${cell(rejected)} |`;
  out.push(row('baseline', 'as typed', r.baseline, '1×', '', ''));
  for (const t of r.trials) out.push(row(t.phase, t.candidate, t, times(t.verdict?.gain ?? null), t.verdict?.verdict ?? '', t.rejected ?? ''));
  return out.join('\n') + '\n';
}

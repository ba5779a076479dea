/**
 * The recommendation report in words (Markdown): what to change, what it gained with its
 * interval, what each factor gave alone and whether they add up, whether the outputs stayed
 * correct, what was rejected or skipped and why, and how to use the winner elsewhere.
 */
import { OBJECTIVE_WORDS } from './goal';
import type { OptimizeJson } from './result';
import { cell, ci, keepDefaultsSentence, recommendationOpening, times } from './report-words';
import { formatNumber } from '../format';

export function optimizerMarkdown(r: OptimizeJson): string {
  const objective = OBJECTIVE_WORDS[r.objective];
  const out: string[] = [`# Optimizer: ${cell(r.model)}`, '', `Objective: ${objective}. Study \`${r.study}\`, ${r.trials.length + 1} runs, ${(r.elapsedMs / 1000).toFixed(0)} s. ${r.stopped.message}`, ''];
  const rec = r.recommended;
  out.push('## Recommendation', '');
  if (recommendationOpening(out, r, objective, keepDefaultsSentence("ONNX Runtime's defaults", r.closest, objective)) && rec) {
    if (rec.fidelity) {
      out.push(`Outputs against the FP32 baseline on the same inputs: max abs error ${rec.fidelity.maxAbsError.toExponential(2)}, max rel error ${rec.fidelity.maxRelError.toExponential(2)}, cosine ${rec.fidelity.cosine.toFixed(6)}${rec.fidelity.top1Agreement !== undefined ? `, top-1 agreement ${(rec.fidelity.top1Agreement * 100).toFixed(1)} %` : ''}.`, '');
    }
    out.push('Same run with Dyno:', '', '```sh', rec.exports.benchCommand, '```', '', 'onnxruntime_perf_test:', '', '```sh', rec.exports.perfTest, '```', '', 'Python:', '', '```python', rec.exports.python.trimEnd(), '```', '');
  }
  if (r.attribution.length > 0) {
    out.push('## Where the gain comes from', '', '| factor | level | gain alone | interval |', '| --- | --- | --- | --- |');
    for (const a of r.attribution) {
      if (a.factor === 'combined') continue;
      out.push(`| ${a.factor} | ${String(a.level)} | ${times(a.gain)} | ${ci(a.ciLow, a.ciHigh)} |`);
    }
    const c = r.attribution.find((a) => a.factor === 'combined');
    if (c) {
      out.push(`| **combined (re-measured)** | | ${times(c.gain)} | ${ci(c.ciLow, c.ciHigh)} |`, '');
      out.push(c.interaction ? `The factors interact: alone they predict ${times(c.predicted ?? null)}, outside the combination's interval.` : `The gains add up: alone they predict ${times(c.predicted ?? null)}, within the combination's interval.`, '');
    }
  }
  out.push('## Trials', '', `| phase | change | ${objective} | gain | verdict | outputs (max abs error) | rejected |`, '| --- | --- | --- | --- | --- | --- | --- |');
  const b = r.baseline.figures;
  out.push(`| baseline | ONNX Runtime defaults | ${formatNumber(b?.value)} ${b?.unit ?? ''} | 1× | | | |`);
  for (const t of r.trials) {
    out.push(
      `| ${t.phase} | ${cell(t.candidate)} | ${formatNumber(t.figures?.value)} ${t.figures?.unit ?? ''} | ${times(t.verdict?.gain ?? null)} | ${t.verdict?.verdict ?? ''} | ${t.fidelity ? t.fidelity.maxAbsError.toExponential(2) : '—'} | ${cell(t.rejected ?? '')} |`,
    );
  }
  if (r.skipped.length > 0) {
    out.push('', '## Not tried', '');
    for (const s of r.skipped) out.push(`- ${s.factor}: ${s.reason}`);
  }
  return out.join('\n') + '\n';
}

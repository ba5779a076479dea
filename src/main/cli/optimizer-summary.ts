/**
 * The text `dyno optimize` and `dyno optimize-exec` print on stdout once a search ends (without
 * `--json`): the study, why it stopped, and the recommendation. The recommended change is said
 * in the same sentence as on the result page and in the reports (recommendedChangeSentence):
 * its gain and interval and, where the gain is not established, why and what to do.
 */
import { OBJECTIVE_WORDS } from '../../shared/optimizer/goal';
import type { OptimizeJson } from '../../shared/optimizer/result';
import { COMMAND_OBJECTIVE_WORDS } from '../../shared/optimizer/command/goal';
import type { CommandOptimizeJson } from '../../shared/optimizer/command/result';
import { attributionLines } from '../../shared/optimizer/command/report-markdown';
import { keepDefaultsSentence, recommendedChangeSentence, roundsOf } from '../../shared/optimizer/report-words';
import { formatNumber } from '../../shared/format';

/** A model study (`dyno optimize`). */
export function modelStudySummary(r: OptimizeJson): string {
  const lines = [`study ${r.study}`, r.stopped.message];
  for (const s of r.skipped) lines.push(`skipped ${s.factor}: ${s.reason}`);
  if (r.noCandidate) lines.push(r.noCandidate);
  const rec = r.recommended;
  const objective = OBJECTIVE_WORDS[r.objective];
  if (rec && rec.candidate !== 'baseline') {
    lines.push(`recommended: ${recommendedChangeSentence(rec.candidate, objective, rec.gainVsBaseline, undefined, roundsOf(r))}`);
    if (rec.fidelity) lines.push(`  outputs vs FP32 baseline: max abs error ${rec.fidelity.maxAbsError.toExponential(2)}, cosine ${rec.fidelity.cosine.toFixed(6)}`);
    for (const a of r.attribution) lines.push(`  ${a.factor === 'combined' ? `combined${a.interaction ? ' (factors interact)' : ''}` : `${a.factor}=${String(a.level)} alone`}: ${a.gain?.toFixed(3) ?? '—'}× (CI ${a.ciLow?.toFixed(3) ?? '—'}–${a.ciHigh?.toFixed(3) ?? '—'})`);
    lines.push(`  ${rec.exports.benchCommand}`);
  } else if (rec) lines.push(`recommended: ${keepDefaultsSentence("ONNX Runtime's defaults", r.closest, objective)}`);
  return lines.join('\n') + '\n';
}

/** A command study (`dyno optimize-exec`). */
export function commandStudySummary(r: CommandOptimizeJson): string {
  const lines = [`study ${r.study}`, r.stopped.message];
  if (r.noCandidate) lines.push(r.noCandidate);
  const rec = r.recommended;
  if (rec && rec.candidate !== 'baseline') {
    lines.push(`recommended: ${recommendedChangeSentence(rec.candidate, COMMAND_OBJECTIVE_WORDS[r.objective], rec.gainVsBaseline, undefined, roundsOf(r))}`);
    for (const c of rec.gates) lines.push(`  gate ${c.gate}: ${c.metric} ${formatNumber(c.value)} (limit ${formatNumber(c.limit)}) kept`);
    for (const l of attributionLines(r)) lines.push(`  ${l}`);
    lines.push(`  ${rec.exports.commandLine}`);
  } else if (rec) lines.push('recommended: keep the command as it is (no change beat it)');
  return lines.join('\n') + '\n';
}

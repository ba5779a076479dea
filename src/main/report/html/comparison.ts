/**
 * The report's comparison: each run against the first (the baseline), as the CLI's
 * `--baseline` puts it (ratio of medians, hyperfine's propagated σ), with the caveat that this
 * is the spread of single iterations, not run-to-run variation.
 */
import { compareRuns } from '../../../shared/compare';
import type { RunJson } from '../../../shared/run-json';
import { html } from './escape';
import { runHeads } from './sections';

export function comparisonSection(runs: readonly RunJson[]): string {
  const [base, ...rest] = runs;
  if (!base || rest.length === 0) return '<p class="muted">One run: nothing to compare.</p>';
  if (!base.stats || base.run.status !== 'completed') return `<p class="muted">The baseline ${html(base.run.id)} has no statistics to compare against.</p>`;
  const b = base.stats;
  const models = new Set(runs.map((r) => r.run.modelName));
  const rows = rest.map((r) => {
    if (!r.stats) return `<tr><td><code>${html(r.run.id)}</code></td><td colspan="2" class="muted">no statistics</td></tr>`;
    const c = compareRuns({ medianMs: r.stats.p50_ms ?? r.stats.mean_ms, meanMs: r.stats.mean_ms, stdMs: r.stats.std_ms }, { medianMs: b.p50_ms ?? b.mean_ms, meanMs: b.mean_ms, stdMs: b.std_ms });
    return `<tr><td><code>${html(r.run.id)}</code></td><td>${html(c.ratio.toFixed(3))} ± ${html(c.ratioSigma.toFixed(3))}</td><td>${html(c.sentence)}</td></tr>`;
  });
  const warn = models.size > 1 ? `<p class="flag-line">These runs measured different models (${html([...models].join(', '))}): the comparison says how their timings differ, not that one change caused it.</p>` : '';
  return `<p>Baseline: ${runHeads([base])[0] ?? ''}. Ratio = median ÷ baseline median (above 1 is slower); ± is propagated from each run's spread of single iterations, which understates run-to-run variation.</p>${warn}<table><thead><tr><th>run</th><th>ratio</th><th>verdict</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

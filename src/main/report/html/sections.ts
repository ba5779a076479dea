/**
 * The report's tables, as HTML strings from the runs' versioned JSON (so the numbers are the
 * ones every other export shows) and their stored configuration and environment. Every value
 * passes through `html()`; nothing from a run is ever markup.
 */
import type { RunJson } from '../../../shared/run-json';
import { environmentDifferences, type Environment } from '../../../shared/telemetry';
import { formatBytes, formatMs, formatRate } from '../../../shared/format';
import { runColour } from '../../../shared/report-charts';
import { html } from './escape';
import { profilePassSentence } from '../../../shared/profile-words';
import { EARLY_STOPPING_LABEL } from '../../../shared/early-stopping-words';

type Cell = string | number | boolean | null | undefined;

const swatch = (i: number): string => `<span class="swatch" style="background:${runColour(i)}"></span>`;
const cell = (v: Cell): string => (v === null || v === undefined || v === '' ? '<span class="muted">—</span>' : html(v));

/** One metric per row, one column per run; `raw` cells are already HTML. */
function table(head: string[], rows: { label: string; cells: string[]; differs?: boolean }[]): string {
  const th = head.map((h) => `<th>${h}</th>`).join('');
  const trs = rows.map((r) => `<tr${r.differs ? ' class="differs"' : ''}><th scope="row">${html(r.label)}</th>${r.cells.map((c) => `<td>${c}</td>`).join('')}</tr>`);
  return `<table><thead><tr><th></th>${th}</tr></thead><tbody>${trs.join('')}</tbody></table>`;
}

export const runHeads = (runs: readonly RunJson[]): string[] => runs.map((r, i) => `${swatch(i)}${html(r.run.id)}`);

export function runsSection(runs: readonly RunJson[]): string {
  const rows = runs.map(
    (r, i) =>
      `<tr><td>${swatch(i)}<code>${html(r.run.id)}</code></td><td>${html(r.run.modelName)}</td><td>${cell(r.config.label)}</td><td>${html(r.config.session.executionProvider)}</td><td>${html(r.config.session.intraOpThreads || 'auto')}</td><td>${cell(r.config.batchSize)}</td><td>${html(r.config.scenario.kind)}</td><td>${html(r.run.status)}</td><td>${html(r.run.createdAt)}</td></tr>`,
  );
  return `<table><thead><tr><th>run</th><th>model</th><th>label</th><th>provider</th><th>threads</th><th>batch</th><th>scenario</th><th>status</th><th>created</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const ci = (v: number | null, lo: number | null, hi: number | null): string =>
  v === null ? cell(null) : `${html(formatMs(v))}${lo !== null && hi !== null ? ` <span class="muted">[${html(formatMs(lo))} – ${html(formatMs(hi))}]</span>` : ''}`;
const flagged = (text: string, supported: boolean): string => (supported ? text : `${text} <span class="flag" title="too few samples to claim this percentile">unsupported</span>`);

export function statisticsSection(runs: readonly RunJson[]): string {
  const s = (f: (st: NonNullable<RunJson['stats']>, r: RunJson) => string): string[] => runs.map((r) => (r.stats ? f(r.stats, r) : cell(null)));
  return table(runHeads(runs), [
    { label: 'iterations', cells: s((st) => html(st.count)) },
    { label: 'p50 [95 % CI]', cells: s((st) => ci(st.p50_ms, st.median_ci_low_ms, st.median_ci_high_ms)) },
    { label: 'p90 [95 % CI]', cells: s((st) => flagged(ci(st.p90_ms, st.p90_ci_low_ms, st.p90_ci_high_ms), st.p90_supported)) },
    { label: 'p99 [95 % CI]', cells: s((st) => flagged(ci(st.p99_ms, st.p99_ci_low_ms, st.p99_ci_high_ms), st.p99_supported)) },
    { label: `p99 ${EARLY_STOPPING_LABEL} (early stopping, conservative)`, cells: s((st) => cell(st.p99_early_stopping_ms === null ? null : formatMs(st.p99_early_stopping_ms))) },
    { label: 'mean ± σ', cells: s((st) => html(`${formatMs(st.mean_ms)} ± ${formatMs(st.std_ms)} (CV ${st.cv_pct.toFixed(1)} %)`)) },
    { label: 'min – max', cells: s((st) => html(`${formatMs(st.min_ms)} – ${formatMs(st.max_ms)}`)) },
    { label: 'throughput', cells: s((st) => html(formatRate(st.throughput_per_s))) },
    { label: 'outliers', cells: s((st) => html(st.outliers)) },
    { label: 'cold start (session, first run)', cells: runs.map((r) => (r.coldStart ? html(`${formatMs(r.coldStart.sessionCreate_ms)}, ${formatMs(r.coldStart.firstRun_ms)}`) : cell(null))) },
    { label: 'peak worker memory', cells: runs.map((r) => (r.memory ? html(formatBytes(r.memory.peakRss_bytes)) : cell(null))) },
    { label: 'stable (last windows within 10 %)', cells: runs.map((r) => cell(r.stability ? (r.stability.stable ? 'yes' : 'no') : null)) },
    { label: 'outputs checked', cells: runs.map((r) => cell(r.check ? (r.check.passed ? 'match' : 'MISMATCH') : null)) },
    { label: 'server verdict', cells: runs.map((r) => cell(r.server ? `${r.server.outcome ?? (r.server.passed ? 'pass' : 'fail')} (p${r.server.percentile * 100} vs ${r.server.latencyBudget_ms} ms)` : null)) },
  ]);
}

/** Each run's targets, judged pass / fail / not enough samples from the figure's 95 % interval. */
export function targetsSection(runs: readonly RunJson[]): string {
  const rows = runs.flatMap((r, i) =>
    (r.targets ?? []).map((t) => `<tr class="target-${t.outcome === 'pass' ? 'pass' : t.outcome === 'fail' ? 'fail' : 'unknown'}"><td>${swatch(i)}<code>${html(r.run.id)}</code></td><td>${html(t.text)}</td><td><strong>${html(t.outcome)}</strong></td><td>${html(t.sentence)}</td></tr>`),
  );
  if (rows.length === 0) return '<p class="muted">No targets were set (dyno bench --target, the run form’s targets, or dyno report --target).</p>';
  return `<table><thead><tr><th>run</th><th>target</th><th>outcome</th><th>judged from</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function warningsSection(runs: readonly RunJson[]): string {
  const items = runs.flatMap((r, i) => [
    ...(r.run.error ? [`<li>${swatch(i)}<code>${html(r.run.id)}</code> failed: ${html(r.run.error)}</li>`] : []),
    ...r.warnings.map((w) => `<li>${swatch(i)}<code>${html(r.run.id)}</code> ${html(w.message)}</li>`),
  ]);
  return items.length ? `<ul class="warnings">${items.join('')}</ul>` : '<p class="muted">No warnings.</p>';
}

/** What to try next per run (shared/advice): each item's evidence, why it may help, and the command that tries it. */
export function adviceSection(runs: readonly RunJson[]): string {
  const items = runs.flatMap((r, i) =>
    (r.advice ?? []).map(
      (a) =>
        `<li>${swatch(i)}<code>${html(r.run.id)}</code> <strong>${html(a.title)}</strong>: ${html(a.evidence)} ${html(a.why)}${a.command ? `<br><code>${html(a.command)}</code>` : ''}</li>`,
    ),
  );
  return items.length ? `<ul class="advice">${items.join('')}</ul>` : '<p class="muted">Nothing to suggest from these runs’ figures.</p>';
}

/** Leaf values of a JSON object by dotted path. */
function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, typeof value === 'string' ? value : JSON.stringify(value));
  return out;
}

/** Every setting, one row each; rows where runs differ are marked (and listed first). */
export function keyValueSection(runs: readonly RunJson[], of: (r: RunJson) => unknown): string {
  const flat = runs.map((r) => flatten(of(r) ?? {}));
  const keys = [...new Set(flat.flatMap((f) => [...f.keys()]))];
  const rows = keys.map((k) => {
    const values = flat.map((f) => f.get(k));
    return { label: k, cells: values.map(cell), differs: runs.length > 1 && new Set(values).size > 1 };
  });
  rows.sort((a, b) => Number(b.differs) - Number(a.differs));
  return table(runHeads(runs), rows);
}

export function environmentWarnings(runs: readonly RunJson[]): string {
  const [base, ...rest] = runs;
  const baseEnv = base?.environment as Environment | null | undefined;
  if (!base || !baseEnv) return '';
  const lines = rest.flatMap((r) => {
    const env = r.environment as Environment | null;
    const d = env ? environmentDifferences(baseEnv, env) : [];
    return d.length ? [`<li><code>${html(r.run.id)}</code> ran in a different environment from <code>${html(base.run.id)}</code>: ${html(d.join('; '))}</li>`] : [];
  });
  return lines.length ? `<ul class="warnings">${lines.join('')}</ul>` : '';
}

export function operatorsSection(runs: readonly RunJson[]): string {
  const profiled = runs.map((r, i) => ({ r, i })).filter(({ r }) => r.profile);
  if (profiled.length === 0) return '<p class="muted">No run was profiled (dyno bench --profile).</p>';
  return profiled
    .map(({ r, i }) => {
      const p = r.profile!;
      const rows = p.byOpType.map((t) => `<tr><td>${html(t.opType)}</td><td>${html(formatMs(t.ms))}</td><td>${html((t.share * 100).toFixed(1))} %</td><td>${html(t.nodes)}</td></tr>`);
      return `<h3>${swatch(i)}${html(r.run.id)} <span class="muted">${html(profilePassSentence({ kernelMsPerIteration: p.kernel_ms_per_iteration, passMeanMs: p.pass_mean_ms }))}</span></h3><table><thead><tr><th>operator</th><th>time per iteration</th><th>share</th><th>nodes</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
    })
    .join('');
}

export function telemetrySection(runs: readonly RunJson[]): string {
  const v = (x: number | null | undefined, unit: string, digits = 1): string => cell(x === null || x === undefined ? null : `${x.toFixed(digits)} ${unit}`);
  return table(runHeads(runs), [
    { label: 'CPU load (avg)', cells: runs.map((r) => v(r.telemetry?.cpu.avgUtil_pct, '%', 0)) },
    { label: 'worker CPU (avg, of one core)', cells: runs.map((r) => v(r.telemetry?.cpu.workerAvgCpu_pct, '%', 0)) },
    { label: 'GPU', cells: runs.map((r) => cell(r.telemetry ? (r.telemetry.gpu.available ? 'sampled' : `not sampled: ${r.telemetry.gpu.reason ?? 'unavailable'}`) : null)) },
    { label: 'GPU power (avg)', cells: runs.map((r) => v(r.telemetry?.gpu.avgPower_w, 'W')) },
    { label: 'GPU utilisation (avg)', cells: runs.map((r) => v(r.telemetry?.gpu.avgUtil_pct, '%', 0)) },
    { label: 'energy charged to', cells: runs.map((r) => cell(r.energy?.device ?? r.energy?.reason)) },
    { label: 'energy (total, above idle)', cells: runs.map((r) => cell(r.energy?.total_j === null || r.energy?.total_j === undefined ? null : `${r.energy.total_j.toFixed(2)} J, ${r.energy.net_j === null ? 'no idle baseline' : `${r.energy.net_j.toFixed(2)} J`}`)) },
    { label: 'energy per inference', cells: runs.map((r) => v(r.energy?.perInference_mj, 'mJ', 3)) },
  ]);
}

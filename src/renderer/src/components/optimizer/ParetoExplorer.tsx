/**
 * The Pareto explorer: the study's stored candidates, re-ranked on every slider move by the pure
 * shared/optimizer/explorer.ts (no run, no call), the best eligible one named, and for each of
 * the others why it is out, with its numbers. A slider at its end sets no limit.
 */
import { useMemo } from 'react';
import { useOptimizer } from '../../stores/optimizer-store';
import { ParetoChart } from '../../charts/ParetoChart';
import { explorerCandidates, rerank, type ExplorerLimits } from '../../../../shared/optimizer/explorer';
import { OBJECTIVE_WORDS } from '../../../../shared/optimizer/goal';
import type { OptimizeResult } from '../../../../shared/optimizer/study-state';
import { openCompare } from './open-compare';
import { formatNumber } from '../../../../shared/format';

/** The max-error slider runs over decades; its top stop is "no limit". */
const ERROR_STOPS = [1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1];

function Slider(props: { label: string; value: string; min: number; max: number; step: number; at: number; onChange(v: number): void; testId: string }) {
  return (
    <label className="field explorer-slider">
      <span className="field-label">
        {props.label}: <strong data-testid={`${props.testId}-value`}>{props.value}</strong>
      </span>
      <input type="range" min={props.min} max={props.max} step={props.step} value={props.at} onChange={(e) => props.onChange(Number(e.target.value))} data-testid={props.testId} aria-valuetext={props.value} />
    </label>
  );
}

export function ParetoExplorer({ result }: { result: OptimizeResult }) {
  const { limits, setLimits } = useOptimizer();
  const candidates = useMemo(() => explorerCandidates(result), [result]);
  const { ranked, best } = useMemo(() => rerank(candidates, result.objective, limits), [candidates, result.objective, limits]);
  const p99 = result.objective === 'p99';
  const latencies = candidates.map((c) => (p99 ? c.p99Ms : c.p50Ms)).filter((x): x is number => x !== null);
  const throughputs = candidates.map((c) => c.throughputPerS).filter((x): x is number => x !== null);
  const rss = candidates.map((c) => c.peakRssBytes).filter((x): x is number => x !== null);
  const latMax = Math.max(1, ...latencies) * 1.2;
  const thrMax = Math.max(1, ...throughputs) * 1.2;
  const rssMax = Math.max(2 ** 20, ...rss) * 1.2;
  const errIndex = limits.maxError === undefined ? ERROR_STOPS.length : Math.max(0, ERROR_STOPS.findIndex((e) => e >= (limits.maxError as number) * 0.999));
  const set = (patch: ExplorerLimits): void => setLimits(patch);
  return (
    <section className="panel-section pareto-explorer" data-testid="pareto-explorer">
      <h3>Pareto explorer: the {candidates.length} stored candidates, re-ranked as you move a limit (no re-run)</h3>
      <div className="explorer-sliders">
        <Slider label={`Latency budget (${p99 ? 'p99' : 'p50'})`} value={limits.latencyBudgetMs === undefined ? 'none' : `${limits.latencyBudgetMs.toPrecision(3)} ms`} min={0} max={latMax} step={latMax / 200} at={limits.latencyBudgetMs ?? latMax} onChange={(v) => set({ latencyBudgetMs: v >= latMax ? undefined : v })} testId="slider-latency" />
        <Slider label="Max output error" value={limits.maxError === undefined ? 'none' : limits.maxError.toExponential(0)} min={0} max={ERROR_STOPS.length} step={1} at={errIndex} onChange={(i) => set({ maxError: ERROR_STOPS[i] })} testId="slider-error" />
        <Slider label="Memory cap" value={limits.memoryCapBytes === undefined ? 'none' : `${(limits.memoryCapBytes / 2 ** 20).toFixed(0)} MiB`} min={0} max={rssMax} step={rssMax / 200} at={limits.memoryCapBytes ?? rssMax} onChange={(v) => set({ memoryCapBytes: v >= rssMax ? undefined : v })} testId="slider-memory" />
        <Slider label="Min throughput" value={limits.minThroughputPerS === undefined ? 'none' : `${limits.minThroughputPerS.toPrecision(3)} /s`} min={0} max={thrMax} step={thrMax / 200} at={limits.minThroughputPerS ?? 0} onChange={(v) => set({ minThroughputPerS: v <= 0 ? undefined : v })} testId="slider-throughput" />
      </div>
      <p className="optimizer-recommendation" data-testid="explorer-best">
        {best
          ? `Best within these limits for ${OBJECTIVE_WORDS[result.objective]}: ${best.key} (${formatNumber(best.value)} ${result.baseline.figures?.unit ?? ''}).`
          : `No stored candidate keeps these limits${ranked[0]?.reasons[0] ? `; the closest is out because ${ranked[0].reasons[0]}` : ''}.`}
      </p>
      <div className="explorer-grid">
        <ParetoChart ranked={ranked} bestKey={best?.key} />
        <div className="runs-table-wrap">
          <table className="runs-table explorer-table" data-testid="explorer-table">
            <thead>
              <tr>
                <th>#</th>
                <th>candidate</th>
                <th className="num">{OBJECTIVE_WORDS[result.objective]}</th>
                <th>why it is out</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {ranked.map((r, i) => (
                <tr key={r.key} data-testid="explorer-row" data-eligible={r.eligible} className={r.eligible ? '' : 'rejected'}>
                  <td>{r.eligible ? i + 1 : '—'}</td>
                  <td className="mono">
                    {r.key}
                    {r.front ? ' ★' : ''}
                  </td>
                  <td className="num">{formatNumber(r.value)}</td>
                  <td className="warn-text">{r.reasons.join('; ')}</td>
                  <td>
                    {r.key !== 'baseline' && r.runIds[0] && r.failed === null && (
                      <button className="ghost" onClick={() => openCompare(result.baseline.runId, r.runIds.at(-1) ?? (r.runIds[0] as string))}>
                        compare
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

/** One verdict per run against the baseline, as the host's comparison worded it, with its interval and evidence. */
import { useCompare } from '../../stores/compare-store';
import { FailureNotice } from '../FailureNotice';
import { runColor } from '../../charts/theme';
import type { MetricComparison } from '../../../../shared/compare/schema';

const ratioText = (m: Pick<MetricComparison, 'ratio' | 'ciLow' | 'ciHigh'>): string =>
  `${m.ratio.toFixed(3)}×${m.ciLow !== null && m.ciHigh !== null ? ` (95 % CI ${m.ciLow.toFixed(3)}–${m.ciHigh.toFixed(3)})` : ''}`;

export function CompareVerdicts({ named }: { named: { id: string; index: number; name: string }[] }) {
  const { comparison, comparisonFailure, baselineId } = useCompare();
  // The comparison answers every side but the baseline, in the order asked: the runs' order here
  // (also after interleaved rounds, whose runs are new ones).
  const others = named.filter((n) => n.id !== baselineId);
  return (
    <section className="compare-verdicts" data-testid="compare-verdicts">
      <h3>Verdicts against the baseline</h3>
      {comparisonFailure && <FailureNotice failure={comparisonFailure} testId="compare-failure" />}
      {!comparison && !comparisonFailure && <p className="hint">Comparing…</p>}
      {comparison && (
        <>
          {comparison.warnings.map((w) => (
            <p key={w} className="warn-line">
              {w}
            </p>
          ))}
          <table className="runs-table verdict-table">
            <thead>
              <tr>
                <th>run</th>
                <th>verdict</th>
                <th>median ratio</th>
                <th>throughput</th>
                <th>evidence</th>
              </tr>
            </thead>
            <tbody>
              {comparison.runs
                .map((r, i) => ({ r, side: others[i] }))
                .map(({ r, side }) => {
                  const throughput = r.metrics.find((m) => m.metric === 'throughput');
                  return (
                    <tr key={r.runId} data-testid={`verdict-${side?.id ?? r.runId}`}>
                      <td>
                        <span className="swatch" style={{ background: runColor(side?.index ?? 0) }} /> {side?.name ?? r.label}
                      </td>
                      <td>
                        <span className={`verdict-chip v-${r.verdict.replace(/ /g, '-')}`}>{r.verdict}</span>
                        <div className="hint">{r.sentence}</div>
                        {r.reason && !r.sentence.includes(r.reason) && <div className="hint">{r.reason}</div>}
                        {/* What the CLI and the report print under this side (another model, other conditions, runs in two clusters…). */}
                        {r.warnings.map((w) => (
                          <div key={w} className="warn-line" data-testid="verdict-warning">
                            {w}
                          </div>
                        ))}
                      </td>
                      <td className="num">{ratioText(r)}</td>
                      <td className="num">{throughput ? ratioText(throughput) : '—'}</td>
                      <td className="hint">
                        {r.evidence.level === 'interleaved' ? `interleaved, ${r.evidence.runs} rounds paired` : r.evidence.level}
                        {r.evidence.runToRun ? ` (run-to-run band ±${(r.evidence.runToRun.band * 100).toFixed(0)} %)` : ''}
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

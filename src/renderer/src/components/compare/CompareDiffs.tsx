/** The settings that differ from the baseline, and the environment differences that make a comparison suspect. */
import { useCompare } from '../../stores/compare-store';

export function CompareDiffs() {
  const comparison = useCompare((s) => s.comparison);
  if (!comparison) return null;
  const others = comparison.runs.filter((r) => r.runId !== comparison.baseline);
  const anyConfig = others.some((r) => r.configDiff.length > 0);
  const envWarnings = others.flatMap((r) => r.fingerprintDifferences.map((d) => ({ runId: r.runId, label: r.label, d })));
  return (
    <section className="compare-diffs" data-testid="compare-diffs">
      <div className="chart-card">
        <h3>Settings that differ from the baseline</h3>
        {!anyConfig ? (
          <p className="hint">Same settings as the baseline.</p>
        ) : (
          <table className="runs-table" data-testid="config-diff">
            <thead>
              <tr>
                <th>run</th>
                <th>setting</th>
                <th>baseline</th>
                <th>this run</th>
              </tr>
            </thead>
            <tbody>
              {others.flatMap((r) =>
                r.configDiff.map((d) => (
                  <tr key={`${r.runId}-${d.path}`}>
                    <td className="mono" title={r.label}>
                      {r.label}
                    </td>
                    <td>
                      {d.setting} {d.flag && <span className="hint mono">{d.flag}</span>}
                    </td>
                    <td className="mono" title={d.baseline}>
                      {d.baseline}
                    </td>
                    <td className="mono" title={d.value}>
                      {d.value}
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        )}
      </div>
      <div className="chart-card">
        <h3>Environment</h3>
        {envWarnings.length === 0 ? (
          <p className="hint">Same machine fingerprint as the baseline.</p>
        ) : (
          <ul className="warnings" data-testid="env-diff">
            {envWarnings.map((w) => (
              <li key={`${w.runId}-${w.d}`}>
                <span className="mono">{w.label}</span>: {w.d}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

/**
 * A sweep's answer: where the sweep stands (point k of n, Cancel), the fitted power law along
 * each swept axis with its R² (shared/sweep.ts, as `dyno sweep` prints it), the scaling curve,
 * and every point with a link that opens its run. The Run view shows it while it sweeps;
 * Sessions shows it for a sweep study opened by its address (`#/studies/<id>`).
 */
import { fitAlong, fitSentence, sweptAxes, type SweepPoint, type SweepProgress } from '../../../../shared/sweep';
import { formatMs, formatRate } from '../../../../shared/format';
import { ScalingChart } from '../../charts/ScalingChart';
import { StatusBadge } from '../StatusBadge';

function ProgressLine({ progress, points, onCancel }: { progress: SweepProgress; points: readonly SweepPoint[]; onCancel?: () => void }) {
  const current = points.find((p) => p.runId === progress.runId);
  const completed = points.filter((p) => p.status === 'completed').length;
  if (progress.state !== 'running')
    return (
      <p className="sweep-progress" data-testid="sweep-progress">
        {progress.state === 'completed' ? `Sweep done: ${progress.done} of ${progress.total} points.` : progress.state === 'cancelled' ? `Sweep cancelled: ${completed} of ${progress.total} points completed and kept, the rest not run.` : `Sweep stopped after ${progress.done} of ${progress.total} points: ${progress.error ?? 'unknown reason'}`}
      </p>
    );
  return (
    <div className="sweep-progress progress-line" data-testid="sweep-progress">
      <span>
        Point {Math.min(progress.done + 1, progress.total)} of {progress.total}
        {current ? ` · batch ${current.batch}, threads ${current.threads || 'auto'}` : ''}
      </span>
      <div className="progress-bar">
        <div style={{ transform: `scaleX(${progress.done / progress.total})` }} />
      </div>
      {onCancel && (
        <button onClick={onCancel} data-testid="cancel-sweep" title="Ends the point being measured and runs no more; finished points are kept">
          Cancel sweep
        </button>
      )}
    </div>
  );
}

export function SweepResults({ studyId, name, points, progress, onCancel }: { studyId: string; name?: string; points: readonly SweepPoint[]; progress?: SweepProgress; onCancel?: () => void }) {
  const axes = sweptAxes(points);
  return (
    <section className="sweep-results" data-testid="sweep-results">
      <h2>
        {name ?? 'Sweep'}{' '}
        <a className="run-id mono" href={`#/studies/${studyId}`} data-testid="sweep-study-link" title="Open this sweep's runs in Sessions">
          study {studyId.slice(0, 8)}
        </a>
      </h2>
      {progress && <ProgressLine progress={progress} points={points} {...(onCancel ? { onCancel } : {})} />}
      <ul className="sweep-fits" data-testid="sweep-fits">
        {axes.map((axis) => {
          const p50 = fitAlong(points, axis);
          return <li key={axis}>{p50 ? `${fitSentence('p50', axis, p50)} · ${fitSentence('throughput', axis, fitAlong(points, axis, 'throughputPerS'))}` : fitSentence('p50', axis, null)}</li>;
        })}
        {axes.length === 0 && <li className="hint">The fits appear once two points along an axis have completed.</li>}
      </ul>
      <div className="sweep-body">
        <div className="sweep-charts">
          {axes.map((axis) => (
            <div className="chart-card" key={axis}>
              <h3>
                Scaling with {axis === 'batch' ? 'batch size' : 'threads'} <span className="hint">click a point to open its run</span>
              </h3>
              <ScalingChart points={points} axis={axis} testId={`scaling-chart-${axis}`} />
            </div>
          ))}
        </div>
        <table className="sweep-points" data-testid="sweep-points">
          <thead>
            <tr>
              <th scope="col">batch</th>
              <th scope="col">threads</th>
              <th scope="col">p50</th>
              <th scope="col">throughput</th>
              <th scope="col">run</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.runId}>
                <td className="num">{p.batch}</td>
                <td className="num">{p.threads || 'auto'}</td>
                <td className="num">{p.p50Ms !== undefined ? formatMs(p.p50Ms) : '—'}</td>
                <td className="num">{p.throughputPerS !== undefined ? formatRate(p.throughputPerS) : '—'}</td>
                <td>
                  {p.status === 'completed' ? (
                    <a href={`#/runs/${p.runId}`} className="mono" data-testid="sweep-point-link" title={p.runId}>
                      open
                    </a>
                  ) : (
                    <StatusBadge status={p.status} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

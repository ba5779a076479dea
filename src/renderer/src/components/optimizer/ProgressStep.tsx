/**
 * Step 2 of the optimizer wizard: the search as it goes. The phase, every trial as it finishes
 * (the change, its figures, its verdict once the study has them — before that the raw ratio to
 * the baseline's figure, named as such — or why it was rejected, with the numbers), the factors
 * skipped and why; Cancel while it runs, Resume once it stopped.
 */
import { useOptimizer } from '../../stores/optimizer-store';
import { FailureNotice } from '../FailureNotice';
import { OBJECTIVE_WORDS, higherIsBetter } from '../../../../shared/optimizer/goal';
import type { LiveTrial, OptimizerState } from '../../../../shared/optimizer/study-state';
import { openCompare } from './open-compare';
import { formatNumber, plural } from '../../../../shared/format';
import { SearchHeading } from './SearchHeading';

const fig = (x: number | null | undefined, unit: string): string => (x === null || x === undefined ? '—' : `${formatNumber(x)} ${unit}`);

function verdictText(t: LiveTrial, s: OptimizerState, baseline: LiveTrial | undefined): string {
  const v = s.result?.trials.find((r) => r.runId === t.runId)?.verdict;
  if (v) return `${v.gain.toFixed(3)}× ${v.verdict}${v.ciLow !== null && v.ciHigh !== null ? ` (CI ${v.ciLow.toFixed(3)}–${v.ciHigh.toFixed(3)})` : ''}`;
  // Re-measure rounds are judged together, in the recommendation's paired verdict.
  if (t.phase.startsWith('re-measure')) return s.result ? 'a round of the paired verdict (see the recommendation)' : 're-measuring against the baseline';
  if (s.result) return '';
  const a = t.figures?.value;
  const b = baseline?.figures?.value;
  if (t.phase === 'baseline' || a === null || a === undefined || b === null || b === undefined || a <= 0 || b <= 0) return '';
  const ratio = higherIsBetter(s.goal.objective) ? a / b : b / a;
  return `${ratio.toFixed(3)}× (one run, verdict at the end)`;
}

export function ProgressStep({ state }: { state: OptimizerState }) {
  const { cancel, resume, startFailure, failure } = useOptimizer();
  const baseline = state.trials.find((t) => t.phase === 'baseline');
  const running = state.status === 'running';
  const unit = state.trials[0]?.figures?.unit ?? '';
  // Latency and throughput are columns already; the p99 and energy objectives get their own.
  const ownColumn = state.goal.objective === 'p99' || state.goal.objective === 'energy';
  return (
    <section className="panel-section optimizer-progress" data-testid="optimizer-progress">
      <div className="optimize-progress-head">
        <SearchHeading status={state.status} phase={state.phase} trials={state.trials.length} />
        <span className="spacer" />
        {running && (
          <button onClick={() => void cancel()} data-testid="opt-cancel">
            Cancel
          </button>
        )}
        {(state.status === 'stopped' || state.status === 'cancelled' || state.status === 'failed') && (
          <button onClick={() => void resume()} data-testid="opt-resume" title="Continue the search, reusing every trial it measured">
            Resume
          </button>
        )}
      </div>
      <p className="hint">
        Objective: {OBJECTIVE_WORDS[state.goal.objective]} · model {state.model} · time budget {(state.goal.timeBudgetMs / 1000).toFixed(0)} s · study {state.studyId}
      </p>
      {state.error && <p className="error-line" data-testid="opt-error">{state.error}</p>}
      {state.result?.stopped && <p className="hint" data-testid="opt-stopped">{state.result.stopped.message}</p>}
      {startFailure && <FailureNotice failure={startFailure} testId="opt-resume-failure" />}
      {failure && <FailureNotice failure={failure} testId="opt-failure" />}
      <div className="runs-table-wrap">
        <table className="runs-table optimizer-trials" data-testid="opt-trials">
          <thead>
            <tr>
              <th>phase</th>
              <th>change</th>
              {ownColumn && <th className="num">{OBJECTIVE_WORDS[state.goal.objective]}</th>}
              <th className="num">p50</th>
              <th className="num">throughput</th>
              <th className="num">max error</th>
              <th>verdict / rejected</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {state.trials.map((t, i) => (
              <tr key={`${t.runId}-${i}`} data-testid="opt-trial" className={t.rejected ? 'rejected' : ''}>
                <td>{t.phase}</td>
                <td className="mono">{t.candidate}{t.reused ? ' (reused)' : ''}</td>
                {ownColumn && <td className="num">{t.status === 'completed' ? fig(t.figures?.value, unit) : t.status}</td>}
                <td className="num">{t.status === 'completed' ? fig(t.figures?.p50Ms, 'ms') : t.status}</td>
                <td className="num">{fig(t.figures?.throughputPerS, '/s')}</td>
                <td className="num">{t.phase === 'baseline' ? 'reference' : t.fidelity ? t.fidelity.maxAbsError.toExponential(2) : '—'}</td>
                <td className={t.rejected ? 'warn-text' : ''}>{t.rejected ? `rejected: ${t.rejected}` : verdictText(t, state, baseline)}</td>
                <td>
                  {baseline && t.runId && t.runId !== baseline.runId && t.status === 'completed' && (
                    <button className="ghost" onClick={() => openCompare(baseline.runId, t.runId)} title="Open the baseline and this trial in Compare">
                      compare
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {running && (
              <tr className="pending">
                <td colSpan={ownColumn ? 8 : 7} className="hint">
                  {state.currentRunId ? `measuring (run ${state.currentRunId.slice(-8)})…` : 'preparing the next trial…'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {state.skipped.length > 0 && (
        <details className="optimizer-skipped" data-testid="opt-skipped">
          <summary>{plural(state.skipped.length, 'factor')} not tried</summary>
          <ul>
            {state.skipped.map((s) => (
              <li key={s.factor}>
                <span className="mono">{s.factor}</span>: {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/**
 * Step 2 of the optimizer wizard for a command: the search as it goes. The phase, every trial as
 * it finishes (the change, the objective's figure, median wall time, peak memory, the metrics
 * the gates read, its verdict once the study has them — before that the raw ratio to the
 * baseline's figure, named as such — or why it was rejected, with the numbers); Cancel while it
 * runs, Resume once it stopped.
 */
import { useCommandOptimizer } from '../../../stores/command-optimizer-store';
import { FailureNotice } from '../../FailureNotice';
import { COMMAND_OBJECTIVE_WORDS, gateText } from '../../../../../shared/optimizer/command/goal';
import type { CommandOptimizerState, LiveCommandTrial } from '../../../../../shared/optimizer/command/study-state';
import { formatBytes } from '../../../../../shared/format';
import { openCompare } from '../open-compare';
import { SearchHeading } from '../SearchHeading';

// Four significant figures without trailing zeros (an epoch count stays 20, not "20.00").
const fig = (x: number | null | undefined, unit: string): string => (x === null || x === undefined ? '—' : `${Number(x.toPrecision(4))} ${unit}`.trim());

function verdictText(t: LiveCommandTrial, s: CommandOptimizerState, baseline: LiveCommandTrial | undefined): string {
  const v = s.result?.trials.find((r) => r.runId === t.runId)?.verdict;
  if (v) return `${v.gain.toFixed(3)}× ${v.verdict}${v.ciLow !== null && v.ciHigh !== null ? ` (CI ${v.ciLow.toFixed(3)}–${v.ciHigh.toFixed(3)})` : ''}`;
  if (t.phase.startsWith('re-measure')) return s.result ? 'a round of the paired verdict (see the recommendation)' : 're-measuring against the baseline';
  if (s.result || t.phase === 'baseline') return '';
  const a = t.figures?.value;
  const b = baseline?.figures?.value;
  // Every command objective is lower-is-better.
  return a && b && a > 0 && b > 0 ? `${(b / a).toFixed(3)}× (one trial, verdict at the end)` : '';
}

export function CommandProgressStep({ state }: { state: CommandOptimizerState }) {
  const { cancel, resume, startFailure, failure } = useCommandOptimizer();
  const baseline = state.trials.find((t) => t.phase === 'baseline');
  const running = state.status === 'running';
  const unit = state.trials.find((t) => t.figures)?.figures?.unit ?? '';
  // The metrics the gates read first, then any others the program printed (at most three columns).
  const metrics = [...new Set([...state.goal.gates.map((g) => g.metric), ...state.trials.flatMap((t) => Object.keys(t.figures?.metrics ?? {}))])].slice(0, 3);
  // With the time objective, its column is the median wall time already.
  const wallColumn = state.goal.objective !== 'time';
  const columns = 6 + (wallColumn ? 1 : 0) + metrics.length;
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
        Objective: {COMMAND_OBJECTIVE_WORDS[state.goal.objective]}
        {state.goal.gates.length > 0 ? ` · gates ${state.goal.gates.map(gateText).join(', ')}` : ''} · time budget {(state.goal.timeBudgetMs / 1000).toFixed(0)} s · study {state.studyId}
      </p>
      <p className="hint mono command-of-study" data-testid="opt-command">
        {state.command}
        {state.factors.map((f) => ` · ${f.kind === 'flag' ? `--factor ${f.name}=${f.levels}` : `--param ${f.name}=${f.levels}`}`).join('')}
      </p>
      {state.error && (
        <p className="error-line" data-testid="opt-error">
          {state.error}
        </p>
      )}
      {state.result?.stopped && (
        <p className="hint" data-testid="opt-stopped">
          {state.result.stopped.message}
        </p>
      )}
      {startFailure && <FailureNotice failure={startFailure} testId="opt-resume-failure" />}
      {failure && <FailureNotice failure={failure} testId="opt-failure" />}
      <div className="runs-table-wrap">
        <table className="runs-table optimizer-trials" data-testid="opt-trials">
          <thead>
            <tr>
              <th>phase</th>
              <th>change</th>
              <th className="num">{COMMAND_OBJECTIVE_WORDS[state.goal.objective]}</th>
              {wallColumn && <th className="num">median wall</th>}
              <th className="num">peak memory</th>
              {metrics.map((m) => (
                <th key={m} className="num">
                  {m}
                </th>
              ))}
              <th>verdict / rejected</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {state.trials.map((t, i) => (
              <tr key={`${t.runId}-${i}`} data-testid="opt-trial" className={t.rejected ? 'rejected' : ''} title={t.commandLine}>
                <td>{t.phase}</td>
                <td className="mono">
                  {t.candidate}
                  {t.reused ? ' (reused)' : ''}
                </td>
                <td className="num">{t.status === 'completed' ? fig(t.figures?.value, unit) : t.status}</td>
                {wallColumn && <td className="num">{fig(t.figures?.medianWallMs, 'ms')}</td>}
                <td className="num">{t.figures?.peakRssBytes ? formatBytes(t.figures.peakRssBytes) : '—'}</td>
                {metrics.map((m) => (
                  <td key={m} className="num">
                    {fig(t.figures?.metrics[m], '')}
                  </td>
                ))}
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
                <td colSpan={columns} className="hint">
                  {state.currentRunId ? `measuring (run ${state.currentRunId.slice(-8)})…` : 'preparing the next trial…'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The history of the model the Sessions filter chose: its runs over time, trends, regressions. */
import { useEffect } from 'react';
import { useHistory } from '../../stores/history-store';
import { useSessionsList } from '../../stores/sessions-list-store';
import { ModelHistoryChart } from '../../charts/ModelHistoryChart';
import { FailureNotice } from '../FailureNotice';

export function ModelHistory() {
  const filter = useSessionsList((s) => s.filter);
  const { model, points, failure, load } = useHistory();
  useEffect(() => void load(filter), [filter, load]);
  if (!filter.model) return null;
  const regressions = points.filter((p) => p.regression);
  return (
    <details className="chart-card model-history" data-testid="model-history">
      <summary>
        History of <span className="mono">{filter.model}</span>: {points.length.toLocaleString()} measured run{points.length === 1 ? '' : 's'}
        {regressions.length > 0 && <span className="regressions"> · {regressions.length} regression{regressions.length === 1 ? '' : 's'} marked</span>}
      </summary>
      {failure && <FailureNotice failure={failure} testId="model-history-failure" />}
      {model === filter.model && points.length > 0 && (
        <>
          <p className="hint">
            One colour per configuration and machine; lines are the rolling median of its last 8 runs. A run is marked when its p50 exceeds the median of the
            runs before it by more than 10 % and by more than three times their own spread.
          </p>
          <ModelHistoryChart points={points} />
        </>
      )}
    </details>
  );
}

/**
 * A finished run's "Try next" (shared/advice): right below the headline, one line per item with
 * the figures it rests on, why it may help on demand, and a "Try it" button that measures it
 * (stores/try-advice-store.ts) — the comparison it opens gives the verdict, the advice does not.
 */
import { useMemo } from 'react';
import type { Run } from '../../../shared/run';
import { adviceFor } from '../../../shared/advice/advice';
import { useTryAdvice } from '../stores/try-advice-store';
import { useUi } from '../stores/ui-store';
import { FailureNotice } from './FailureNotice';

export function TryNext({ run }: { run: Run }) {
  const items = useMemo(() => adviceFor(run), [run]);
  const trying = useTryAdvice((s) => s.trying);
  const tryFailure = useTryAdvice((s) => s.failure);
  const tryIt = useTryAdvice((s) => s.tryIt);
  const liveCharts = useUi((s) => s.liveCharts);
  if (items.length === 0) return null;
  return (
    <section className="try-next" data-testid="try-next" aria-label="Try next">
      <h3>Try next</h3>
      <ul>
        {items.map((a) => (
          <li key={a.id} data-testid={`advice-${a.id}`}>
            <div className="advice-text">
              <strong>{a.title}</strong> <span className="advice-evidence">{a.evidence}</span>{' '}
              <details className="advice-why">
                <summary>why</summary>
                {a.why}
              </details>
            </div>
            {a.change !== null && (
              <button
                onClick={() => void tryIt(run.id, a.id, liveCharts ? 'live-charts' : 'charts-paused')}
                disabled={trying !== undefined}
                title="Run this configuration again with only this change, then compare the two"
                data-testid={`try-${a.id}`}
              >
                {trying?.baseRunId === run.id && trying.adviceId === a.id ? 'Trying…' : 'Try it'}
              </button>
            )}
          </li>
        ))}
      </ul>
      {tryFailure && <FailureNotice failure={tryFailure} testId="try-failure" />}
    </section>
  );
}

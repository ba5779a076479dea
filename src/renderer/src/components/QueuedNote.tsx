/**
 * Where a queued run's chart will be: what it waits for (the queue runs one at a time), instead
 * of an empty chart frame, and its Cancel (the header's shows only once it runs).
 */
import { useLiveRun } from '../stores/live-run-store';

export function QueuedNote() {
  const ahead = useLiveRun((s) => s.ahead);
  const cancel = useLiveRun((s) => s.cancel);
  return (
    <section className="chart-card queued-note" role="status" data-testid="queued-note">
      <p>
        Queued behind{' '}
        {ahead ? (
          <>
            run{' '}
            <a className="mono" href={`#/runs/${ahead.id}`} title="Open that run in Sessions">
              {ahead.id}
            </a>{' '}
            ({ahead.modelName}), which is running
          </>
        ) : (
          'the run in progress'
        )}
        {/* Other queued runs may be ahead of this one too: "when it ends" would not always be true. */}
        ; it starts on its own when the queue reaches it.
      </p>
      <button onClick={() => void cancel()} data-testid="cancel-queued">
        Cancel
      </button>
    </section>
  );
}

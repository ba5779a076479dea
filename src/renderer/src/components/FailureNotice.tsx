/** A failed fetch, inline where its result would be: what failed, why, and a retry where one helps. */
import type { Failure } from '../stores/failure';

export function FailureNotice({ failure, testId, box = false }: { failure: Failure; testId: string; box?: boolean }) {
  const { retry } = failure;
  return (
    <div className={box ? 'error-box' : 'error-line'} role="alert" data-testid={testId}>
      {failure.what}: {failure.message}
      {retry && (
        <button className="retry" onClick={() => void retry()} data-testid={`${testId}-retry`}>
          Retry
        </button>
      )}
    </div>
  );
}

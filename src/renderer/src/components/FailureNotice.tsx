/** A failed fetch, inline where its result would be: what failed, why, and a retry where one helps. */
import type { Failure } from '../stores/failure';

/** The studio addresses a host message names (e.g. "open it at #/optimize/ID?workload=command"), as links. */
function MessageWithLinks({ text }: { text: string }) {
  const parts = text.split(/(#\/[^\s)]+)/);
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <a key={i} href={p} data-testid="failure-link">
            {p}
          </a>
        ) : (
          p
        ),
      )}
    </>
  );
}

export function FailureNotice({ failure, testId, box = false }: { failure: Failure; testId: string; box?: boolean }) {
  const { retry } = failure;
  return (
    <div className={box ? 'error-box' : 'error-line'} role="alert" data-testid={testId}>
      {failure.what}: <MessageWithLinks text={failure.message} />
      {retry && (
        <button className="retry" onClick={() => void retry()} data-testid={`${testId}-retry`}>
          Retry
        </button>
      )}
    </div>
  );
}

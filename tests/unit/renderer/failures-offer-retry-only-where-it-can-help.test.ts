/**
 * A failed fetch offers Retry only where asking again could give another answer: not for a
 * thing that does not exist, nor for a run that was never profiled (laid over the model graph,
 * it has no time per node however often it is asked; its message says what would help).
 */
import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../../src/shared/contract';
import { failure } from '../../../src/renderer/src/stores/failure';

const retry = (): Promise<void> => Promise.resolve();

describe('a failure as the user sees it', () => {
  it('offers Retry for a failure that may pass: the host failing, the connection dropping', () => {
    expect(failure('Could not lay the run over the graph', new ApiCallError('The trace could not be read.', 'failed'), retry).retry).toBe(retry);
    expect(failure('Could not load', new ApiCallError('The connection to the Dyno server closed.', 'offline'), retry).retry).toBe(retry);
    expect(failure('Could not load', new Error('boom'), retry).retry).toBe(retry);
  });

  it('offers none for an answer that cannot change, and keeps the message that says what would help', () => {
    const unprofiled = failure('Could not lay the run over the graph', new ApiCallError('Run r1 was not profiled (run it with profiling on to see time per node).', 'not-profiled'), retry);
    expect(unprofiled).toEqual({ what: 'Could not lay the run over the graph', message: 'Run r1 was not profiled (run it with profiling on to see time per node).' });
    expect(failure('Could not open run r2', new ApiCallError('No run with id r2.', 'not-found'), retry).retry).toBeUndefined();
  });
});

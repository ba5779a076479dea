/**
 * Interleaved A/B: measure the compared runs' configurations again in alternating rounds and
 * judge them round by round, so run-to-run drift falls on both sides (the same loop as
 * `dyno compare --rerun --rounds N`). Single runs rarely separate a change from that drift.
 */
import { useState } from 'react';
import { useCompare } from '../../stores/compare-store';
import { FailureNotice } from '../FailureNotice';

export function InterleavedControls() {
  const { interleave, interleaveFailure, comparison, runInterleaved, cancelInterleaved, runIds, data } = useCompare();
  const [rounds, setRounds] = useState(5);
  const ready = runIds.every((id) => data[id]);
  const single = comparison?.runs.some((r) => r.evidence.level === 'single-runs');
  return (
    <div className="interleave" data-testid="interleave">
      {interleave ? (
        <>
          <span data-testid="interleave-progress">
            Interleaved A/B: round {Math.min(interleave.done + 1, interleave.rounds)} of {interleave.rounds}
            {interleave.runId ? ` (run ${interleave.runId})` : ''}…
          </span>
          <button onClick={() => void cancelInterleaved()} data-testid="interleave-cancel">
            Cancel
          </button>
        </>
      ) : (
        <>
          <label className="rounds">
            rounds
            <input type="number" min={2} max={50} value={rounds} onChange={(e) => setRounds(Math.max(2, Math.min(50, Number(e.target.value) || 2)))} data-testid="interleave-rounds" />
          </label>
          <button disabled={!ready} onClick={() => void runInterleaved(rounds)} data-testid="interleave-start">
            Interleaved A/B
          </button>
          <span className="hint">
            {single ? 'One run each cannot separate a change from run-to-run variation: re-measure in alternating rounds.' : 'Re-measure these configurations in alternating rounds A B A B …'}
          </span>
        </>
      )}
      {interleaveFailure && <FailureNotice failure={interleaveFailure} testId="interleave-failure" />}
    </div>
  );
}

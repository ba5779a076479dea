/**
 * The bin in Sessions: how many deleted runs it holds, "Empty bin" (asked twice: it cannot be
 * undone), and how long it keeps them — until emptied (the default: nothing is purged without
 * the user's setting) or a number of days, after which the studio's start purges them.
 */
import { useEffect, useState } from 'react';
import { useBin } from '../../stores/bin-store';
import { useSessionsList } from '../../stores/sessions-list-store';
import { FailureNotice } from '../FailureNotice';

export const PURGE_CHOICES = [null, 1, 7, 30, 90, 365] as const;

export function BinControl() {
  const { summary, failure, load, setPurge, empty } = useBin();
  const listed = useSessionsList((s) => s.ids);
  const [confirming, setConfirming] = useState(false);
  // The list changes on every delete, restore and import: the bin's count follows it.
  useEffect(() => void load(), [load, listed]);
  if (!summary) return failure ? <FailureNotice failure={failure} testId="bin-failure" /> : null;
  const n = summary.runs;
  return (
    <div className="bin-control" data-testid="bin-control">
      <span className="hint" data-testid="bin-count">
        Bin: {n.toLocaleString()} deleted run{n === 1 ? '' : 's'}
      </span>
      {confirming ? (
        <>
          <span className="warn-text">Delete {n.toLocaleString()} for good?</span>
          <button
            className="danger"
            onClick={() => {
              setConfirming(false);
              void empty().then(() => useSessionsList.getState().load());
            }}
            data-testid="bin-empty-confirm"
          >
            Empty bin
          </button>
          <button onClick={() => setConfirming(false)} data-testid="bin-empty-cancel">
            Cancel
          </button>
        </>
      ) : (
        <button disabled={n === 0} onClick={() => setConfirming(true)} data-testid="bin-empty">
          Empty bin…
        </button>
      )}
      <label className="bin-purge" title="The studio purges runs deleted longer ago than this when it starts">
        keep deleted runs
        <select value={summary.purgeAfterDays === null ? '' : String(summary.purgeAfterDays)} onChange={(e) => void setPurge(e.target.value === '' ? null : Number(e.target.value))} data-testid="bin-purge-days">
          {PURGE_CHOICES.map((d) => (
            <option key={String(d)} value={d === null ? '' : String(d)}>
              {d === null ? 'until I empty the bin' : `${d} day${d === 1 ? '' : 's'}`}
            </option>
          ))}
        </select>
      </label>
      {failure && <FailureNotice failure={failure} testId="bin-failure" />}
    </div>
  );
}

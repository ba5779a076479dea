/** What can be done with the selected runs: compare, re-run, copy the command, delete (with Undo), report. */
import { useSessionsList } from '../../stores/sessions-list-store';
import { useCompare } from '../../stores/compare-store';
import { useToast } from '../../stores/toast-store';
import { useUi } from '../../stores/ui-store';
import { benchCommandFor } from '../../../../shared/cli-command';
import { FailureNotice } from '../FailureNotice';
import { ReportButton } from '../ReportButton';

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    useToast.getState().show(`Copied: ${text}`);
  } catch {
    // No clipboard (an insecure origin, a denied permission): the command is still shown to copy by hand.
    useToast.getState().show(`Copy this command: ${text}`);
  }
}

export function SelectionActions() {
  const { selection, ids, rows, deleteSelected, rerun, selectedIds, actionFailure } = useSessionsList();
  const n = selection.selected.size;
  const only = n === 1 ? rows[[...selection.selected][0] ?? ''] : undefined;
  return (
    <div className="selection-actions" data-testid="selection-actions">
      <span className="filter-count" data-testid="runs-count" title="runs the filters keep">
        {`${ids.length.toLocaleString()} run${ids.length === 1 ? '' : 's'}`}
      </span>
      <span className="hint" data-testid="selection-count">
        {n === 0 ? 'Click, Shift-click or Ctrl/Cmd-click runs; arrows, Space and Ctrl+A work too.' : `${n.toLocaleString()} of ${ids.length.toLocaleString()} selected`}
      </span>
      <span className="spacer" />
      <button
        className="primary"
        disabled={n < 2 || n > 12}
        title={n > 12 ? 'Compare at most 12 runs at once' : 'Compare the selected runs'}
        onClick={() => {
          useCompare.getState().open(selectedIds());
          useUi.getState().go('compare');
        }}
        data-testid="compare-selected"
      >
        Compare{n >= 2 ? ` ${n}` : ''}
      </button>
      <button disabled={!only} onClick={() => only && void rerun(only.id)} data-testid="rerun-selected">
        Re-run
      </button>
      <button disabled={!only} onClick={() => only && void copy(benchCommandFor(only.config))} data-testid="copy-command">
        Copy command
      </button>
      <button disabled={n === 0} onClick={() => void deleteSelected()} data-testid="delete-selected">
        Delete{n > 1 ? ` ${n}` : ''}
      </button>
      {/* One run's report sits in its detail below; a selection's here (reports take up to 1,000 runs). */}
      {n >= 2 && n <= 1000 && <ReportButton runIds={selectedIds()} />}
      {actionFailure && <FailureNotice failure={actionFailure} testId="sessions-action-failure" />}
    </div>
  );
}

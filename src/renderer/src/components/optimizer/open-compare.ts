/** Opens a comparison of two stored runs (baseline first) in the Compare view. */
import { useCompare } from '../../stores/compare-store';
import { useUi } from '../../stores/ui-store';

export function openCompare(baselineRunId: string, runId: string): void {
  useCompare.getState().open([baselineRunId, runId]);
  useUi.getState().go('compare');
}

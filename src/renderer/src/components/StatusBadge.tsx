import type { RunStatus } from '../../../shared/run';

export function StatusBadge({ status }: { status: RunStatus }) {
  return <span className={`badge status-${status}`}>{status}</span>;
}

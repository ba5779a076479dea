/** One labelled figure with an optional line under it; dimmed when the figure is not backed. */
export function StatCard({ label, value, sub, testId, dim, title, small }: { label: string; value: string; sub?: string; testId: string; dim?: boolean; title?: string; small?: boolean }) {
  return (
    <div className={`stat-card${dim ? ' dim' : ''}`} title={title}>
      <div className="stat-label">{label}</div>
      <div className={`stat-value${small ? ' small' : ''}`} data-testid={testId}>
        {value}
      </div>
      {sub && <div className="stat-sub">{sub}</div>}
    </div>
  );
}

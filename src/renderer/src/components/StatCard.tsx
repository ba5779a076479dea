/** One labelled figure with an optional line under it; dimmed when the figure is not backed. */
export function StatCard({
  label,
  value,
  sub,
  testId,
  dim,
  title,
  small,
  link,
}: {
  label: string;
  value: string;
  sub?: string;
  testId: string;
  dim?: boolean;
  title?: string;
  small?: boolean;
  /** A same-page link under the figure (to the section that explains it). */
  link?: { href: string; text: string };
}) {
  return (
    <div className={`stat-card${dim ? ' dim' : ''}`} title={title}>
      <div className="stat-label">{label}</div>
      <div className={`stat-value${small ? ' small' : ''}`} data-testid={testId}>
        {value}
      </div>
      {sub && <div className="stat-sub">{sub}</div>}
      {link && (
        <a
          className="stat-sub"
          href={link.href}
          onClick={(e) => {
            // The hash is the studio's route (links.ts): scroll instead of navigating.
            e.preventDefault();
            document.getElementById(link.href.slice(1))?.scrollIntoView({ behavior: 'smooth', block: 'start' });
          }}
        >
          {link.text}
        </a>
      )}
    </div>
  );
}

export function Warnings({ warnings }: { warnings: { code: string; message: string }[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul className="warnings" data-testid="warnings">
      {warnings.map((w, i) => (
        <li key={`${w.code}-${i}`}>{w.message}</li>
      ))}
    </ul>
  );
}

/** Each compared run's targets as judged when it completed (shown only when some run carries targets). */
import type { Run } from '../../../../shared/run';
import { runColor } from '../../charts/theme';
import { TargetVerdicts } from '../TargetVerdicts';

export function CompareTargets({ runs }: { runs: { id: string; index: number; name: string; run: Run }[] }) {
  const judged = runs.flatMap((r) => {
    const targets = r.run.status === 'completed' ? r.run.results.targets : undefined;
    return targets && targets.length > 0 ? [{ ...r, targets }] : [];
  });
  if (judged.length === 0) return null;
  return (
    <section className="compare-targets" data-testid="compare-targets">
      <h3>Targets</h3>
      {judged.map((r) => (
        <div key={r.id} data-testid={`compare-targets-${r.id}`}>
          <div>
            <span className="swatch" style={{ background: runColor(r.index) }} /> {r.name}
          </div>
          <TargetVerdicts targets={r.targets} />
        </div>
      ))}
    </section>
  );
}

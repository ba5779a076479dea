/** A finished run's targets as judged when it completed: pass, fail or not enough samples, with the figure behind each. */
import type { TargetResult } from '../../../shared/targets/schema';

const outcomeClass = (o: TargetResult['outcome']): string => (o === 'pass' ? 'pass' : o === 'fail' ? 'fail' : 'unknown');

export function TargetVerdicts({ targets }: { targets: readonly TargetResult[] }) {
  if (targets.length === 0) return null;
  return (
    <ul className="target-verdicts" data-testid="target-verdicts">
      {targets.map((t) => (
        <li key={t.text} className={`verdict ${outcomeClass(t.outcome)}`} data-outcome={t.outcome}>
          <strong>target {t.outcome}</strong> · {t.sentence}
        </li>
      ))}
    </ul>
  );
}

/**
 * Both optimizers' progress heading: "Searching · phase · 3 trials", or once it has ended,
 * "Search failed · 1 trial" — the phase is left out where it only repeats the status.
 */
import { plural } from '../../../../shared/format';

export function SearchHeading({ status, phase, trials }: { status: string; phase: string; trials: number }) {
  const running = status === 'running';
  return (
    <h3>
      {running ? 'Searching' : `Search ${status}`}
      {(running || phase !== status) && (
        <>
          {' · '}
          <span data-testid="opt-phase">{phase}</span>
        </>
      )}
      {' · '}
      {plural(trials, 'trial')}
    </h3>
  );
}

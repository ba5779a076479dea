/**
 * The optimizer wizard with the Command workload: the same stepper as the model's (goal →
 * search → result) over a command study (stores/command-optimizer-store.ts).
 */
import { useCommandOptimizer } from '../../../stores/command-optimizer-store';
import { FailureNotice } from '../../FailureNotice';
import { CommandGoalStep } from './CommandGoalStep';
import { CommandProgressStep } from './CommandProgressStep';
import { CommandResultStep } from './CommandResultStep';
import { WorkloadSwitch } from './WorkloadSwitch';

const STEPS = ['Goal', 'Search', 'Result'] as const;

export function CommandOptimize() {
  const { studyId, state, failure, open } = useCommandOptimizer();
  const step = !studyId ? 0 : state?.result ? 2 : 1;
  return (
    <div className="optimize-view" data-testid="optimize-view">
      <div className="optimize-head">
        <ol className="stepper" aria-label="Optimizer steps">
          {STEPS.map((s, i) => (
            <li key={s} className={i === step ? 'active' : i < step ? 'done' : ''} aria-current={i === step ? 'step' : undefined}>
              {i + 1}. {s}
            </li>
          ))}
        </ol>
        <span className="spacer" />
        {studyId && (
          <button onClick={() => void open(undefined)} data-testid="opt-new" disabled={state?.status === 'running'} title={state?.status === 'running' ? 'One study at a time: cancel this one first' : undefined}>
            New goal
          </button>
        )}
      </div>
      {!studyId && <WorkloadSwitch />}
      {!studyId && <CommandGoalStep />}
      {studyId && !state && !failure && <p className="hint">Opening study {studyId}…</p>}
      {failure && <FailureNotice failure={failure} testId="opt-open-failure" box />}
      {state && <CommandProgressStep state={state} />}
      {state?.result && <CommandResultStep result={state.result} exportsDir={state.exportsDir} />}
    </div>
  );
}

/**
 * The optimizer wizard as a stepper: goal → search (baseline, one change at a time, combined,
 * re-measured, each trial as it finishes) → result (recommendation, waterfall, exports) and the
 * Pareto explorer over the stored candidates. `#/optimize` is a new goal, `#/optimize/<study>`
 * one study, live or stored. The Command workload (`?workload=command`) is its own component.
 */
import { useOptimizer } from '../stores/optimizer-store';
import { GoalStep } from '../components/optimizer/GoalStep';
import { ProgressStep } from '../components/optimizer/ProgressStep';
import { ResultStep } from '../components/optimizer/ResultStep';
import { ParetoExplorer } from '../components/optimizer/ParetoExplorer';
import { FailureNotice } from '../components/FailureNotice';
import { useCommandOptimizer } from '../stores/command-optimizer-store';
import { CommandOptimize } from '../components/optimizer/command/CommandOptimize';
import { WorkloadSwitch } from '../components/optimizer/command/WorkloadSwitch';

const STEPS = ['Goal', 'Search', 'Result'] as const;

export function OptimizeView() {
  const workload = useCommandOptimizer((s) => s.workload);
  return workload === 'command' ? <CommandOptimize /> : <ModelOptimize />;
}

function ModelOptimize() {
  const { studyId, state, failure, open } = useOptimizer();
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
      {!studyId && <GoalStep />}
      {studyId && !state && !failure && <p className="hint">Opening study {studyId}…</p>}
      {failure && <FailureNotice failure={failure} testId="opt-open-failure" box />}
      {state && <ProgressStep state={state} />}
      {state?.result && <ResultStep result={state.result} exportsDir={state.exportsDir} />}
      {state?.result && <ParetoExplorer result={state.result} />}
    </div>
  );
}

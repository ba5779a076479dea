/** Configure a run on the left; watch it live and read its results on the right. */
import { ModelPicker } from '../components/ModelPicker';
import { RunForm, useParsedConfig } from '../components/RunForm';
import { IoTable } from '../components/IoTable';
import { LiveRunPanel } from '../components/LiveRunPanel';
import { useModel } from '../stores/model-store';
import { useLiveRun } from '../stores/live-run-store';
import { useUi } from '../stores/ui-store';
import { FailureNotice } from '../components/FailureNotice';
import { OtherRunNotice } from '../components/OtherRunNotice';
import { isRunActive } from '../../../shared/run';
import { CommandForm, useCommandConfig } from '../components/CommandForm';
import { useCommand } from '../stores/command-store';
import { useApp } from '../stores/app-store';
import { SweepForm, useSweepThreads } from '../components/sweep/SweepForm';
import { SweepResults } from '../components/sweep/SweepResults';
import { sweepRunning, useSweep } from '../stores/sweep-store';
import { sweepGridError } from '../../../shared/sweep';
import { isTextEntry } from '../keyboard/shortcuts';

/** The sweep this tab started, above the live panel that shows its current point. */
function SweepPanel() {
  const { studyId, points, progress, cancel } = useSweep();
  if (!studyId) return null;
  return <SweepResults studyId={studyId} points={points} {...(progress ? { progress } : {})} {...(sweepRunning({ progress }) ? { onCancel: () => void cancel() } : {})} />;
}

function SourceToggle() {
  const source = useCommand((s) => s.source);
  const setSource = useCommand((s) => s.setSource);
  return (
    <div className="source-toggle" role="radiogroup" aria-label="What to measure">
      {(['model', 'command'] as const).map((s) => (
        <label key={s} className={`source-option${source === s ? ' chosen' : ''}`}>
          <input type="radio" name="run-source" checked={source === s} onChange={() => setSource(s)} data-testid={`source-${s}`} />
          {s === 'model' ? 'Model' : 'Command'}
        </label>
      ))}
    </div>
  );
}

export function RunView() {
  const model = useModel((s) => s.model);
  const source = useCommand((s) => s.source);
  const commandsAllowed = useApp((s) => s.info?.commandsAllowed ?? false);
  const modelForm = useParsedConfig();
  const commandForm = useCommandConfig();
  const { config, errors } = source === 'command' ? { config: commandsAllowed ? commandForm.config : undefined, errors: { model: commandsAllowed ? 'Fix the highlighted fields' : 'Commands are off on this host' } } : modelForm;
  // Only what this view shows: the live store changes with every batch of samples while a run
  // measures, and re-rendering the form for each would take CPU from the run.
  const start = useLiveRun((s) => s.start);
  const startFailure = useLiveRun((s) => s.startFailure);
  const active = useLiveRun((s) => (s.run ? isRunActive(s.run) : s.runId !== undefined));
  const liveCharts = useUi((s) => s.liveCharts);
  const setLiveCharts = useUi((s) => s.setLiveCharts);
  const sweep = useSweep();
  const sweepThreads = useSweepThreads();
  // A sweep measures a model (a command has no batch size or threads to sweep).
  const sweeping = sweep.on && source === 'model';
  const busy = active || sweepRunning(sweep);
  const canRun = config !== undefined && !busy && !(sweeping && sweepGridError(sweep.batches, sweepThreads));
  const run = (): void => {
    if (!config || !canRun) return;
    const display = liveCharts ? 'live-charts' : 'charts-paused';
    // Started by Ctrl+Enter in a field: its caret would blink, a repaint twice a second, all
    // through the run (bench/page-cost.ts, phase live-keys). Clicking back in brings it back.
    if (isTextEntry(document.activeElement) && document.activeElement instanceof HTMLElement) document.activeElement.blur();
    if (sweeping) void sweep.start(config, sweepThreads, display);
    else void start(config, display);
  };
  return (
    <div className="run-view">
      <aside
        className="config-panel"
        onKeyDown={(e) => {
          // Ctrl/Cmd+Enter runs from any field of the form (keyboard/shortcuts.ts lists it).
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            run();
          }
        }}
      >
        <OtherRunNotice />
        <SourceToggle />
        {source === 'command' ? (
          <CommandForm />
        ) : (
          <>
            <ModelPicker />
            {model && (
              <section className="panel-section">
                <h3>Inputs and outputs</h3>
                <IoTable model={model} />
              </section>
            )}
            <RunForm />
            <SweepForm config={config} />
          </>
        )}
        <div className="run-actions">
          <button className="primary" disabled={!canRun} onClick={run} data-testid="start-run" title="Ctrl/Cmd+Enter from any field">
            {source === 'command' ? 'Run command' : sweeping ? `Run sweep (${sweep.batches.length * sweepThreads.length} points)` : 'Run benchmark'}
          </button>
          {!config && <span className="hint">{errors.model ?? 'Fix the highlighted fields'}</span>}
          <label className="check-field live-toggle" title="Every redraw costs CPU the benchmark measures on; on small machines, turn this off for the cleanest numbers.">
            <input type="checkbox" checked={liveCharts} onChange={(e) => setLiveCharts(e.target.checked)} data-testid="live-charts" />
            {/* Short enough to stay beside the Run button in the 380 px form at 1280 px wide; the title says the rest. */}
            <span>Draw charts live</span>
          </label>
          {/* Inside the sticky action bar: the reason stays in view next to the button that asked. */}
          {startFailure && <FailureNotice failure={startFailure} testId="start-failure" />}
          {sweep.failure && <FailureNotice failure={sweep.failure} testId="sweep-failure" />}
        </div>
      </aside>
      {sweep.studyId ? (
        <div className="sweep-and-live">
          <SweepPanel />
          <LiveRunPanel />
        </div>
      ) : (
        <LiveRunPanel />
      )}
    </div>
  );
}

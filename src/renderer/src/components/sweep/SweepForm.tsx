/**
 * The Run view's Sweep mode: batch sizes and intra-op thread counts to measure, as chips, and
 * the `dyno sweep` command for the same grid. With Sweep on, the Run button measures the grid
 * as one study (stores/sweep-store.ts) instead of one run.
 */
import { sweepCommandFor } from '../../../../shared/cli-command';
import { sweepGridError, sweepPointConfig } from '../../../../shared/sweep';
import { dimsSetByBatch } from '../../../../shared/knobs/batch-dims';
import { useModel } from '../../stores/model-store';
import type { RunConfig } from '../../../../shared/run';
import { BATCH_CHOICES, threadChoices, useSweep } from '../../stores/sweep-store';
import { useApp } from '../../stores/app-store';

/** The thread counts a sweep uses: those picked, or every choice for this machine. */
export function useSweepThreads(): number[] {
  const picked = useSweep((s) => s.threads);
  const cores = useApp((s) => s.info?.logicalCores ?? 1);
  return picked.length > 0 ? picked.filter((t) => threadChoices(cores).includes(t)) : threadChoices(cores);
}

function Chips({ label, values, picked, onToggle, testId }: { label: string; values: readonly number[]; picked: readonly number[]; onToggle(v: number): void; testId: string }) {
  return (
    <fieldset className="sweep-chips" data-testid={testId}>
      <legend className="field-label">{label}</legend>
      {values.map((v) => (
        <label key={v} className={`chip${picked.includes(v) ? ' active' : ''}`}>
          <input type="checkbox" checked={picked.includes(v)} onChange={() => onToggle(v)} data-testid={`${testId}-${v}`} />
          {v}
        </label>
      ))}
    </fieldset>
  );
}

export function SweepForm({ config }: { config: RunConfig | undefined }) {
  const { on, batches, setOn, toggle } = useSweep();
  const threads = useSweepThreads();
  const cores = useApp((s) => s.info?.logicalCores ?? 1);
  const error = sweepGridError(batches, threads);
  const model = useModel((s) => s.model);
  // As the host runs each point: the grid's batch size replaces the dims it sets.
  const pointLike = config && sweepPointConfig(config, { batch: 1, threads: 0 }, model ? dimsSetByBatch(model.inputs) : []);
  return (
    <section className="panel-section sweep-form" data-testid="sweep-form">
      <label className="check-field">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} data-testid="sweep-on" />
        <span>
          <strong>Sweep</strong> batch sizes × threads as one study
        </span>
      </label>
      {on && (
        <>
          <Chips label="Batch sizes" values={BATCH_CHOICES} picked={batches} onToggle={(v) => toggle('batches', v)} testId="sweep-batch" />
          <Chips label={`Intra-op threads (this machine: ${cores})`} values={threadChoices(cores)} picked={threads} onToggle={(v) => toggle('threads', v, threads)} testId="sweep-threads" />
          <p className="hint" data-testid="sweep-grid">
            {error ?? `${batches.length * threads.length} points, each measured with the stop rule above; the form's batch size and threads are replaced by the grid's.`}
          </p>
          {pointLike && !error && (
            <div className="cli-line">
              <div className="field-label">Same sweep from a terminal</div>
              <code data-testid="sweep-command">{sweepCommandFor(pointLike, batches, threads)}</code>
            </div>
          )}
        </>
      )}
    </section>
  );
}

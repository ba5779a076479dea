/**
 * The run form's targets: add and remove targets in `dyno bench --target`'s syntax, each
 * validated as it is typed by the CLI's own parser. The run carries them; the host judges them
 * when it completes (pass / fail / not enough samples, from the figure's 95 % interval).
 */
import { useRunTargets } from '../stores/targets-store';
import type { FormErrors } from '../stores/config-store';

export const targetErrorKey = (index: number): string => `target:${index}`;

export function TargetsPanel({ errors }: { errors: FormErrors }) {
  const { texts, add, set, remove } = useRunTargets();
  return (
    <fieldset className="form-group targets-panel" data-testid="targets-panel">
      <legend>Targets</legend>
      {texts.length === 0 && <p className="field-hint">None: a run can be held to e.g. p99&lt;=15ms, throughput&gt;=500/s, energy&lt;=2J, memory&lt;=512MiB.</p>}
      {texts.map((text, i) => {
        const error = errors[targetErrorKey(i)];
        return (
          <div className={`target-row${error ? ' invalid' : ''}`} key={i}>
            <label className="field wide">
              <span className="field-label">Target {i + 1}</span>
              <input value={text} placeholder="p99<=15ms" onChange={(e) => set(i, e.target.value)} data-testid={`target-${i}`} aria-invalid={!!error} />
              <span className="field-hint" data-testid={`target-hint-${i}`}>
                {error ?? 'metric <= or >= value with unit (--target)'}
              </span>
            </label>
            <button className="icon" title="Remove this target" aria-label={`Remove target ${i + 1}`} onClick={() => remove(i)} data-testid={`target-remove-${i}`}>
              ×
            </button>
          </div>
        );
      })}
      <button onClick={() => add()} data-testid="target-add">
        Add target
      </button>
    </fieldset>
  );
}

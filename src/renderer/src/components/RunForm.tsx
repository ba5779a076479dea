/** Run settings, validated as the user types, with the equivalent CLI command shown live. */
import { useEffect, useMemo } from 'react';
import { benchCommandFor } from '../../../shared/cli-command';
import { useModel } from '../stores/model-store';
import { parseConfig, useRunConfig, type ConfigFields } from '../stores/config-store';

function Field(props: { label: string; hint: string; value: string; error?: string; onChange(v: string): void; testId: string }) {
  return (
    <label className={`field${props.error ? ' invalid' : ''}`}>
      <span className="field-label">{props.label}</span>
      <input value={props.value} onChange={(e) => props.onChange(e.target.value)} data-testid={props.testId} aria-invalid={!!props.error} />
      <span className="field-hint">{props.error ?? props.hint}</span>
    </label>
  );
}

export function useParsedConfig() {
  const model = useModel((s) => s.model);
  const fields = useRunConfig((s) => s.fields);
  return useMemo(() => parseConfig(model?.path, fields), [model?.path, fields]);
}

export function RunForm() {
  const model = useModel((s) => s.model);
  const { fields, setField, setDim, resetDims } = useRunConfig();
  const { config, errors } = useParsedConfig();
  const symbolic = useMemo(
    () => [...new Set(model?.inputs.flatMap((t) => t.shape.filter((d): d is string => typeof d === 'string' && d !== '?')) ?? [])],
    [model],
  );
  useEffect(() => resetDims(symbolic), [symbolic, resetDims]);
  const f = (key: Exclude<keyof ConfigFields, 'dims'>, label: string, hint: string) => (
    <Field label={label} hint={hint} value={fields[key]} error={errors[key]} onChange={(v) => setField(key, v)} testId={`field-${key}`} />
  );
  return (
    <section className="panel-section">
      <h3>Run settings</h3>
      <div className="field-grid">
        {f('warmup', 'Warm-up', 'iterations, not measured')}
        {f('iterations', 'Iterations', 'measure at least this many')}
        {f('minDurationS', 'Min duration', 'seconds, measured at least')}
        {f('threads', 'Threads', 'intra-op; 0 = ORT decides')}
        {symbolic.map((name) => (
          <Field
            key={name}
            label={`dim ${name}`}
            hint="symbolic dimension"
            value={fields.dims[name] ?? ''}
            error={errors[`dim:${name}`]}
            onChange={(v) => setDim(name, v)}
            testId={`dim-${name}`}
          />
        ))}
      </div>
      <div className="field-label">Execution provider</div>
      <div className="hint">CPU (ONNX Runtime default provider)</div>
      {config && (
        <div className="cli-line">
          <div className="field-label">Same run from a terminal</div>
          <code data-testid="cli-command">{benchCommandFor(config)}</code>
        </div>
      )}
    </section>
  );
}

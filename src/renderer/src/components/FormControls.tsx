/** Small labelled form controls shared by the run form. */
import type { ReactNode } from 'react';

export function TextField(props: { label: string; hint: string; value: string; error?: string; onChange(v: string): void; testId: string; wide?: boolean; disabled?: boolean }) {
  return (
    <label className={`field${props.error ? ' invalid' : ''}${props.wide ? ' wide' : ''}`}>
      <span className="field-label">{props.label}</span>
      <input value={props.value} onChange={(e) => props.onChange(e.target.value)} data-testid={props.testId} aria-invalid={!!props.error} disabled={props.disabled} />
      <span className="field-hint">{props.error ?? props.hint}</span>
    </label>
  );
}

export function SelectField<T extends string>(props: {
  label: string;
  value: T;
  options: readonly { value: T; label: string; disabled?: boolean; title?: string }[];
  onChange(v: T): void;
  testId: string;
  hint?: string;
}) {
  return (
    <label className="field">
      <span className="field-label">{props.label}</span>
      <select
        value={props.value}
        onChange={(e) => {
          const chosen = props.options.find((o) => o.value === e.target.value);
          if (chosen) props.onChange(chosen.value);
        }}
        data-testid={props.testId}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled} title={o.title}>
            {o.label}
          </option>
        ))}
      </select>
      {props.hint !== undefined && <span className="field-hint">{props.hint}</span>}
    </label>
  );
}

export function CheckField(props: { label: string; checked: boolean; onChange(v: boolean): void; testId: string; title?: string }) {
  return (
    <label className="check-field" title={props.title}>
      <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} data-testid={props.testId} />
      <span>{props.label}</span>
    </label>
  );
}

export function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="form-group">
      <legend>{title}</legend>
      <div className="field-grid">{children}</div>
    </fieldset>
  );
}

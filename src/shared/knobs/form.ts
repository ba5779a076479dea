/**
 * The run form over the registry: its fields as typed (text kept as the user left it, so a
 * half-typed value is not lost), their defaults, and the parse to a RunConfig with at most one
 * error per field, recomputed on every keystroke. Hidden fields (knobs that do not apply) keep
 * their text and are ignored. The conversion to a config is the CLI's (knob-config.ts).
 */
import type { RunConfig } from '../run-config';
import { applies, type AnyKnob } from './knob';
import { ALL_KNOBS, knobById } from './registry';
import { configFromKnobs, knobsFromConfig } from './knob-config';
import { knobMessage } from './setting-names';
import { BATCH_KNOB, DIM_KNOB } from './input-knobs';

export interface FormFields {
  /** Text and choice knobs by id, as typed or chosen. */
  text: Readonly<Record<string, string>>;
  /** Switch knobs by id. */
  on: Readonly<Record<string, boolean>>;
  /** One text per symbolic dimension of the open model (the `--dim` knob). */
  dims: Readonly<Record<string, string>>;
}

/** Error keys: a knob id, `dim:NAME` for one symbolic dimension, or `model`. */
export type FormErrors = Partial<Record<string, string>>;

function defaultText(k: AnyKnob): string {
  switch (k.kind) {
    case 'choice':
      return k.default;
    case 'value':
      return k.suggestion ?? k.format(k.default);
    case 'pairs':
      return Object.entries(k.default).map(([n, v]) => k.formatEntry(n, v)).join(', ');
    case 'switch':
      return '';
  }
}

export const DEFAULT_FORM: FormFields = {
  text: Object.fromEntries(ALL_KNOBS.filter((k) => k.kind !== 'switch' && !(k.kind === 'pairs' && k.perName)).map((k) => [k.id, defaultText(k)])),
  on: Object.fromEntries(ALL_KNOBS.flatMap((k) => (k.kind === 'switch' ? [[k.id, k.default]] : []))),
  dims: {},
};

/** What a condition knob currently holds in the form (choices are their value, switches booleans). */
function formValue(f: FormFields, id: string): string | boolean | undefined {
  const k = knobById(id);
  if (!k) return undefined;
  return k.kind === 'switch' ? (f.on[id] ?? k.default) : (f.text[id] ?? defaultText(k));
}

export function formKnobApplies(knob: AnyKnob, f: FormFields): boolean {
  return applies(knob, (id) => formValue(f, id));
}

/** One knob's value from its field, or the problem with it. */
function fieldValue(k: AnyKnob, f: FormFields, errors: FormErrors): unknown {
  const text = f.text[k.id] ?? defaultText(k);
  switch (k.kind) {
    case 'switch':
      return f.on[k.id] ?? k.default;
    case 'choice': {
      const v = k.values.find((x) => x === text);
      if (v === undefined) errors[k.id] = knobMessage(k, `must be one of ${k.values.join(', ')}`, 'ui');
      return v;
    }
    case 'value': {
      const r = k.parse(text);
      if (!r.ok) errors[k.id] = knobMessage(k, r.problem, 'ui');
      return r.ok ? r.value : undefined;
    }
    case 'pairs': {
      const out: Record<string, unknown> = {};
      if (k.perName) {
        for (const [name, t] of Object.entries(f.dims)) {
          const r = k.parseValue(t);
          if (r.ok) out[name] = r.value;
          else errors[`dim:${name}`] = `${name} ${r.problem}`;
        }
        return out;
      }
      for (const entry of text.split(',').filter((e) => e.trim() !== '')) {
        const r = k.parseEntry(entry);
        if (r.ok) out[r.value[0]] = r.value[1];
        else errors[k.id] ??= knobMessage(k, r.problem, 'ui');
      }
      return out;
    }
  }
}

export function parseForm(modelPath: string | undefined, f: FormFields): { config?: RunConfig; errors: FormErrors } {
  const errors: FormErrors = {};
  const values: Record<string, unknown> = {};
  for (const k of ALL_KNOBS) {
    if (!formKnobApplies(k, f)) continue;
    values[k.id] = fieldValue(k, f, errors);
  }
  if (!modelPath) errors.model = 'Choose a model';
  if (Object.keys(errors).length > 0 || !modelPath) return { errors };
  const { config, errors: configErrors } = configFromKnobs(modelPath, values, { audience: 'ui', strict: false });
  for (const e of configErrors) errors[e.knob?.id ?? 'model'] ??= e.message;
  return config ? { config, errors } : { errors };
}

/**
 * The form that parses back to `config` (parseForm's inverse): what the Run view shows for a run
 * it opens from its address in a tab that has no form of its own (issue 14).
 */
export function formFromConfig(config: RunConfig): FormFields {
  const values = knobsFromConfig(config);
  const text: Record<string, string> = { ...DEFAULT_FORM.text };
  const on: Record<string, boolean> = { ...DEFAULT_FORM.on };
  let dims: Record<string, string> = {};
  for (const k of ALL_KNOBS) {
    const v = values[k.id];
    switch (k.kind) {
      case 'switch':
        on[k.id] = v === true;
        break;
      case 'choice':
        if (typeof v === 'string') text[k.id] = v;
        break;
      case 'value':
        // An unset optional knob (e.g. no batch size) is a blank field.
        text[k.id] = v === undefined ? '' : k.format(v);
        break;
      case 'pairs': {
        const entries = Object.entries((v ?? {}) as Record<string, unknown>);
        // formatEntry writes NAME=VALUE; the per-name fields hold the VALUE part.
        if (k.perName) dims = Object.fromEntries(entries.map(([n, x]) => [n, k.formatEntry(n, x).slice(n.length + 1)]));
        else text[k.id] = entries.map(([n, x]) => k.formatEntry(n, x)).join(', ');
        break;
      }
    }
  }
  return { text, on, dims };
}

/** The dims and batch the form holds so far (valid ones), for actions before a run (FLOPs). */
export function formShapeHints(f: FormFields): { dims: Record<string, number>; batchSize?: number } {
  const dims = Object.fromEntries(
    Object.entries(f.dims).flatMap(([name, text]) => {
      const r = DIM_KNOB.parseValue(text);
      return r.ok ? [[name, r.value]] : [];
    }),
  );
  const batch = BATCH_KNOB.parse(f.text[BATCH_KNOB.id] ?? '');
  return { dims, ...(batch.ok && batch.value !== undefined ? { batchSize: batch.value } : {}) };
}

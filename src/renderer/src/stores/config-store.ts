/**
 * The run form's state: every knob's field as typed (shared/knobs/form.ts says what the fields
 * are and how they parse). Text is kept as typed so a half-typed value is not lost; the parsed
 * configuration (or one error per field) is derived from it on every change.
 */
import { create } from 'zustand';
import { DEFAULT_FORM, type FormFields } from '../../../shared/knobs/form';

export { DEFAULT_FORM, formShapeHints, parseForm, type FormErrors, type FormFields } from '../../../shared/knobs/form';

export const useRunConfig = create<{
  fields: FormFields;
  /** A text or choice knob's field. */
  setText(id: string, value: string): void;
  /** A switch knob. */
  setOn(id: string, value: boolean): void;
  setDim(name: string, value: string): void;
  /** Keep only the symbolic dims the newly opened model has; a new one starts at the model's recorded default, else 1. */
  resetDims(names: string[], defaults?: Readonly<Record<string, number>>): void;
}>((set) => ({
  fields: DEFAULT_FORM,
  setText: (id, value) => set((s) => ({ fields: { ...s.fields, text: { ...s.fields.text, [id]: value } } })),
  setOn: (id, value) => set((s) => ({ fields: { ...s.fields, on: { ...s.fields.on, [id]: value } } })),
  setDim: (name, value) => set((s) => ({ fields: { ...s.fields, dims: { ...s.fields.dims, [name]: value } } })),
  resetDims: (names, defaults = {}) =>
    set((s) => ({ fields: { ...s.fields, dims: Object.fromEntries(names.map((n) => [n, s.fields.dims[n] ?? String(defaults[n] ?? 1)])) } })),
}));

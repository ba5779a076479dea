/**
 * What one run knob is: where it sits in a RunConfig, how the CLI and the form name it, its
 * default and allowed values, and how its text (a CLI argument or a form field) becomes a value.
 * The builders derive ranges and defaults from the zod schema of the config field, so the
 * registry cannot drift from run-config.ts. Pure TypeScript: the CLI, the form and the command
 * line are all generated from these descriptions.
 */
import type { RunConfig } from '../run-config';

export type KnobGroup = 'stop' | 'session' | 'cuda' | 'inputs' | 'scenario' | 'telemetry' | 'run';

export type Parsed<V> = { ok: true; value: V } | { ok: false; problem: string };

/** A knob that only means something while another (choice or switch) knob has one of some values. */
export interface Condition {
  knob: string;
  values: readonly (string | boolean)[];
}

export interface KnobCommon<Id extends string, V> {
  /** Key of the form field and commander's attribute name for the flag (a test checks both agree). */
  id: Id;
  /** Where it lands in a RunConfig, e.g. 'session.intraOpThreads'; names the setting in errors. */
  path: string;
  /** The long CLI flag as typed, e.g. '--threads', '--no-mem-arena'. */
  flag: string;
  short?: string;
  label: string;
  help: string;
  unit?: string;
  group: KnobGroup;
  /** Shown (form) and allowed (CLI) only under this condition; elsewhere the config keeps its default. */
  when?: Condition;
  /** Needed where it applies; such a knob has no default. */
  required?: boolean;
  /** Prefilled in the form for a required knob. */
  suggestion?: string;
  /** Rarely changed: the form puts it under "more". */
  advanced?: boolean;
  default: V;
  /** The knob's value in a config (in the knob's own unit). */
  read(config: RunConfig): V;
}

/** Typed as text: numbers, paths, labels, lists. */
export interface ValueKnob<Id extends string, V> extends KnobCommon<Id, V> {
  kind: 'value';
  placeholder: string;
  parse(text: string): Parsed<V>;
  format(value: V): string;
  /** The value written at `path` (e.g. seconds to milliseconds). */
  toConfig(value: V): unknown;
}

export interface ChoiceKnob<Id extends string, T extends string> extends KnobCommon<Id, T> {
  kind: 'choice';
  placeholder: string;
  values: readonly T[];
  optionLabels?: Partial<Record<T, string>>;
  /**
   * CLI shorthands that imply a value: a flag of its own ('--zeros') or the id of a knob whose
   * flag implies it ('inputs': giving a folder means reading files).
   */
  impliedBy?: Partial<Record<T, string>>;
}

/** On/off. The CLI flag is the one that changes the default: `--profile`, `--no-telemetry`. */
export interface SwitchKnob<Id extends string> extends KnobCommon<Id, boolean> {
  kind: 'switch';
}

/** NAME=VALUE entries: repeatable on the CLI, comma-separated (or one field per name) in the form. */
export interface PairsKnob<Id extends string, V> extends KnobCommon<Id, Record<string, V>> {
  kind: 'pairs';
  placeholder: string;
  parseEntry(text: string): Parsed<[string, V]>;
  /** The part after NAME=, for the form's one-field-per-name layout. */
  parseValue(text: string): Parsed<V>;
  formatEntry(name: string, value: V): string;
  /** The form shows one field per symbolic dimension of the model instead of one text field. */
  perName?: boolean;
}

export type AnyKnob = ValueKnob<string, unknown> | ChoiceKnob<string, string> | SwitchKnob<string> | PairsKnob<string, unknown>;
export type KnobValue<K> = K extends KnobCommon<string, infer V> ? V : never;

export const ok = <V>(value: V): Parsed<V> => ({ ok: true, value });
export const problem = <V>(text: string): Parsed<V> => ({ ok: false, problem: text });

/** Whether a knob applies, given a way to read the condition knob's current value. */
export function applies(knob: AnyKnob, valueOf: (id: string) => unknown): boolean {
  if (!knob.when) return true;
  const current = valueOf(knob.when.knob);
  return knob.when.values.some((v) => v === current);
}

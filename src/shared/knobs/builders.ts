/**
 * Builders for the registry's entries. Each takes the zod schema of the config field and reads
 * its bounds (through zod's JSON Schema export) and default from it, so a knob's range, default
 * and error text follow run-config.ts.
 */
import { z } from 'zod';
import type { RunConfig } from '../run-config';
import { ok, problem, type ChoiceKnob, type KnobCommon, type Parsed, type PairsKnob, type SwitchKnob, type ValueKnob } from './knob';

/** What every builder takes as is: the knob's names, place and condition. */
type Naming<Id extends string> = Pick<KnobCommon<Id, unknown>, 'id' | 'path' | 'flag' | 'short' | 'label' | 'help' | 'group' | 'when' | 'advanced'>;

function schemaDefault<V>(schema: z.ZodType<V>): V | undefined {
  const r = schema.safeParse(undefined);
  return r.success ? r.data : undefined;
}

/** "a whole number from 20 to 10000 ms", from the field's schema, in the knob's unit. */
export function describeRange(schema: z.ZodType<number>, scale = 1, unit?: string): string {
  const j = z.toJSONSchema(schema, { io: 'input' });
  const whole = j.type === 'integer';
  const at = (n: number | undefined): number | undefined => (n === undefined || Math.abs(n) >= Number.MAX_SAFE_INTEGER ? undefined : n / scale);
  const min = at(j.minimum);
  const gt = at(typeof j.exclusiveMinimum === 'number' ? j.exclusiveMinimum : undefined);
  const max = at(j.maximum);
  const kind = whole ? 'a whole number' : 'a number';
  const range =
    min !== undefined && max !== undefined ? `from ${min} to ${max}` : [min !== undefined ? `≥ ${min}` : gt !== undefined ? `> ${gt}` : '', max !== undefined ? `≤ ${max}` : ''].filter(Boolean).join(' and ');
  return `must be ${kind}${range ? ` ${range}` : ''}${unit ? ` ${unit}` : ''}`;
}

/** Text to a number the schema accepts (after scaling into config units). */
export function numberParser(schema: z.ZodType<number>, scale = 1, unit?: string): (text: string) => Parsed<number> {
  // Worded on the first refusal, not when the knob is built: the registry's knobs are built as
  // the studio's first screen loads, and zod's JSON Schema export for each of them was 0.13 s
  // of that page's main thread in a CPU profile.
  let range: string | undefined;
  return (text) => {
    const n = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(n) || !schema.safeParse(n * scale).success) return problem((range ??= describeRange(schema, scale, unit)));
    return ok(n);
  };
}

interface NumberSpec<Id extends string> extends Naming<Id> {
  schema: z.ZodType<number>;
  /** Config units per knob unit (1000 for a knob in seconds over a field in ms). */
  scale?: number;
  unit?: string;
  /** Where the schema has no default (the stop rule's come from RUN_DEFAULTS). */
  default?: number;
  at(config: RunConfig): number | undefined;
}

function numberCore<Id extends string>(spec: NumberSpec<Id>) {
  const scale = spec.scale ?? 1;
  const parse = numberParser(spec.schema, scale, spec.unit);
  const dflt = spec.default ?? schemaDefault(spec.schema);
  return { scale, parse, dflt, placeholder: spec.unit === 's' ? 's' : spec.unit === 'ms' ? 'ms' : 'n' };
}

export function numberKnob<Id extends string>(spec: NumberSpec<Id>): ValueKnob<Id, number> {
  const { scale, parse, dflt, placeholder } = numberCore(spec);
  if (dflt === undefined) throw new Error(`knob ${spec.id} needs a default`);
  return {
    ...spec,
    kind: 'value',
    placeholder,
    default: dflt,
    parse,
    format: String,
    read: (c) => (spec.at(c) ?? dflt * scale) / scale,
    toConfig: (v) => v * scale,
  };
}

/** A number that may be left unset (blank in the form), or that is required where it applies. */
export function optionalNumberKnob<Id extends string>(spec: NumberSpec<Id> & { required?: boolean; suggestion?: string }): ValueKnob<Id, number | undefined> {
  const { scale, parse, placeholder } = numberCore(spec);
  return {
    ...spec,
    kind: 'value',
    placeholder,
    default: undefined,
    parse: (text) => (text.trim() === '' && !spec.required ? ok(undefined) : parse(text)),
    format: (v) => (v === undefined ? '' : String(v)),
    read: (c) => {
      const v = spec.at(c);
      return v === undefined ? undefined : v / scale;
    },
    toConfig: (v) => (v === undefined ? undefined : v * scale),
  };
}

export function choiceKnob<Id extends string, T extends string>(
  spec: Naming<Id> & { values: readonly T[]; schema: z.ZodType<T>; placeholder: string; optionLabels?: Partial<Record<T, string>>; impliedBy?: Partial<Record<T, string>>; at(config: RunConfig): T },
): ChoiceKnob<Id, T> {
  const dflt = schemaDefault(spec.schema);
  if (dflt === undefined) throw new Error(`knob ${spec.id} needs a default`);
  return { ...spec, kind: 'choice', default: dflt, read: spec.at };
}

export function switchKnob<Id extends string>(spec: Naming<Id> & { schema: z.ZodType<boolean>; at(config: RunConfig): boolean }): SwitchKnob<Id> {
  const dflt = schemaDefault(spec.schema) ?? false;
  return { ...spec, kind: 'switch', default: dflt, read: spec.at };
}

export function textKnob<Id extends string>(spec: Naming<Id> & { schema: z.ZodType<string>; placeholder: string; required?: boolean; at(config: RunConfig): string | undefined }): ValueKnob<Id, string | undefined> {
  return {
    ...spec,
    kind: 'value',
    default: undefined,
    parse: (text) => {
      const t = text.trim();
      if (t === '') return spec.required ? problem('is needed') : ok(undefined);
      return spec.schema.safeParse(t).success ? ok(t) : problem('is too long');
    },
    format: (v) => v ?? '',
    read: spec.at,
    toConfig: (v) => v,
  };
}

/** Comma-separated whole numbers, e.g. GPU indices `0,1`; blank is the empty list. */
export function listKnob<Id extends string>(spec: Naming<Id> & { schema: z.ZodType<number[]>; placeholder: string; at(config: RunConfig): number[] }): ValueKnob<Id, number[]> {
  return {
    ...spec,
    kind: 'value',
    default: schemaDefault(spec.schema) ?? [],
    parse: (text) => {
      const list = text.trim() === '' ? [] : text.split(',').map((s) => Number(s.trim()));
      const r = spec.schema.safeParse(list);
      return r.success ? ok(r.data) : problem(`must be a list like ${spec.placeholder}`);
    },
    format: (v) => v.join(','),
    read: spec.at,
    toConfig: (v) => v,
  };
}

export function pairsKnob<Id extends string, V>(
  spec: Naming<Id> & {
    placeholder: string;
    /** The value after NAME=, e.g. a dimension or a shape like 1x3x224x224. */
    value: { parse(text: string): Parsed<V>; format(v: V): string; describe: string };
    perName?: boolean;
    at(config: RunConfig): Record<string, V>;
  },
): PairsKnob<Id, V> {
  return {
    ...spec,
    kind: 'pairs',
    default: {},
    parseEntry: (text) => {
      const m = /^([^=]+)=(.*)$/.exec(text.trim());
      const name = m?.[1]?.trim();
      const v = m ? spec.value.parse(m[2] ?? '') : undefined;
      return name && v?.ok ? ok([name, v.value]) : problem(`takes ${spec.placeholder} entries with ${spec.value.describe}`);
    },
    parseValue: spec.value.parse,
    formatEntry: (name, v) => `${name}=${spec.value.format(v)}`,
    read: spec.at,
  };
}

/**
 * Knob values ↔ RunConfig, the one conversion both parsers (CLI flags, form fields) end in and
 * the command line starts from. A knob that does not apply (a CUDA option on cpu, a QPS outside
 * the server scenario) is not written, so the config holds its schema default; strict callers
 * (the CLI) are told when such a knob was set anyway. The final check is RunConfigSchema itself.
 */
import { RunConfigSchema, type RunConfig } from '../run-config';
import { applies, type AnyKnob } from './knob';
import { ALL_KNOBS, knobById } from './registry';
import { conditionText, explainConfigIssue, knobName, type Audience } from './setting-names';

export interface KnobError {
  /** The knob at fault, when one is (a cross-field check names the later field). */
  knob?: AnyKnob;
  message: string;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function setIn(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    const child: Record<string, unknown> = typeof next === 'object' && next !== null && !Array.isArray(next) ? { ...next } : {};
    node[key] = child;
    node = child;
  }
  const last = keys[keys.length - 1];
  if (last !== undefined) node[last] = value;
}

/** What a knob writes into the config for a value (narrowed per kind: the union's methods differ). */
function configValue(knob: AnyKnob, value: unknown): unknown {
  switch (knob.kind) {
    case 'value':
      return knob.toConfig(value);
    case 'choice':
      return knob.values.find((v) => v === value);
    case 'switch':
      return value === true;
    case 'pairs':
      return typeof value === 'object' && value !== null ? value : {};
  }
}

/** The value a knob has in `values`, or its default when absent. */
export function valueIn(values: Readonly<Record<string, unknown>>, knob: AnyKnob): unknown {
  return values[knob.id] === undefined ? knob.default : values[knob.id];
}

export function knobApplies(knob: AnyKnob, values: Readonly<Record<string, unknown>>): boolean {
  return applies(knob, (id) => {
    const k = knobById(id);
    return k ? valueIn(values, k) : undefined;
  });
}

export function configFromKnobs(
  modelPath: string,
  values: Readonly<Record<string, unknown>>,
  options: { audience: Audience; strict: boolean },
): { config?: RunConfig; errors: KnobError[] } {
  const errors: KnobError[] = [];
  const draft: Record<string, unknown> = { modelPath };
  for (const knob of ALL_KNOBS) {
    const value = valueIn(values, knob);
    if (!knobApplies(knob, values)) {
      if (options.strict && knob.when && !same(value, knob.default)) {
        errors.push({ knob, message: `${knobName(knob, options.audience)} applies only when ${conditionText(knob.when, options.audience)}` });
      }
      continue;
    }
    if (value === undefined) {
      if (knob.required) errors.push({ knob, message: `${knobName(knob, options.audience)} is needed${knob.when ? ` when ${conditionText(knob.when, options.audience)}` : ''}` });
      continue;
    }
    setIn(draft, knob.path, configValue(knob, value));
  }
  if (errors.length > 0) return { errors };
  const parsed = RunConfigSchema.safeParse(draft);
  if (parsed.success) return { config: parsed.data, errors };
  return { errors: parsed.error.issues.map((issue) => explainConfigIssue(issue, options.audience)) };
}

/** Each knob's value in a config, keyed by id. */
export function knobsFromConfig(config: RunConfig): Record<string, unknown> {
  return Object.fromEntries(ALL_KNOBS.map((k) => [k.id, k.read(config)]));
}

import { describe, expect, it } from 'vitest';
import { benchArgsFor } from '../../../src/shared/cli-command';
import { DEFAULT_FORM, formFromConfig, parseForm, type FormFields } from '../../../src/shared/knobs/form';
import type { AnyKnob } from '../../../src/shared/knobs/knob';
import { ALL_KNOBS, knobById } from '../../../src/shared/knobs/registry';
import { knobsFromConfig } from '../../../src/shared/knobs/knob-config';
import { parseBenchArgs } from '../../helpers/parse-bench-args';

const MODEL = '/models/m.onnx';

function withText(f: FormFields, id: string, text: string): FormFields {
  return { ...f, text: { ...f.text, [id]: text } };
}

/** Give every required knob that now applies a value (a folder once inputs come from files). */
function fillRequired(f: FormFields): FormFields {
  return ALL_KNOBS.reduce((acc, k) => (k.required && (acc.text[k.id] ?? '') === '' ? withText(acc, k.id, '/data/set 0') : acc), f);
}

/** The form with the knob's condition met (e.g. the server scenario for --qps). */
function applying(knob: AnyKnob): FormFields {
  const when = knob.when;
  if (!when) return DEFAULT_FORM;
  const v = when.values[0];
  return fillRequired(typeof v === 'boolean' ? { ...DEFAULT_FORM, on: { ...DEFAULT_FORM.on, [when.knob]: v } } : withText(DEFAULT_FORM, when.knob, String(v)));
}

/** The form with one knob set to a value other than its default, and no errors. */
function changed(knob: AnyKnob): FormFields {
  const base = applying(knob);
  const candidates = (): FormFields[] => {
    switch (knob.kind) {
      case 'switch':
        return [{ ...base, on: { ...base.on, [knob.id]: !knob.default } }];
      case 'choice':
        return knob.values.filter((v) => v !== knob.default).map((v) => fillRequired(withText(base, knob.id, v)));
      case 'pairs':
        return knob.perName ? [{ ...base, dims: { n: '3' } }] : ['a=3', 'x=1x3x4', 'sr=16000.5'].map((t) => withText(base, knob.id, t));
      case 'value':
        return (knob.placeholder === 'dir' ? ['/data/other set'] : ['7', '25', '0.9', '200000', '0,2', 'nightly']).map((t) => withText(base, knob.id, t));
    }
  };
  const found = candidates().find((f) => {
    const { config } = parseForm(MODEL, f);
    return config && JSON.stringify(knobsFromConfig(config)[knob.id]) !== JSON.stringify(knob.default);
  });
  if (!found) throw new Error(`no non-default value found for ${knob.id}`);
  return found;
}

describe('the run form and the CLI', () => {
  it('start from the same defaults', () => {
    const { config, errors } = parseForm(MODEL, DEFAULT_FORM);
    expect(errors).toEqual({});
    expect(config).toEqual(parseBenchArgs([MODEL]));
    expect(config?.stop).toEqual({ warmupIterations: 10, minIterations: 100, maxIterations: 100_000, minDurationMs: 3000, maxDurationMs: 120_000 });
  });

  it.each(ALL_KNOBS.map((k) => [k.id, k] as const))('round-trip %s: form → command → real CLI parser → same config', (_id, knob) => {
    const { config, errors } = parseForm(MODEL, changed(knob));
    expect(errors).toEqual({});
    if (!config) throw new Error('no config');
    expect(parseBenchArgs(benchArgsFor(config))).toEqual(config);
  });

  it('the round trip changes what it claims to (spot checks of known values)', () => {
    expect(parseForm(MODEL, withText(applying(knobById('percentile')!), 'percentile', '0.9')).config?.scenario).toEqual({ kind: 'server', targetQps: 100, latencyBudgetMs: 50, percentile: 0.9 });
    expect(parseForm(MODEL, withText(DEFAULT_FORM, 'minDuration', '1.5')).config?.stop.minDurationMs).toBe(1500);
    expect(parseForm(MODEL, withText(applying(knobById('idleBaseline')!), 'idleBaseline', '250')).config?.telemetry.idleBaselineMs).toBe(250);
  });
});

describe('a stored run\'s config back into the form (the Run view opening a run from its address)', () => {
  it('the defaults give the default form', () => {
    const { config } = parseForm(MODEL, DEFAULT_FORM);
    if (!config) throw new Error('no config');
    expect(parseForm(MODEL, formFromConfig(config)).config).toEqual(config);
  });

  it.each(ALL_KNOBS.map((k) => [k.id, k] as const))('round-trip %s: form → config → form → the same config', (_id, knob) => {
    const { config } = parseForm(MODEL, changed(knob));
    if (!config) throw new Error('no config');
    const back = parseForm(MODEL, formFromConfig(config));
    expect(back.errors).toEqual({});
    expect(back.config).toEqual(config);
  });
});

import { describe, expect, it } from 'vitest';
import { optionFor } from '../../../src/main/cli/bench-options';
import { InputSourceSchema, INPUT_SOURCES, ScenarioSchema, SCENARIOS } from '../../../src/shared/run-config';
import { ALL_KNOBS, knobById } from '../../../src/shared/knobs/registry';
import { explainConfigIssue, settingAt, settingName } from '../../../src/shared/knobs/setting-names';
import { parseBenchArgs } from '../../helpers/parse-bench-args';

describe('the knob registry', () => {
  it('names each knob after the attribute commander gives its flag', () => {
    for (const k of ALL_KNOBS) expect(optionFor(k).attributeName(), k.flag).toBe(k.id);
  });
  it('has one knob per id, flag and config path', () => {
    for (const key of ['id', 'flag', 'path'] as const) expect(new Set(ALL_KNOBS.map((k) => k[key])).size).toBe(ALL_KNOBS.length);
  });
  it('lists the scenarios and input sources the schemas accept, in the same order', () => {
    expect(ScenarioSchema.options.map((o) => o.shape.kind.value)).toEqual([...SCENARIOS]);
    expect(InputSourceSchema.options.map((o) => o.shape.kind.value)).toEqual([...INPUT_SOURCES]);
  });
  it('conditions name a choice or switch knob and values it can take', () => {
    for (const k of ALL_KNOBS) {
      if (!k.when) continue;
      const on = knobById(k.when.knob);
      const allowed: readonly (string | boolean)[] = on?.kind === 'choice' ? on.values : on?.kind === 'switch' ? [true, false] : [];
      for (const v of k.when.values) expect(allowed, `${k.id} when ${k.when.knob}`).toContain(v);
    }
  });
});

describe('setting names for error messages', () => {
  it('finds the label and flag of a config path, nested paths included', () => {
    expect(settingAt('session.intraOpThreads')).toEqual({ label: 'Intra-op threads', flag: '--threads' });
    expect(settingAt(['session', 'cuda', 'deviceId'])).toEqual({ label: 'GPU device', flag: '--device-id' });
    expect(settingName('dims.batch')).toBe('Symbolic dimensions (--dim)');
    expect(settingName('telemetry.intervalMs', 'ui')).toBe('Interval');
    expect(settingAt('modelPath')).toBeUndefined();
  });
});

describe('CLI errors name the setting and its flag', () => {
  const fails = (args: string[]) => () => parseBenchArgs(['/m.onnx', ...args]);
  it('for a value out of range, from the schema bounds', () => {
    expect(fails(['--threads', 'x'])).toThrow("Intra-op threads (--threads) must be a whole number from 0 to 1024 (got 'x').");
    expect(fails(['--scenario', 'server', '--qps', '5', '--latency-budget', '9', '--percentile', '1'])).toThrow("Percentile (--percentile) must be a number from 0.5 to 0.9999 (got '1').");
    expect(fails(['--min-duration', '-1'])).toThrow("Min duration (--min-duration) must be a number from 0 to 86400 s (got '-1').");
  });
  it('for a knob the scenario needs, or one that does not apply', () => {
    expect(fails(['--scenario', 'server', '--qps', '5'])).toThrow('Latency budget (--latency-budget) is needed when Scenario (--scenario) is server.');
    expect(fails(['--qps', '5'])).toThrow('Target QPS (--qps) applies only when Scenario (--scenario) is server.');
    expect(fails(['--cuda-graph'])).toThrow('CUDA graph (--cuda-graph) applies only when Execution provider (--ep) is cuda.');
    expect(fails(['--seed', '4', '--zeros'])).toThrow('Seed (--seed) applies only when Data (--input-source) is random.');
  });
  it('for a cross-field rule of the schema', () => {
    expect(fails(['--min-iterations', '500', '--max-iterations', '200'])).toThrow('Max iterations (--max-iterations) must be at least the min iterations.');
  });
  it('for shorthands that contradict each other', () => {
    expect(fails(['--zeros', '--inputs', '/d'])).toThrow("option '--inputs <dir>' cannot be used with option '--zeros'");
  });
});

describe('a config issue in words', () => {
  it('names the setting by label and flag, for the CLI and the UI', () => {
    expect(explainConfigIssue({ path: ['session', 'intraOpThreads'], message: 'Too big: expected number to be <=1024' }).message).toBe('Intra-op threads (--threads): Too big: expected number to be <=1024');
    expect(explainConfigIssue({ path: ['stop', 'maxIterations'], message: 'must be at least the min iterations' }, 'ui').message).toBe('Max iterations must be at least the min iterations');
  });
});

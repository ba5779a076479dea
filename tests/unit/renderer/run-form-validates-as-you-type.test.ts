import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM, formShapeHints, parseForm, type FormFields } from '../../../src/renderer/src/stores/config-store';

const typed = (text: Record<string, string>, dims: Record<string, string> = {}): FormFields => ({ ...DEFAULT_FORM, text: { ...DEFAULT_FORM.text, ...text }, dims });

describe('the run form', () => {
  it('parses the defaults into a valid configuration with the CLI defaults (3 s minimum)', () => {
    const { config, errors } = parseForm('/m.onnx', DEFAULT_FORM);
    expect(errors).toEqual({});
    expect(config?.stop).toMatchObject({ warmupIterations: 10, minIterations: 100, minDurationMs: 3000 });
  });
  it('marks each bad field with its own message and produces no configuration', () => {
    const { config, errors } = parseForm('/m.onnx', typed({ minIterations: '0', warmup: 'ten', minDuration: '-1' }, { batch: '' }));
    expect(config).toBeUndefined();
    expect(errors.minIterations).toBe('Min iterations must be a whole number from 1 to 10000000');
    expect(errors.warmup).toBe('Warm-up must be a whole number from 0 to 100000');
    expect(errors.minDuration).toBe('Min duration must be a number from 0 to 86400 s');
    expect(errors['dim:batch']).toBe('batch must be a whole number > 0');
  });
  it('keeps half-typed text and one error per field', () => {
    const f = typed({ freeDim: 'a=1, b=x, c=y' });
    expect(f.text.freeDim).toBe('a=1, b=x, c=y');
    expect(parseForm('/m.onnx', f).errors).toEqual({ freeDim: 'Free dimension overrides takes name=n entries with n a whole number > 0' });
  });
  it('ignores hidden fields: a bad QPS outside the server scenario', () => {
    expect(parseForm('/m.onnx', typed({ qps: 'lots' })).errors).toEqual({});
    expect(parseForm('/m.onnx', typed({ qps: 'lots', scenario: 'server' })).errors).toEqual({ qps: 'Target QPS must be a number > 0 and ≤ 1000000' });
  });
  it('exposes the server percentile and the idle baseline', () => {
    const { config } = parseForm('/m.onnx', typed({ scenario: 'server', percentile: '0.95', idleBaseline: '0' }));
    expect(config?.scenario).toEqual({ kind: 'server', targetQps: 100, latencyBudgetMs: 50, percentile: 0.95 });
    expect(config?.telemetry.idleBaselineMs).toBe(0);
  });
  it('puts a cross-field error on the later field', () => {
    expect(parseForm('/m.onnx', typed({ minIterations: '500', maxIterations: '200' })).errors).toEqual({ maxIterations: 'Max iterations must be at least the min iterations' });
  });
  it('asks for a model first', () => {
    expect(parseForm(undefined, DEFAULT_FORM).errors.model).toBe('Choose a model');
  });
  it('passes symbolic dimension values through, and hands valid ones to FLOP counting', () => {
    expect(parseForm('/m.onnx', typed({}, { batch: '4' })).config?.dims).toEqual({ batch: 4 });
    expect(formShapeHints(typed({ batch: '2' }, { seq: '32', n: '' }))).toEqual({ dims: { seq: 32 }, batchSize: 2 });
  });
});

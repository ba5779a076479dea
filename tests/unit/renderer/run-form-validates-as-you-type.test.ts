import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELDS, parseConfig } from '../../../src/renderer/src/stores/config-store';

describe('the run form', () => {
  it('parses the defaults into a valid configuration', () => {
    const { config, errors } = parseConfig('/m.onnx', DEFAULT_FIELDS);
    expect(errors).toEqual({});
    expect(config?.stop).toMatchObject({ warmupIterations: 10, minIterations: 100, minDurationMs: 1000 });
  });
  it('marks each bad field with its own message and produces no configuration', () => {
    const { config, errors } = parseConfig('/m.onnx', { ...DEFAULT_FIELDS, iterations: '0', warmup: 'ten', minDurationS: '-1', dims: { batch: '' } });
    expect(config).toBeUndefined();
    expect(errors.iterations).toBe('Iterations must be at least 1');
    expect(errors.warmup).toBe('Warm-up must be a whole number');
    expect(errors.minDurationS).toMatch(/seconds/);
    expect(errors['dim:batch']).toBe('batch must be a whole number');
  });
  it('asks for a model first', () => {
    expect(parseConfig(undefined, DEFAULT_FIELDS).errors.model).toBe('Choose a model');
  });
  it('passes symbolic dimension values through', () => {
    expect(parseConfig('/m.onnx', { ...DEFAULT_FIELDS, dims: { batch: '4' } }).config?.dims).toEqual({ batch: 4 });
  });
});

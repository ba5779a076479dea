/** The wizard's goal form: fields as typed → the optimizer.start request or each field's problem, and the `dyno optimize` line with the flags that differ from its defaults. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_GOAL_FIELDS, goalRequest, optimizeCommandFor } from '../../../src/shared/optimizer/goal-form';
import { OptimizerStartSchema } from '../../../src/shared/optimizer/study-state';

const fields = { model: '/models/m.onnx', ...DEFAULT_GOAL_FIELDS };

describe('goal form', () => {
  it('the defaults give a request the contract accepts, and the command carries only what differs', () => {
    const { request, errors } = goalRequest(fields);
    expect(errors).toEqual({});
    expect(OptimizerStartSchema.parse(request)).toEqual(request);
    expect(request).toMatchObject({ objective: 'latency', timeBudgetMs: 300_000, maxError: 1e-3 });
    expect(request?.factors).toBeUndefined();
    expect(optimizeCommandFor(request as NonNullable<typeof request>)).toBe('npx dyno optimize /models/m.onnx --objective latency --time-budget 300s');
  });

  it('constraints, a factor subset and a path with spaces appear as flags, quoted', () => {
    const { request } = goalRequest({ ...fields, model: '/my models/m.onnx', objective: 'p99', budgetMs: '20', maxError: '1e-4', memoryCapMiB: '512', timeBudget: '90s', trialDurationS: '0.5', factors: ['optLevel', 'threads'] });
    expect(request).toMatchObject({ latencyBudgetMs: 20, maxError: 1e-4, memoryCapMiB: 512, timeBudgetMs: 90_000, trialDurationS: 0.5, factors: ['optLevel', 'threads'] });
    expect(optimizeCommandFor(request as NonNullable<typeof request>)).toBe("npx dyno optimize '/my models/m.onnx' --objective p99 --budget-ms 20 --max-error 0.0001 --memory-cap 512 --time-budget 90s --trial-duration 0.5 --factors optLevel,threads");
  });

  it('names each bad field and gives no request', () => {
    const { request, errors } = goalRequest({ ...fields, model: '', budgetMs: '-3', maxError: 'x', timeBudget: 'soon', factors: [] });
    expect(request).toBeUndefined();
    expect(errors).toEqual({
      model: 'Open a model first (Run or Models), or pick a recent one',
      budgetMs: "The latency budget takes a positive number (got '-3')",
      maxError: "The max output error takes a non-negative number (got 'x')",
      timeBudget: "The time budget takes a duration such as 10m, 90s or 1h (got 'soon')",
      factors: 'Choose at least one factor to search',
    });
    expect(goalRequest({ ...fields, maxError: '0' }).errors).toEqual({});
  });

  it('dims go to the request and the command as --dim', () => {
    const { request, errors } = goalRequest({ ...fields, dims: { batch: '4', seq: '128' } });
    expect(errors).toEqual({});
    expect(OptimizerStartSchema.parse(request)).toEqual(request);
    expect(request?.dims).toEqual({ batch: 4, seq: 128 });
    expect(optimizeCommandFor(request as NonNullable<typeof request>)).toBe('npx dyno optimize /models/m.onnx --objective latency --time-budget 300s --dim batch=4 --dim seq=128');
  });

  it('an inputs folder and a min accuracy go as --inputs and --min-accuracy; the folder gives the shapes, so no --dim', () => {
    const { request, errors } = goalRequest({ ...fields, dims: { batch: '4', seq: 'not used' }, inputsDir: '/data/my set/test_data_set_0', minAccuracy: '0.99' });
    expect(errors).toEqual({});
    expect(OptimizerStartSchema.parse(request)).toEqual(request);
    expect(request).toMatchObject({ dims: {}, inputsDir: '/data/my set/test_data_set_0', minAccuracy: 0.99 });
    expect(optimizeCommandFor(request as NonNullable<typeof request>)).toBe("npx dyno optimize /models/m.onnx --objective latency --min-accuracy 0.99 --time-budget 300s --inputs '/data/my set/test_data_set_0'");
    // Blank inputs folder and min accuracy: generated inputs, no accuracy floor, nothing in the request.
    const plain = goalRequest({ ...fields, inputsDir: '  ', minAccuracy: '' }).request;
    expect(plain && 'inputsDir' in plain).toBe(false);
    expect(plain && 'minAccuracy' in plain).toBe(false);
  });

  it('a bad dim, a min accuracy out of 0–1 or without an inputs folder each get one line and no request', () => {
    expect(goalRequest({ ...fields, dims: { batch: '0' } })).toEqual({ errors: { dims: "dim batch must be a whole number > 0 (got '0')" } });
    expect(goalRequest({ ...fields, dims: { batch: '2', seq: 'x' } }).errors.dims).toMatch(/^dim seq .*\(got 'x'\)$/);
    expect(goalRequest({ ...fields, inputsDir: '/d', minAccuracy: '1.5' })).toEqual({ errors: { minAccuracy: "The min accuracy takes a share from 0 to 1, e.g. 0.99 (got '1.5')" } });
    expect(goalRequest({ ...fields, minAccuracy: '0.9' })).toEqual({ errors: { minAccuracy: 'The min accuracy needs an inputs folder: its expected outputs are the labels accuracy is counted against' } });
    expect(goalRequest({ ...fields, inputsDir: '/d', minAccuracy: '0' }).errors).toEqual({});
  });

  it('the contract refuses a min accuracy outside 0–1', () => {
    expect(OptimizerStartSchema.safeParse({ model: 'm', objective: 'latency', timeBudgetMs: 1000, inputsDir: '/d', minAccuracy: 2 }).success).toBe(false);
  });
});

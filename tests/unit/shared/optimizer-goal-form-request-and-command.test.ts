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
});

/**
 * The minimum-accuracy constraint (issue 12, item 1): accuracy is the top-1 agreement with the
 * labelled data's expected outputs; a candidate under the floor is rejected with its numbers,
 * and when nothing keeps the constraints the binding one may be the accuracy floor.
 */
import { describe, expect, it } from 'vitest';
import { bindingConstraint, describeViolation, violations, type TrialFigures } from '../../../src/shared/optimizer/search';
import { parseCandidateKey } from '../../../src/shared/optimizer/factors';
import { OptimizerGoalSchema, type OptimizerGoal } from '../../../src/shared/optimizer/goal';

const goal: OptimizerGoal = { objective: 'latency', maxError: 1, timeBudgetMs: 60_000, minAccuracy: 0.9 };
const trial = (key: string, accuracy: number | null | undefined, over: Partial<TrialFigures> = {}): TrialFigures => ({
  key,
  candidate: parseCandidateKey(key),
  runId: `run-${key}`,
  status: 'completed',
  value: 5,
  score: 5,
  budgetedLatencyMs: 5,
  peakRssBytes: 1e6,
  fidelity: { maxAbsError: 0.01, maxRelError: 0.01, cosine: 0.999, ...(accuracy !== undefined ? { accuracy } : {}) },
  ...over,
});

describe('minimum accuracy', () => {
  it('rejects a candidate under the floor with its accuracy, the floor and the shortfall', () => {
    expect(violations(trial('precision=int8-dynamic', 0.625), goal).map(describeViolation)).toEqual(['min accuracy: 62.5 % is under the minimum 90.0 % by 27.5 points']);
    expect(violations(trial('threads=1', 0.9), goal)).toEqual([]);
    expect(violations(trial('threads=1', 1), goal)).toEqual([]);
  });
  it('an accuracy that could not be measured (no class axis) does not pass the floor', () => {
    expect(violations(trial('threads=1', null), goal)).toMatchObject([{ constraint: 'min accuracy', value: 0, limit: 0.9 }]);
  });
  it('without the constraint, or without labelled data (no accuracy figure), nothing is judged', () => {
    expect(violations(trial('threads=1', 0.1), { ...goal, minAccuracy: undefined })).toEqual([]);
    expect(violations(trial('threads=1', undefined), goal)).toEqual([]);
  });
  it('names the accuracy floor as binding when it is missed by more than any other constraint', () => {
    const g = { ...goal, latencyBudgetMs: 10 };
    const trials = [trial('baseline', 0.8, { budgetedLatencyMs: 11 }), trial('threads=1', 0.5, { budgetedLatencyMs: 9 })];
    // Budget missed by 1.1× at best (baseline), accuracy by 0.9/0.8 = 1.125× at best: accuracy binds.
    const b = bindingConstraint(trials, g);
    expect(b).toMatchObject({ key: 'baseline', violation: { constraint: 'min accuracy', value: 0.8, limit: 0.9 } });
    expect(describeViolation(b!.violation)).toBe('min accuracy: 80.0 % is under the minimum 90.0 % by 10.0 points');
    expect(bindingConstraint([trial('baseline', 0.89, { budgetedLatencyMs: 20 })], g)?.violation.constraint).toBe('latency budget');
  });
  it('is a share between 0 and 1 in the goal', () => {
    expect(OptimizerGoalSchema.safeParse({ ...goal, minAccuracy: 1.5 }).success).toBe(false);
    expect(OptimizerGoalSchema.safeParse(goal).success).toBe(true);
  });
});

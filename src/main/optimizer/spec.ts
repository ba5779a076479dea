/**
 * An optimizer study's spec (what `dyno optimize` and the studio's `optimizer.start` both ask
 * for): the baseline's configuration, built from the goal and the trial stop rule, and the
 * schema a stored spec is read back with when a study is resumed.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { RunConfigSchema, type RunConfig } from '../../shared/run';
import { DEFAULT_MAX_ERROR, OptimizerGoalSchema, minIterationsFor, type Objective } from '../../shared/optimizer/goal';
import { FACTOR_IDS, type FactorId } from '../../shared/optimizer/factors';
import type { OptimizeSpec } from './run-optimizer';
import { accuracyShapeProblem } from '../../shared/fidelity';
import { expectedOutputShapes } from '../engine/input-files';

export const SpecSchema = z.object({
  version: z.literal(1),
  model: z.string(),
  goal: OptimizerGoalSchema,
  base: RunConfigSchema,
  expectedDir: z.string().optional(),
  rounds: z.number().int().min(0),
  top: z.number().int().min(0),
  factors: z.array(z.enum(FACTOR_IDS)).optional(),
});

export interface SpecInput {
  objective: Objective;
  budgetMs?: number | undefined;
  maxError?: number | undefined;
  /** Top-1 agreement with the expected outputs of `inputs` (a test_data_set folder), 0–1. */
  minAccuracy?: number | undefined;
  /** MiB. */
  memoryCap?: number | undefined;
  timeBudgetMs: number;
  /** Seconds of measurement per trial. */
  trialDuration: number;
  trialIterations: number;
  warmup: number;
  dim: Record<string, number>;
  inputs?: string | undefined;
  rounds: number;
  top: number;
  factors?: FactorId[] | undefined;
}

export function newSpec(model: string, o: SpecInput): OptimizeSpec {
  const minIterations = Math.max(o.trialIterations, minIterationsFor(o.objective, 1));
  const inputsDir = o.inputs ? resolve(o.inputs) : undefined;
  const base: RunConfig = RunConfigSchema.parse({
    modelPath: resolve(model),
    dims: o.dim,
    ...(inputsDir ? { inputs: { kind: 'files', dir: inputsDir } } : {}),
    stop: { warmupIterations: o.warmup, minIterations, maxIterations: Math.max(100_000, minIterations), minDurationMs: o.trialDuration * 1000, maxDurationMs: Math.max(120_000, o.trialDuration * 4000) },
  });
  const goal = OptimizerGoalSchema.parse({
    objective: o.objective,
    ...(o.budgetMs !== undefined ? { latencyBudgetMs: o.budgetMs } : {}),
    ...(o.memoryCap !== undefined ? { memoryCapBytes: o.memoryCap * 2 ** 20 } : {}),
    maxError: o.maxError ?? DEFAULT_MAX_ERROR,
    ...(o.minAccuracy !== undefined ? { minAccuracy: o.minAccuracy } : {}),
    timeBudgetMs: o.timeBudgetMs,
  });
  return { version: 1, model: resolve(model), goal, base, ...(inputsDir ? { expectedDir: inputsDir } : {}), rounds: o.rounds, top: o.top, ...(o.factors ? { factors: o.factors } : {}) };
}

/**
 * Why a min accuracy cannot apply to the study's expected outputs, or undefined: top-1
 * agreement is read as accuracy only on a classifier's scores, so a feature map or an
 * embedding would otherwise score 100 %. Said before any study exists (CLI and studio alike),
 * pointing to the gate that does fit such outputs, by the name `maxError` it has where it is read.
 */
export function minAccuracyProblem(spec: OptimizeSpec, maxError: string): string | undefined {
  if (spec.goal.minAccuracy === undefined || spec.expectedDir === undefined) return undefined;
  try {
    const shapes = expectedOutputShapes(spec.expectedDir);
    const problem = accuracyShapeProblem(shapes);
    if (!problem) return undefined;
    const instead = shapes.length > 0 ? `; for such outputs use ${maxError} instead, which gates the largest difference from the FP32 baseline's and the expected outputs` : '';
    return `it cannot apply to ${spec.expectedDir}: ${problem}${instead}`;
  } catch (err) {
    return `the expected outputs in ${spec.expectedDir} cannot be read (${err instanceof Error ? err.message.replace(/\.$/, '') : String(err)})`;
  }
}

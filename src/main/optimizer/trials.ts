/**
 * One optimizer trial: a candidate's configuration measured as a real run through the studio's
 * queue, in the optimizer's study, then passed through the correctness gate (one inference on
 * the baseline's reference inputs, compared with the FP32 baseline's outputs and, with a
 * test_data_set folder, its expected outputs) and the constraints.
 *
 * Every trial is named by its label ("optimizer · <phase> · <candidate>"), so a resumed study
 * finds the trials it already measured and reuses them instead of measuring again; the gate's
 * figures are kept beside the study (fidelity/<key>.json) for the same reason.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynoApi } from '../../shared/contract';
import type { Run, RunConfig } from '../../shared/run';
import { applyCandidate, candidateKey, type Candidate, type Precision } from '../../shared/optimizer/factors';
import { budgetedLatencyMs, objectiveValue, scoreOf, type OptimizerGoal } from '../../shared/optimizer/goal';
import { describeViolation, violations, type TrialFigures } from '../../shared/optimizer/search';
import { FidelitySchema, type Fidelity } from '../../shared/optimizer/fidelity-schema';
import { modelFor, type TransformFn } from './precision';

export type Completed = Extract<Run, { status: 'completed' }>;

export interface TrialDeps {
  api: DynoApi;
  /** One inference of `config` in a worker: keeps inputs/outputs in writeDir, compares with each reference folder. */
  outputs(config: RunConfig, writeDir: string | undefined, references: readonly string[]): Promise<Fidelity[]>;
  transform: TransformFn | undefined;
}

export interface TrialContext {
  studyId: string;
  studyDir: string;
  base: RunConfig;
  goal: OptimizerGoal;
  /** A test_data_set folder whose expected outputs every candidate is also checked against. */
  expectedDir: string | undefined;
  /** Completed runs of the study by label: what a resumed study already measured. */
  measured: Map<string, Completed>;
  /** The baseline's own error against the expected outputs (a candidate may not exceed it or maxError). */
  baselineExpectedError: number;
}

export interface Trial extends TrialFigures {
  phase: string;
  label: string;
  config: RunConfig;
  run?: Completed | undefined;
  /** Reused from an earlier (interrupted) invocation of the study. */
  reused: boolean;
}

export const trialLabel = (phase: string, candidate: Candidate): string => `optimizer · ${phase} · ${candidateKey(candidate)}`;

/** The reference folder of a batch size: the FP32 baseline's inputs and outputs at that batch. */
export function referenceDir(ctx: Pick<TrialContext, 'studyDir' | 'expectedDir'>, config: RunConfig): string {
  return ctx.expectedDir ? join(ctx.studyDir, 'reference-files') : join(ctx.studyDir, `reference-b${config.batchSize ?? 1}`);
}

/** Writes (once) the FP32 baseline's outputs on the reference inputs of `config`'s batch size. */
export async function ensureReference(deps: TrialDeps, ctx: TrialContext, config: RunConfig): Promise<{ dir: string; vsExpected?: Fidelity }> {
  const dir = referenceDir(ctx, config);
  const baselineAtBatch: RunConfig = { ...ctx.base, batchSize: config.batchSize, inputs: ctx.base.inputs };
  if (!existsSync(join(dir, 'output_0.pb'))) {
    const [vsExpected] = await deps.outputs(baselineAtBatch, dir, ctx.expectedDir ? [ctx.expectedDir] : []);
    return { dir, ...(vsExpected ? { vsExpected } : {}) };
  }
  return { dir };
}

async function configFor(deps: TrialDeps, ctx: TrialContext, candidate: Candidate, label: string): Promise<RunConfig> {
  const config = applyCandidate(ctx.base, candidate, label);
  const precision = (candidate.precision ?? 'fp32') as Precision;
  if (precision === 'fp32') return config;
  const { path } = await modelFor(precision, ctx.base.modelPath, ctx.studyDir, deps.transform);
  return { ...config, modelPath: path };
}

function cachedFidelity(file: string): Fidelity | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = FidelitySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

/** The gate: the candidate's outputs on the reference inputs against the baseline's (and the expected ones). */
async function gate(deps: TrialDeps, ctx: TrialContext, key: string, config: RunConfig): Promise<Fidelity> {
  const dir = join(ctx.studyDir, 'fidelity');
  const file = join(dir, `${key.replace(/[^\w.=-]+/g, '_')}.json`);
  const cached = cachedFidelity(file);
  if (cached) return cached;
  const { dir: ref } = await ensureReference(deps, ctx, config);
  const [vsBaseline, vsExpected] = await deps.outputs({ ...config, inputs: { kind: 'files', dir: ref }, checkOutputs: false }, undefined, ctx.expectedDir ? [ref, ctx.expectedDir] : [ref]);
  if (!vsBaseline) throw new Error('the worker compared no outputs');
  const fidelity: Fidelity = {
    ...vsBaseline,
    ...(vsExpected ? { vsExpected: { maxAbsError: vsExpected.maxAbsError, maxRelError: vsExpected.maxRelError, cosine: vsExpected.cosine }, accuracy: vsExpected.top1Agreement ?? null } : {}),
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(fidelity));
  return fidelity;
}

/** Figures, gate and constraints of a completed run of `candidate`. */
async function judged(deps: TrialDeps, ctx: TrialContext, base: Omit<Trial, 'status'>, run: Completed): Promise<Trial> {
  const value = objectiveValue(run, ctx.goal.objective);
  const figures: Trial = {
    ...base,
    status: 'completed',
    run,
    runId: run.id,
    value,
    score: value === undefined ? undefined : scoreOf(value, ctx.goal.objective),
    budgetedLatencyMs: budgetedLatencyMs(run, ctx.goal.objective),
    peakRssBytes: run.results.memory.peakRssBytes,
  };
  if (value === undefined) return { ...figures, rejected: `the run gave no ${ctx.goal.objective} figure` };
  try {
    figures.fidelity = await gate(deps, ctx, base.key, base.config);
  } catch (err) {
    return { ...figures, rejected: `its outputs could not be compared: ${err instanceof Error ? err.message : String(err)}` };
  }
  const broken = violations(figures, ctx.goal, ctx.baselineExpectedError);
  return broken.length > 0 ? { ...figures, rejected: broken.map(describeViolation).join('; ') } : figures;
}

/**
 * Measures a candidate (or reuses the run a resumed study has of it). A candidate that cannot
 * start or whose run fails is a failed trial with the reason: the study goes on.
 */
export async function runTrial(deps: TrialDeps, ctx: TrialContext, phase: string, candidate: Candidate, onStarted?: (runId: string) => void): Promise<Trial> {
  const label = trialLabel(phase, candidate);
  const key = candidateKey(candidate);
  let config: RunConfig;
  try {
    config = await configFor(deps, ctx, candidate, label);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { phase, label, key, candidate, config: ctx.base, runId: '', status: 'failed', reused: false, error: message, rejected: `failed: ${message}` };
  }
  const base = { phase, label, key, candidate, config, runId: '', reused: false };
  const earlier = ctx.measured.get(label);
  if (earlier) return judged(deps, ctx, { ...base, config: earlier.config, reused: true }, earlier);
  let runId: string;
  try {
    runId = (await deps.api.call('runs.start', { config, studyId: ctx.studyId })).runId;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ...base, status: 'failed', error: message, rejected: `failed: ${message}` };
  }
  onStarted?.(runId);
  const { run } = await deps.api.call('runs.wait', { runId });
  if (run.status === 'completed') {
    ctx.measured.set(label, run);
    return judged(deps, ctx, base, run);
  }
  const status = run.status === 'failed' ? 'failed' : run.status === 'aborted' ? 'aborted' : 'interrupted';
  const error = run.status === 'failed' ? run.error : `the run was ${run.status}`;
  return { ...base, runId, status, error, rejected: `${status}: ${error}` };
}

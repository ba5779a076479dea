/**
 * The optimizer wizard's goal form, pure: the text fields as typed → the `optimizer.start`
 * request, or each field's problem in words; and the same study as a `dyno optimize` command
 * line, shown live like the Run form's `dyno bench` line.
 */
import { shellQuote as quote } from '../cli-command';
import { FACTOR_IDS, type FactorId } from './factors';
import { parseDuration, type Objective } from './goal';
import type { OptimizerStart } from './study-state';
import { DIM_KNOB } from '../knobs/input-knobs';

export interface GoalFields {
  model: string;
  objective: Objective;
  /** Blank: no limit. */
  budgetMs: string;
  maxError: string;
  memoryCapMiB: string;
  timeBudget: string;
  trialDurationS: string;
  /** The factors searched; all of them means no --factors. */
  factors: FactorId[];
  /** A value per symbolic dim of the model's inputs, as typed (`--dim name=N`); unused with an inputs folder. */
  dims: Record<string, string>;
  /** A test_data_set folder (`--inputs`): the trials are fed its inputs and checked against its expected outputs. Blank: generated inputs. */
  inputsDir: string;
  /** Least top-1 agreement with the expected outputs, 0–1 (`--min-accuracy`); only with an inputs folder. */
  minAccuracy: string;
}

export type GoalErrors = Partial<Record<keyof GoalFields, string>>;

export const DEFAULT_GOAL_FIELDS: Omit<GoalFields, 'model'> = { objective: 'latency', budgetMs: '', maxError: '1e-3', memoryCapMiB: '', timeBudget: '5m', trialDurationS: '1', factors: [...FACTOR_IDS], dims: {}, inputsDir: '', minAccuracy: '' };

function positive(text: string, what: string, errors: GoalErrors, key: keyof GoalFields, allowZero = false): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) errors[key] = `${what} takes a ${allowZero ? 'non-negative' : 'positive'} number (got '${text}')`;
  return n;
}

export function goalRequest(f: GoalFields): { request?: OptimizerStart; errors: GoalErrors } {
  const errors: GoalErrors = {};
  if (f.model.trim() === '') errors.model = 'Open a model first (Run or Models), or pick a recent one';
  const latencyBudgetMs = positive(f.budgetMs, 'The latency budget', errors, 'budgetMs');
  const maxError = positive(f.maxError, 'The max output error', errors, 'maxError', true);
  const memoryCapMiB = positive(f.memoryCapMiB, 'The memory cap', errors, 'memoryCapMiB');
  const trialDurationS = positive(f.trialDurationS, 'The trial duration', errors, 'trialDurationS') ?? 1;
  const timeBudgetMs = parseDuration(f.timeBudget);
  if (timeBudgetMs === undefined) errors.timeBudget = `The time budget takes a duration such as 10m, 90s or 1h (got '${f.timeBudget}')`;
  if (f.factors.length === 0) errors.factors = 'Choose at least one factor to search';
  const inputsDir = f.inputsDir.trim() === '' ? undefined : f.inputsDir.trim();
  // As in the Run form, dims shape generated inputs only: with an inputs folder the files give the shapes.
  const dims: Record<string, number> = {};
  if (inputsDir === undefined)
    for (const [name, text] of Object.entries(f.dims)) {
      const r = DIM_KNOB.parseValue(text);
      if (r.ok) dims[name] = r.value;
      else errors.dims ??= `dim ${name} ${r.problem} (got '${text}')`;
    }
  const minAccuracy = f.minAccuracy.trim() === '' ? undefined : Number(f.minAccuracy);
  if (minAccuracy !== undefined && !(Number.isFinite(minAccuracy) && minAccuracy >= 0 && minAccuracy <= 1)) errors.minAccuracy = `The min accuracy takes a share from 0 to 1, e.g. 0.99 (got '${f.minAccuracy}')`;
  else if (minAccuracy !== undefined && inputsDir === undefined) errors.minAccuracy = 'The min accuracy needs an inputs folder: its expected outputs are the labels accuracy is counted against';
  if (Object.keys(errors).length > 0 || timeBudgetMs === undefined) return { errors };
  const all = f.factors.length === FACTOR_IDS.length;
  return {
    errors,
    request: {
      model: f.model,
      objective: f.objective,
      ...(latencyBudgetMs !== undefined ? { latencyBudgetMs } : {}),
      ...(maxError !== undefined ? { maxError } : {}),
      ...(memoryCapMiB !== undefined ? { memoryCapMiB } : {}),
      timeBudgetMs,
      ...(all ? {} : { factors: FACTOR_IDS.filter((id) => f.factors.includes(id)) }),
      trialDurationS,
      trialIterations: 100,
      warmup: 10,
      dims,
      ...(inputsDir !== undefined ? { inputsDir } : {}),
      ...(minAccuracy !== undefined ? { minAccuracy } : {}),
      rounds: 3,
      top: 2,
    },
  };
}

/** `dyno optimize` with the flags that differ from its defaults. */
export function optimizeCommandFor(r: OptimizerStart): string {
  const args = ['npx', 'dyno', 'optimize', r.model, '--objective', r.objective];
  if (r.latencyBudgetMs !== undefined) args.push('--budget-ms', String(r.latencyBudgetMs));
  if (r.maxError !== undefined && r.maxError !== 1e-3) args.push('--max-error', String(r.maxError));
  if (r.minAccuracy !== undefined) args.push('--min-accuracy', String(r.minAccuracy));
  if (r.memoryCapMiB !== undefined) args.push('--memory-cap', String(r.memoryCapMiB));
  args.push('--time-budget', `${Math.round(r.timeBudgetMs / 1000)}s`);
  if (r.trialDurationS !== 1) args.push('--trial-duration', String(r.trialDurationS));
  if (r.trialIterations !== 100) args.push('--trial-iterations', String(r.trialIterations));
  if (r.warmup !== 10) args.push('--warmup', String(r.warmup));
  for (const [name, v] of Object.entries(r.dims)) args.push('--dim', `${name}=${v}`);
  if (r.inputsDir !== undefined) args.push('--inputs', r.inputsDir);
  if (r.rounds !== 3) args.push('--rounds', String(r.rounds));
  if (r.top !== 2) args.push('--top', String(r.top));
  if (r.factors) args.push('--factors', r.factors.join(','));
  return args.map(quote).join(' ');
}

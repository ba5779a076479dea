/**
 * The optimizer wizard's goal form, pure: the text fields as typed → the `optimizer.start`
 * request, or each field's problem in words; and the same study as a `dyno optimize` command
 * line, shown live like the Run form's `dyno bench` line.
 */
import { shellQuote as quote } from '../cli-command';
import { FACTOR_IDS, type FactorId } from './factors';
import { parseDuration, type Objective } from './goal';
import type { OptimizerStart } from './study-state';

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
}

export type GoalErrors = Partial<Record<keyof GoalFields, string>>;

export const DEFAULT_GOAL_FIELDS: Omit<GoalFields, 'model'> = { objective: 'latency', budgetMs: '', maxError: '1e-3', memoryCapMiB: '', timeBudget: '5m', trialDurationS: '1', factors: [...FACTOR_IDS] };

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
      dims: {},
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
  if (r.memoryCapMiB !== undefined) args.push('--memory-cap', String(r.memoryCapMiB));
  args.push('--time-budget', `${Math.round(r.timeBudgetMs / 1000)}s`);
  if (r.trialDurationS !== 1) args.push('--trial-duration', String(r.trialDurationS));
  if (r.trialIterations !== 100) args.push('--trial-iterations', String(r.trialIterations));
  if (r.warmup !== 10) args.push('--warmup', String(r.warmup));
  for (const [name, v] of Object.entries(r.dims)) args.push('--dim', `${name}=${v}`);
  if (r.rounds !== 3) args.push('--rounds', String(r.rounds));
  if (r.top !== 2) args.push('--top', String(r.top));
  if (r.factors) args.push('--factors', r.factors.join(','));
  return args.map(quote).join(' ');
}

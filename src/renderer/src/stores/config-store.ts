/**
 * The run form. Fields are kept as typed text so a half-typed value is not lost; the parsed
 * configuration (or the first error for each field) is derived from them on every change,
 * so the form validates as the user types.
 */
import { create } from 'zustand';
import { RUN_DEFAULTS, RunConfigSchema, type RunConfig } from '../../../shared/run';

export interface ConfigFields {
  warmup: string;
  iterations: string;
  minDurationS: string;
  threads: string;
  dims: Record<string, string>;
}

export const DEFAULT_FIELDS: ConfigFields = {
  warmup: String(RUN_DEFAULTS.warmupIterations),
  iterations: String(RUN_DEFAULTS.minIterations),
  minDurationS: '1',
  threads: '0',
  dims: {},
};

export type FieldErrors = Partial<Record<keyof ConfigFields | `dim:${string}` | 'model', string>>;

function wholeNumber(text: string, min: number, label: string): number | string {
  if (!/^\d+$/.test(text.trim())) return `${label} must be a whole number`;
  const n = Number(text);
  return n < min ? `${label} must be at least ${min}` : n;
}

export function parseConfig(modelPath: string | undefined, f: ConfigFields): { config?: RunConfig; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const warmup = wholeNumber(f.warmup, 0, 'Warm-up');
  const iterations = wholeNumber(f.iterations, 1, 'Iterations');
  const threads = wholeNumber(f.threads, 0, 'Threads');
  const minDuration = Number(f.minDurationS);
  if (typeof warmup === 'string') errors.warmup = warmup;
  if (typeof iterations === 'string') errors.iterations = iterations;
  if (typeof threads === 'string') errors.threads = threads;
  if (f.minDurationS.trim() === '' || !Number.isFinite(minDuration) || minDuration < 0) errors.minDurationS = 'Minimum duration must be seconds ≥ 0';
  const dims: Record<string, number> = {};
  for (const [name, text] of Object.entries(f.dims)) {
    const v = wholeNumber(text, 1, name);
    if (typeof v === 'string') errors[`dim:${name}`] = v;
    else dims[name] = v;
  }
  if (!modelPath) errors.model = 'Choose a model';
  if (Object.keys(errors).length > 0 || !modelPath) return { errors };
  const parsed = RunConfigSchema.safeParse({
    modelPath,
    session: { intraOpThreads: threads },
    dims,
    stop: {
      warmupIterations: warmup,
      minIterations: iterations,
      minDurationMs: minDuration * 1000,
      maxIterations: Math.max(RUN_DEFAULTS.maxIterations, iterations as number),
      maxDurationMs: RUN_DEFAULTS.maxDurationMs,
    },
  });
  if (!parsed.success) return { errors: { iterations: parsed.error.issues[0]?.message ?? 'Invalid configuration' } };
  return { config: parsed.data, errors };
}

export const useRunConfig = create<{
  fields: ConfigFields;
  setField(key: Exclude<keyof ConfigFields, 'dims'>, value: string): void;
  setDim(name: string, value: string): void;
  /** Keep only the symbolic dims the newly opened model has. */
  resetDims(names: string[]): void;
}>((set) => ({
  fields: DEFAULT_FIELDS,
  setField: (key, value) => set((s) => ({ fields: { ...s.fields, [key]: value } })),
  setDim: (name, value) => set((s) => ({ fields: { ...s.fields, dims: { ...s.fields.dims, [name]: value } } })),
  resetDims: (names) =>
    set((s) => ({ fields: { ...s.fields, dims: Object.fromEntries(names.map((n) => [n, s.fields.dims[n] ?? '1'])) } })),
}));

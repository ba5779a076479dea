/**
 * The run form. Text fields are kept as typed so a half-typed value is not lost; the parsed
 * configuration (or one error per field) is derived from them on every change, so the form
 * validates as the user types. Choices (selects, checkboxes) are kept as their values.
 */
import { create } from 'zustand';
import { RUN_DEFAULTS, RunConfigSchema, type RunConfig, type SessionKnobs } from '../../../shared/run';

export interface ConfigFields {
  warmup: string;
  iterations: string;
  minDurationS: string;
  threads: string;
  interThreads: string;
  batch: string;
  seed: string;
  inputsDir: string;
  qps: string;
  latencyBudgetMs: string;
  samplesPerQuery: string;
  deviceId: string;
  telemetryIntervalMs: string;
  telemetryGpus: string;
  dims: Record<string, string>;
}

export interface ConfigChoices {
  executionProvider: SessionKnobs['executionProvider'];
  graphOptimizationLevel: SessionKnobs['graphOptimizationLevel'];
  executionMode: SessionKnobs['executionMode'];
  enableCpuMemArena: boolean;
  enableMemPattern: boolean;
  cudnnConvAlgoSearch: SessionKnobs['cuda']['cudnnConvAlgoSearch'];
  enableCudaGraph: boolean;
  inputSource: 'random' | 'zeros' | 'files';
  checkOutputs: boolean;
  scenario: RunConfig['scenario']['kind'];
  profile: boolean;
  telemetry: boolean;
}

export const DEFAULT_FIELDS: ConfigFields = {
  warmup: String(RUN_DEFAULTS.warmupIterations),
  iterations: String(RUN_DEFAULTS.minIterations),
  minDurationS: '1',
  threads: '0',
  interThreads: '0',
  batch: '',
  seed: '1',
  inputsDir: '',
  qps: '100',
  latencyBudgetMs: '50',
  samplesPerQuery: '8',
  deviceId: '0',
  telemetryIntervalMs: '100',
  telemetryGpus: '',
  dims: {},
};

export const DEFAULT_CHOICES: ConfigChoices = {
  executionProvider: 'cpu',
  graphOptimizationLevel: 'all',
  executionMode: 'sequential',
  enableCpuMemArena: true,
  enableMemPattern: true,
  cudnnConvAlgoSearch: 'EXHAUSTIVE',
  enableCudaGraph: false,
  inputSource: 'random',
  checkOutputs: false,
  scenario: 'single-stream',
  profile: false,
  telemetry: true,
};

export type TextField = Exclude<keyof ConfigFields, 'dims'>;
export type FieldErrors = Partial<Record<TextField | `dim:${string}` | 'model', string>>;

function wholeNumber(text: string, min: number, label: string): number | string {
  if (!/^\d+$/.test(text.trim())) return `${label} must be a whole number`;
  const n = Number(text);
  return n < min ? `${label} must be at least ${min}` : n;
}

function positive(text: string, label: string): number | string {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) && n > 0 ? n : `${label} must be a number > 0`;
}

export function parseConfig(
  modelPath: string | undefined,
  f: ConfigFields,
  c: ConfigChoices = DEFAULT_CHOICES,
): { config?: RunConfig; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const take = <T>(key: TextField, v: T | string): T | undefined => {
    if (typeof v === 'string') {
      errors[key] = v;
      return undefined;
    }
    return v;
  };
  const warmup = take('warmup', wholeNumber(f.warmup, 0, 'Warm-up'));
  const iterations = take('iterations', wholeNumber(f.iterations, 1, 'Iterations'));
  const threads = take('threads', wholeNumber(f.threads, 0, 'Threads'));
  const interThreads = take('interThreads', wholeNumber(f.interThreads, 0, 'Inter-op threads'));
  const deviceId = take('deviceId', wholeNumber(f.deviceId, 0, 'Device'));
  const batch = f.batch.trim() === '' ? undefined : take('batch', wholeNumber(f.batch, 1, 'Batch'));
  const minDuration = Number(f.minDurationS);
  if (f.minDurationS.trim() === '' || !Number.isFinite(minDuration) || minDuration < 0) errors.minDurationS = 'Minimum duration must be seconds ≥ 0';
  const seed = c.inputSource === 'random' ? take('seed', wholeNumber(f.seed, 0, 'Seed')) : 0;
  if (c.inputSource === 'files' && f.inputsDir.trim() === '') errors.inputsDir = 'Choose the folder with input_N.pb or NAME.npy files';
  let scenario: RunConfig['scenario'] = { kind: 'single-stream' };
  if (c.scenario === 'offline') scenario = { kind: 'offline' };
  if (c.scenario === 'server') {
    const qps = take('qps', positive(f.qps, 'Target QPS'));
    const budget = take('latencyBudgetMs', positive(f.latencyBudgetMs, 'Latency budget'));
    if (qps !== undefined && budget !== undefined) scenario = { kind: 'server', targetQps: qps, latencyBudgetMs: budget, percentile: 0.99 };
  }
  if (c.scenario === 'multi-stream') {
    const n = take('samplesPerQuery', wholeNumber(f.samplesPerQuery, 1, 'Samples per query'));
    if (n !== undefined) scenario = { kind: 'multi-stream', samplesPerQuery: n };
  }
  const interval = take('telemetryIntervalMs', wholeNumber(f.telemetryIntervalMs, 20, 'Interval'));
  if (interval !== undefined && interval > 10_000) errors.telemetryIntervalMs = 'Interval must be at most 10000 ms';
  const gpus = f.telemetryGpus.trim() === '' ? [] : f.telemetryGpus.split(',').map((g) => Number(g.trim()));
  if (gpus.some((g) => !Number.isInteger(g) || g < 0)) errors.telemetryGpus = 'GPU indices like 0,1 (blank: all)';
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
    session: {
      executionProvider: c.executionProvider,
      graphOptimizationLevel: c.graphOptimizationLevel,
      intraOpThreads: threads,
      interOpThreads: interThreads,
      executionMode: c.executionMode,
      enableCpuMemArena: c.enableCpuMemArena,
      enableMemPattern: c.enableMemPattern,
      cuda: { deviceId, cudnnConvAlgoSearch: c.cudnnConvAlgoSearch, enableCudaGraph: c.enableCudaGraph },
    },
    dims,
    ...(batch !== undefined ? { batchSize: batch } : {}),
    inputs: c.inputSource === 'files' ? { kind: 'files', dir: f.inputsDir.trim() } : c.inputSource === 'zeros' ? { kind: 'zeros' } : { kind: 'random', seed },
    checkOutputs: c.inputSource === 'files' && c.checkOutputs,
    scenario,
    profile: c.profile,
    telemetry: { enabled: c.telemetry, intervalMs: interval ?? 100, idleBaselineMs: 1000, gpus },
    stop: {
      warmupIterations: warmup,
      minIterations: iterations,
      minDurationMs: minDuration * 1000,
      maxIterations: Math.max(RUN_DEFAULTS.maxIterations, iterations ?? 0),
      maxDurationMs: RUN_DEFAULTS.maxDurationMs,
    },
  });
  if (!parsed.success) return { errors: { iterations: parsed.error.issues[0]?.message ?? 'Invalid configuration' } };
  return { config: parsed.data, errors };
}

export const useRunConfig = create<{
  fields: ConfigFields;
  choices: ConfigChoices;
  setField(key: TextField, value: string): void;
  choose<K extends keyof ConfigChoices>(key: K, value: ConfigChoices[K]): void;
  setDim(name: string, value: string): void;
  /** Keep only the symbolic dims the newly opened model has. */
  resetDims(names: string[]): void;
}>((set) => ({
  fields: DEFAULT_FIELDS,
  choices: DEFAULT_CHOICES,
  setField: (key, value) => set((s) => ({ fields: { ...s.fields, [key]: value } })),
  choose: (key, value) => set((s) => ({ choices: { ...s.choices, [key]: value } })),
  setDim: (name, value) => set((s) => ({ fields: { ...s.fields, dims: { ...s.fields.dims, [name]: value } } })),
  resetDims: (names) =>
    set((s) => ({ fields: { ...s.fields, dims: Object.fromEntries(names.map((n) => [n, s.fields.dims[n] ?? '1'])) } })),
}));

/**
 * The optimizer's factors: each a knob of the run registry (shared/knobs) it changes, the levels
 * worth trying here, or why it cannot apply. A candidate is a set of factor levels over the
 * baseline's configuration; applying one goes through the registry's own conversion
 * (knobsFromConfig → configFromKnobs), so a trial's config is what `dyno bench` with those flags
 * would run. Precision is a factor too, but its level changes the model file, which only the host
 * can write (main/optimizer/precision.ts); here it only says which levels exist.
 */
import type { RunConfig } from '../run-config';
import { configFromKnobs, knobsFromConfig } from '../knobs/knob-config';
import type { Objective } from './goal';

export type Level = string | number | boolean;
export const FACTOR_IDS = ['ep', 'optLevel', 'threads', 'executionMode', 'interThreads', 'memArena', 'memPattern', 'cudnnAlgoSearch', 'cudaGraph', 'batch', 'precision'] as const;
export type FactorId = (typeof FACTOR_IDS)[number];
/** Factor levels that differ from the baseline; an empty candidate is the baseline. */
export type Candidate = Partial<Record<FactorId, Level>>;

export const PRECISIONS = ['fp32', 'fp16', 'int8-dynamic'] as const;
export type Precision = (typeof PRECISIONS)[number];

export interface ProviderAvailability {
  name: string;
  available: boolean;
  reason?: string | undefined;
}

export interface FactorContext {
  providers: readonly ProviderAvailability[];
  logicalCores: number;
  objective: Objective;
  /** Some input has a dynamic leading dimension (a batch can apply). */
  dynamicBatch: boolean;
  /** Inputs come from a folder, which fixes their shapes. */
  inputsFromFiles: boolean;
  /** The model transforms (FP16, INT8) are built in. */
  transformAvailable: boolean;
}

export type FactorLevels = { levels: Level[] } | { skip: string };

export interface Factor {
  id: FactorId;
  label: string;
  /** The baseline's level (ONNX Runtime's default). */
  baseline: Level;
  /** Levels to try as a single change (adaptive factors, i.e. batch, grow theirs while they help). */
  levels(ctx: FactorContext): FactorLevels;
  /** Other knobs a level needs to mean anything (inter-op threads act only in parallel mode). */
  implies?: (level: Level) => Record<string, Level>;
  /**
   * The levels step one way from the baseline's, each further than the last (fewer graph
   * optimizations), so once two in a row lose to the baseline the rest are not tried.
   * Not thread counts: 1, half and all the cores step back towards ORT's default.
   */
  ordered?: true;
}

const cuda = (ctx: FactorContext): ProviderAvailability | undefined => ctx.providers.find((p) => p.name === 'cuda');
const cudaSkip = (ctx: FactorContext): string | undefined => {
  const p = cuda(ctx);
  return p?.available ? undefined : `CUDA is not available here${p?.reason ? ` (${p.reason.replace(/\.$/, '')})` : ''}`;
};

/** Thread counts worth trying: 1, half the cores, all of them (0, ORT's default, is the baseline). */
function threadLevels(cores: number): number[] {
  return [...new Set([1, Math.max(1, Math.floor(cores / 2)), cores])];
}

export const BATCH_LEVELS = [2, 4, 8, 16, 32, 64] as const;

export const FACTORS: readonly Factor[] = [
  {
    id: 'ep',
    label: 'Execution provider',
    baseline: 'cpu',
    levels: (ctx) => {
      const others = ctx.providers.filter((p) => p.name !== 'cpu');
      const usable = others.filter((p) => p.available).map((p) => p.name);
      return usable.length > 0 ? { levels: usable } : { skip: `no other provider is available (${others.map((p) => `${p.name}: ${(p.reason ?? 'unavailable').replace(/\.$/, '')}`).join('; ')})` };
    },
  },
  { id: 'optLevel', label: 'Graph optimization', baseline: 'all', levels: () => ({ levels: ['extended', 'basic', 'disabled'] }), ordered: true },
  { id: 'threads', label: 'Intra-op threads', baseline: 0, levels: (ctx) => ({ levels: threadLevels(ctx.logicalCores) }) },
  { id: 'executionMode', label: 'Execution mode', baseline: 'sequential', levels: () => ({ levels: ['parallel'] }) },
  {
    id: 'interThreads',
    label: 'Inter-op threads',
    baseline: 0,
    levels: (ctx) => (ctx.logicalCores > 1 ? { levels: [...new Set([2, ctx.logicalCores])] } : { skip: 'one core: no second operator can run beside the first' }),
    implies: () => ({ executionMode: 'parallel' }),
  },
  { id: 'memArena', label: 'CPU memory arena', baseline: true, levels: () => ({ levels: [false] }) },
  { id: 'memPattern', label: 'Memory pattern', baseline: true, levels: () => ({ levels: [false] }) },
  {
    id: 'cudnnAlgoSearch',
    label: 'cuDNN algo search',
    baseline: 'EXHAUSTIVE',
    levels: (ctx) => {
      const why = cudaSkip(ctx);
      return why ? { skip: why } : { levels: ['HEURISTIC', 'DEFAULT'] };
    },
    implies: () => ({ ep: 'cuda' }),
  },
  {
    id: 'cudaGraph',
    label: 'CUDA graph',
    baseline: false,
    levels: (ctx) => {
      const why = cudaSkip(ctx);
      return why ? { skip: why } : { levels: [true] };
    },
    implies: () => ({ ep: 'cuda' }),
  },
  {
    id: 'batch',
    label: 'Batch size',
    baseline: 1,
    levels: (ctx) => {
      if (ctx.objective === 'latency' || ctx.objective === 'p99') return { skip: 'a larger batch lengthens every request; it applies to the throughput and energy objectives' };
      if (ctx.inputsFromFiles) return { skip: 'the inputs folder fixes the batch' };
      if (!ctx.dynamicBatch) return { skip: 'no input has a dynamic leading dimension' };
      return { levels: [...BATCH_LEVELS] };
    },
  },
  {
    id: 'precision',
    label: 'Precision',
    baseline: 'fp32',
    levels: (ctx) => (ctx.transformAvailable ? { levels: ['fp16', 'int8-dynamic'] } : { skip: 'transform not available' }),
  },
];

export function factorById(id: FactorId): Factor {
  const f = FACTORS.find((x) => x.id === id);
  if (!f) throw new Error(`no factor ${id}`);
  return f;
}

/** The knob id each factor sets (batch and precision aside, the factor id is the knob id). */
const KNOB_OF: Partial<Record<FactorId, string>> = { batch: 'batch' };

/**
 * The run configuration of a candidate: the baseline's with the candidate's levels (and what they
 * imply) set through the knob registry. Precision is left to the host (it changes the model path).
 */
export function applyCandidate(base: RunConfig, candidate: Candidate, label: string | undefined): RunConfig {
  const values: Record<string, unknown> = { ...knobsFromConfig(base), label };
  for (const [id, level] of Object.entries(candidate) as [FactorId, Level][]) {
    if (id === 'precision') continue;
    for (const [knob, implied] of Object.entries(factorById(id).implies?.(level) ?? {})) if (!(knob in candidate)) values[knob] = implied;
    values[KNOB_OF[id] ?? id] = level;
  }
  const { config, errors } = configFromKnobs(base.modelPath, values, { audience: 'cli', strict: false });
  if (!config) throw new Error(`The candidate ${candidateKey(candidate)} is not a valid run: ${errors.map((e) => e.message).join('; ')}.`);
  return config;
}

/** A stable text for a candidate: its levels in factor order, e.g. "threads=1 optLevel=basic"; "baseline" when empty. */
export function candidateKey(candidate: Candidate): string {
  const parts = FACTOR_IDS.flatMap((id) => (candidate[id] === undefined ? [] : [`${id}=${String(candidate[id])}`]));
  return parts.length > 0 ? parts.join(' ') : 'baseline';
}

/** The inverse of candidateKey. */
export function parseCandidateKey(key: string): Candidate {
  if (key === 'baseline') return {};
  const out: Candidate = {};
  for (const part of key.split(' ')) {
    const [id, text] = part.split('=');
    const factor = FACTORS.find((f) => f.id === id);
    if (!factor || text === undefined) throw new Error(`not a candidate key: ${key}`);
    out[factor.id] = typeof factor.baseline === 'number' ? Number(text) : typeof factor.baseline === 'boolean' ? text === 'true' : text;
  }
  return out;
}

/** Two candidates joined; the second's levels win where both set a factor. */
export function joinCandidates(a: Candidate, b: Candidate): Candidate {
  return { ...a, ...b };
}

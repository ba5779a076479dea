/**
 * The optimizer's pure decisions: candidates become the configs `dyno bench` would run through
 * the knob registry, keys round-trip, factors that cannot apply say why, the constraints and the
 * correctness gate reject with their numbers, the combination is seeded by the singles that
 * helped, the binding constraint is the one furthest from being met at its closest miss, and
 * an interaction is flagged only when the factors' product lies outside the combination's interval.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RunConfigSchema } from '../../../src/shared/run';
import { FACTORS, FACTOR_IDS, applyCandidate, candidateKey, parseCandidateKey, type Candidate, type FactorContext } from '../../../src/shared/optimizer/factors';
import { minIterationsFor, parseDuration, scoreOf, type OptimizerGoal } from '../../../src/shared/optimizer/goal';
import { bindingConstraint, describeViolation, helpfulSingles, interacts, topCandidates, violations, type TrialFigures } from '../../../src/shared/optimizer/search';
import { benchCommandFor } from '../../../src/shared/cli-command';

const base = RunConfigSchema.parse({ modelPath: '/m/mlp.onnx', batchSize: 1, stop: { warmupIterations: 2, minIterations: 20, minDurationMs: 200, maxIterations: 1000, maxDurationMs: 10_000 } });
const ctx: FactorContext = { providers: [{ name: 'cpu', available: true }, { name: 'cuda', available: false, reason: 'CUDA provider libraries not installed.' }], logicalCores: 2, objective: 'throughput', dynamicBatch: true, inputsFromFiles: false, transformAvailable: false };
const goal: OptimizerGoal = { objective: 'latency', maxError: 1e-3, timeBudgetMs: 60_000, latencyBudgetMs: 10 };

function trial(key: string, over: Partial<TrialFigures> = {}): TrialFigures {
  return { key, candidate: parseCandidateKey(key), runId: `run-${key}`, status: 'completed', value: 5, score: 5, budgetedLatencyMs: 5, peakRssBytes: 1e6, fidelity: { maxAbsError: 0, maxRelError: 0, cosine: 1 }, ...over };
}

describe('candidates and factors', () => {
  it('applies a candidate through the knob registry, with what its levels imply', () => {
    const c = applyCandidate(base, { threads: 1, interThreads: 2, memPattern: false, batch: 4, optLevel: 'basic' }, 'optimizer · single · x');
    expect(c.session).toMatchObject({ intraOpThreads: 1, interOpThreads: 2, executionMode: 'parallel', enableMemPattern: false, graphOptimizationLevel: 'basic' });
    expect(c.batchSize).toBe(4);
    expect(c.stop).toEqual(base.stop);
    expect(benchCommandFor(c)).toContain('--threads 1 --inter-threads 2 --execution-mode parallel');
  });

  it('round-trips every candidate through its key', () => {
    const level = fc.oneof(fc.constantFrom<Candidate>({ threads: 1 }, { batch: 8 }, { memArena: false }, { optLevel: 'disabled' }, { ep: 'webgpu' }, { precision: 'fp16' }, { cudaGraph: true }));
    fc.assert(fc.property(fc.array(level, { maxLength: 6 }), (parts) => {
      const c = Object.assign({}, ...parts) as Candidate;
      expect(parseCandidateKey(candidateKey(c))).toEqual(c);
    }));
    expect(candidateKey({})).toBe('baseline');
  });

  it('says why a factor cannot apply', () => {
    const plan = Object.fromEntries(FACTORS.map((f) => [f.id, f.levels(ctx)]));
    expect(plan.ep).toEqual({ skip: 'no other provider is available (cuda: CUDA provider libraries not installed)' });
    expect(plan.cudaGraph).toEqual({ skip: 'CUDA is not available here (CUDA provider libraries not installed)' });
    expect(plan.precision).toEqual({ skip: 'transform not available' });
    expect(plan.threads).toEqual({ levels: [1, 2] });
    expect(FACTORS.find((f) => f.id === 'batch')?.levels({ ...ctx, objective: 'p99' })).toHaveProperty('skip');
    expect(FACTORS.find((f) => f.id === 'batch')?.levels({ ...ctx, dynamicBatch: false })).toEqual({ skip: 'no input has a dynamic leading dimension' });
    expect(FACTORS.find((f) => f.id === 'precision')?.levels({ ...ctx, transformAvailable: true })).toEqual({ levels: ['fp16', 'int8-dynamic'] });
    expect(FACTORS.map((f) => f.id)).toEqual([...FACTOR_IDS]);
  });
});

describe('goal', () => {
  it('reads durations and the iterations a percentile needs', () => {
    expect([parseDuration('10m'), parseDuration('90s'), parseDuration('1h'), parseDuration('2500ms'), parseDuration('30'), parseDuration('soon'), parseDuration('0s')]).toEqual([600_000, 90_000, 3_600_000, 2500, 30_000, undefined, undefined]);
    expect(minIterationsFor('p99')).toBe(662);
    expect(minIterationsFor('latency')).toBe(100);
    expect(scoreOf(200, 'throughput')).toBeLessThan(scoreOf(100, 'throughput'));
    expect(scoreOf(2, 'latency')).toBeLessThan(scoreOf(3, 'latency'));
  });
});

describe('constraints and the correctness gate', () => {
  it('rejects with the numbers: latency budget, memory cap, output error against the baseline and the expected outputs', () => {
    const t = trial('threads=1', { budgetedLatencyMs: 12.5, peakRssBytes: 300 * 2 ** 20, fidelity: { maxAbsError: 0.02, maxRelError: 0.1, cosine: 0.99, vsExpected: { maxAbsError: 0.05, maxRelError: 0.2, cosine: 0.98 } } });
    const v = violations(t, { ...goal, memoryCapBytes: 256 * 2 ** 20 }, 0.01);
    expect(v.map(describeViolation)).toEqual([
      'latency budget: 12.50 ms is over the limit 10.00 ms by 2.500 ms (25.0 %)',
      'memory cap: 300.0 MiB is over the limit 256.0 MiB by 44.0 MiB (17.2 %)',
      'max output error: 2.00e-2 is over the limit 1.00e-3 by 1.90e-2 (1900.0 %)',
      'max output error against the expected outputs: 5.00e-2 is over the limit 1.00e-2 by 4.00e-2 (400.0 %)',
    ]);
    expect(violations(trial('threads=2'), goal)).toEqual([]);
  });

  it('names the binding constraint by its closest miss', () => {
    const trials = [trial('baseline', { budgetedLatencyMs: 20 }), trial('threads=1', { budgetedLatencyMs: 11 }), trial('memArena=false', { budgetedLatencyMs: 9, fidelity: { maxAbsError: 0.5, maxRelError: 1, cosine: 0.5 } })];
    const b = bindingConstraint(trials, goal);
    // The error constraint is missed by ×500 at best, the budget by 1.1× at best: the error binds.
    expect(b?.violation.constraint).toBe('max output error');
    expect(b?.key).toBe('memArena=false');
    expect(bindingConstraint(trials.slice(0, 2), goal)).toMatchObject({ key: 'threads=1', violation: { constraint: 'latency budget', value: 11, limit: 10 } });
  });
});

describe('search', () => {
  const singles = [
    trial('threads=1', { score: 4 }),
    trial('threads=2', { score: 3 }),
    trial('optLevel=basic', { score: 6 }),
    trial('memArena=false', { score: 2, rejected: 'max output error: …' }),
    trial('batch=4', { score: 1, status: 'failed' }),
    trial('memPattern=false', { score: 4.5 }),
  ];
  it('seeds the combination with each factor best level that helped and was not rejected, best first', () => {
    expect(helpfulSingles(singles, 5)).toEqual([
      { factor: 'threads', level: 2, score: 3 },
      { factor: 'memPattern', level: false, score: 4.5 },
    ]);
  });
  it('re-measures the best eligible candidates, never the baseline', () => {
    expect(topCandidates([trial('baseline', { score: 0.1 }), ...singles], 2, 5).map((t) => t.key)).toEqual(['threads=2', 'threads=1']);
  });
  it('re-measures only candidates that beat the baseline: none when every one lost', () => {
    expect(topCandidates(singles, 3, 5).map((t) => t.key)).toEqual(['threads=2', 'threads=1', 'memPattern=false']);
    expect(topCandidates(singles, 3, 3.5).map((t) => t.key)).toEqual(['threads=2']);
    expect(topCandidates(singles, 3, 2.5)).toEqual([]);
  });
  it('flags an interaction only when the product of gains alone lies outside the combined interval', () => {
    const alone = [{ gain: 1.5, ciLow: 1.2, ciHigh: 1.8 }, { gain: 1.2, ciLow: 1.0, ciHigh: 1.4 }];
    expect(interacts(alone, { gain: 1.75, ciLow: 1.6, ciHigh: 1.9 })).toEqual({ predicted: 1.5 * 1.2, interaction: false });
    expect(interacts(alone, { gain: 1.2, ciLow: 1.1, ciHigh: 1.3 })).toEqual({ predicted: 1.5 * 1.2, interaction: true });
    expect(interacts(alone, { gain: 1.2, ciLow: null, ciHigh: null }).interaction).toBe(false);
  });
});

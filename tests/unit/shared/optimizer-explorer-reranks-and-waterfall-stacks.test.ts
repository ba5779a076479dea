/**
 * The Pareto explorer's re-ranking (pure, so a slider re-ranks the stored candidates with no
 * re-run) and the waterfall's bars, on hand-built results whose answers are known.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dominates, explorerCandidates, rerank, type ExplorerCandidate } from '../../../src/shared/optimizer/explorer';
import { ratioAxis, waterfallBars } from '../../../src/shared/optimizer/waterfall';
import type { OptimizeResult } from '../../../src/shared/optimizer/study-state';
import { RunConfigSchema } from '../../../src/shared/run';

const config = RunConfigSchema.parse({ modelPath: '/m.onnx', stop: { warmupIterations: 1, minIterations: 10, maxIterations: 100, minDurationMs: 0, maxDurationMs: 1000 } });
const figures = (p50Ms: number, throughputPerS: number, peakRssBytes = 100 * 2 ** 20) => ({ value: p50Ms, unit: 'ms', p50Ms, p99Ms: p50Ms * 2, throughputPerS, energyPerInferenceMj: null, peakRssBytes });
const fidelity = (maxAbsError: number) => ({ maxAbsError, maxRelError: maxAbsError, cosine: 1 });
const trial = (candidate: string, runId: string, f: ReturnType<typeof figures> | null, err: number | null, status = 'completed', phase = 'single') => ({
  runId, phase, candidate, status, reused: false, config, figures: f, fidelity: err === null ? null : fidelity(err), verdict: null, rejected: status === 'completed' ? null : 'failed: provider crashed',
});

const result: Pick<OptimizeResult, 'baseline' | 'trials'> = {
  baseline: { runId: 'b', config, figures: figures(10, 100), fidelity: null },
  trials: [
    trial('threads=1', 't1', figures(12, 83), 1e-6),
    trial('threads=2', 't2', figures(6, 160, 300 * 2 ** 20), 1e-6),
    trial('precision=int8-dynamic', 'q', figures(4, 250), 3e-3),
    trial('ep=webgpu', 'w', null, null, 'failed'),
    trial('threads=2', 't2b', figures(8, 125, 300 * 2 ** 20), 1e-6, 'completed', 're-measure r1'),
    trial('threads=2', 't2c', figures(7, 140, 300 * 2 ** 20), 1e-6, 'completed', 're-measure r2'),
  ],
};

describe('explorer candidates', () => {
  it('groups a candidate measured several times at the median of its runs, the baseline at zero error', () => {
    const c = explorerCandidates(result);
    expect(c.map((x) => x.key)).toEqual(['baseline', 'threads=1', 'threads=2', 'precision=int8-dynamic', 'ep=webgpu']);
    const t2 = c.find((x) => x.key === 'threads=2');
    expect(t2?.runIds).toEqual(['t2', 't2b', 't2c']);
    expect(t2?.p50Ms).toBe(7);
    expect(t2?.throughputPerS).toBe(140);
    expect(c[0]?.maxAbsError).toBe(0);
    expect(c.find((x) => x.key === 'ep=webgpu')?.failed).toBe('failed: provider crashed');
  });
});

describe('rerank', () => {
  const c = explorerCandidates(result);

  it('with no limits, the best by the objective wins, failed trials are out with their reason', () => {
    const r = rerank(c, 'latency', {});
    expect(r.best?.key).toBe('precision=int8-dynamic');
    expect(r.ranked.map((x) => x.key)).toEqual(['precision=int8-dynamic', 'threads=2', 'baseline', 'threads=1', 'ep=webgpu']);
    expect(r.ranked.at(-1)?.reasons).toEqual(['failed: failed: provider crashed']);
  });

  it('a max error slider puts INT8 out with its numbers, and the next best wins', () => {
    const r = rerank(c, 'latency', { maxError: 1e-3 });
    expect(r.best?.key).toBe('threads=2');
    expect(r.ranked.find((x) => x.key === 'precision=int8-dynamic')?.reasons).toEqual(['max output error 3.00e-3 is over 1.00e-3']);
  });

  it('a memory cap and a latency budget each name the figure and the limit', () => {
    const r = rerank(c, 'latency', { maxError: 1e-3, memoryCapBytes: 200 * 2 ** 20, latencyBudgetMs: 11 });
    expect(r.best?.key).toBe('baseline');
    expect(r.ranked.find((x) => x.key === 'threads=2')?.reasons).toEqual(['peak memory 300.0 MiB is over the cap 200.0 MiB']);
    expect(r.ranked.find((x) => x.key === 'threads=1')?.reasons).toEqual(['p50 12.0 ms is over the latency budget 11.0 ms']);
  });

  it('the p99 objective judges the budget on the p99; throughput ranks highest first and a minimum throughput applies', () => {
    expect(rerank(c, 'p99', { latencyBudgetMs: 15 }).ranked.find((x) => x.key === 'threads=2')?.eligible).toBe(true);
    expect(rerank(c, 'p99', { latencyBudgetMs: 13 }).ranked.find((x) => x.key === 'threads=2')?.reasons).toEqual(['p99 14.0 ms is over the latency budget 13.0 ms']);
    const t = rerank(c, 'throughput', { minThroughputPerS: 120 });
    expect(t.best?.key).toBe('precision=int8-dynamic');
    expect(t.ranked.filter((x) => x.eligible).map((x) => x.key)).toEqual(['precision=int8-dynamic', 'threads=2']);
    expect(t.ranked.find((x) => x.key === 'baseline')?.reasons).toEqual(['throughput 100.0/s is under the minimum 120.0/s']);
  });

  it('an energy objective with no energy figures recommends nothing and says why', () => {
    const r = rerank(c, 'energy', {});
    expect(r.best).toBeUndefined();
    expect(r.ranked[0]?.reasons).toContain('no energy per inference figure');
  });

  it('the front holds exactly the eligible candidates no other eligible one dominates', () => {
    const r = rerank(c, 'latency', { maxError: 1e-3 });
    // threads=2 beats threads=1 on latency and throughput at the same error; the baseline stays on the front by its zero error.
    expect(r.ranked.filter((x) => x.front).map((x) => x.key).sort()).toEqual(['baseline', 'threads=2']);
    expect(rerank(c, 'latency', {}).ranked.filter((x) => x.front).map((x) => x.key).sort()).toEqual(['baseline', 'precision=int8-dynamic', 'threads=2']);
  });

  it('property: the best is eligible and no eligible candidate beats it; the front is non-dominated and non-empty', () => {
    const cand = fc.record({
      p50Ms: fc.double({ min: 0.1, max: 100, noNaN: true }),
      throughputPerS: fc.double({ min: 1, max: 1000, noNaN: true }),
      peakRssBytes: fc.integer({ min: 1, max: 1000 }),
      maxAbsError: fc.double({ min: 0, max: 1e-2, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(cand, { minLength: 1, maxLength: 12 }), fc.option(fc.double({ min: 0, max: 1e-2, noNaN: true }), { nil: undefined }), (xs, maxError) => {
        const cs: ExplorerCandidate[] = xs.map((x, i) => ({ key: `c${i}`, runIds: [`r${i}`], failed: null, p99Ms: x.p50Ms, energyPerInferenceMj: null, ...x }));
        const r = rerank(cs, 'latency', { maxError });
        const eligible = r.ranked.filter((x) => x.eligible);
        if (eligible.length === 0) return r.best === undefined;
        const best = r.best as NonNullable<typeof r.best>;
        const front = eligible.filter((x) => x.front);
        return best.eligible && eligible.every((x) => (x.p50Ms as number) >= (best.p50Ms as number)) && front.length > 0 && front.every((f) => !eligible.some((o) => dominates(o, f)));
      }),
    );
  });
});

describe('waterfallBars', () => {
  it('stacks each factor from where the last ended, then the prediction and the re-measured combination', () => {
    const bars = waterfallBars([
      { factor: 'threads', level: 2, gain: 1.5, ciLow: 1.4, ciHigh: 1.6, runId: 't2' },
      { factor: 'optLevel', level: 'extended', gain: 1.2, ciLow: 1.1, ciHigh: 1.3, runId: 'o' },
      { factor: 'combined', level: null, gain: 1.3, ciLow: 1.25, ciHigh: 1.35, runId: null, predicted: 1.8, interaction: true },
    ]);
    expect(bars.map((b) => [b.kind, b.label])).toEqual([
      ['factor', 'threads=2'],
      ['factor', 'optLevel=extended'],
      ['predicted', 'factors alone, multiplied'],
      ['combined', 'combined, re-measured (factors interact)'],
    ]);
    expect(bars[0]).toMatchObject({ from: 1, to: 1.5, ciLow: 1.4, ciHigh: 1.6, runId: 't2' });
    expect(bars[1]?.from).toBe(1.5);
    expect(bars[1]?.to).toBeCloseTo(1.8, 12);
    expect(bars[2]).toMatchObject({ from: 1, to: 1.8, interaction: false });
    expect(bars[3]).toMatchObject({ from: 1, to: 1.3, interaction: true, ciLow: 1.25 });
  });

  it('gains that add up are not flagged; a factor without a verdict adds nothing; no attribution, no bars', () => {
    const bars = waterfallBars([
      { factor: 'threads', level: 2, gain: null, ciLow: null, ciHigh: null, runId: null },
      { factor: 'combined', level: null, gain: 1.1, ciLow: 1.0, ciHigh: 1.2, runId: null, predicted: 1, interaction: false },
    ]);
    expect(bars[0]).toMatchObject({ from: 1, to: 1 });
    expect(bars.at(-1)).toMatchObject({ label: 'combined, re-measured', interaction: false });
    expect(waterfallBars([])).toEqual([]);
  });
});

describe('ratioAxis (the waterfall\'s log axis)', () => {
  it('holds every value, ticks at powers of two, and names them as ratios', () => {
    const a = ratioAxis([1, 1.6, 0.8, 12]);
    expect(10 ** a.range[0]).toBeLessThan(0.8);
    expect(10 ** a.range[1]).toBeGreaterThan(12);
    expect(a.tickvals).toEqual([1, 2, 4, 8, 16]);
    expect(a.ticktext).toEqual(['1×', '2×', '4×', '8×', '16×']);
    expect(ratioAxis([0.3, 1, 2.5]).ticktext).toEqual(['0.25×', '0.5×', '1×', '2×']);
  });
  it('thins ticks over a wide range and marks the ends of a narrow one', () => {
    expect(ratioAxis([1, 200]).tickvals.length).toBeLessThanOrEqual(8);
    expect(ratioAxis([1, 1.05, 0.97]).ticktext).toEqual(['0.97×', '1×', '1.05×']);
  });
});

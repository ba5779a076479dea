/**
 * The comparison's verdicts on synthetic runs whose truth is known: identical configurations
 * (A/A) must not read faster or slower in at least 95 % of repeated comparisons, at every level
 * of evidence; a real change must be found; a real but tiny change reads "no meaningful
 * difference"; and each side's evidence is named.
 */
import { describe, expect, it } from 'vitest';
import { compareSides } from '../../../src/shared/compare/compare-sides';
import { runToRunFromMedians } from '../../../src/shared/compare/run-to-run';
import type { CompareVerdict } from '../../../src/shared/compare/schema';
import { syntheticLatencies, syntheticRun, type SyntheticRunSpec } from '../../helpers/synthetic-runs';
import { quantileSorted, sortedCopy } from '../../../src/shared/stats';
import { ENVIRONMENT } from '../../helpers/hand-made-runs';
import { mulberry32, standardNormal } from '../../../src/shared/random';

// A machine like the 2-core test VM: run medians move by ~10 % (log sd) from run to run.
const RUN_SIGMA = 0.1;
const side = (prefix: string, n: number, seed: number, extra: Partial<SyntheticRunSpec> = {}) =>
  Array.from({ length: n }, (_, i) => syntheticRun({ id: `${prefix}${i}`, medianMs: 10, runSigma: RUN_SIGMA, iterations: 100, seed: seed + i, ...extra }));
const called = (v: CompareVerdict): boolean => v === 'faster' || v === 'slower';

describe('A/A: the same configuration never reads faster or slower (≥ 95 %)', { timeout: 60_000 }, () => {
  it('single runs, with the default run-to-run band', () => {
    const trials = 200;
    let calls = 0;
    for (let t = 0; t < trials; t++) {
      const c = compareSides([side('a', 1, 10_000 + 2 * t), side('b', 1, 10_001 + 2 * t)]);
      if (called(c.runs[0]?.verdict ?? 'inconclusive')) calls++;
    }
    expect(calls / trials).toBeLessThanOrEqual(0.05);
  });

  it("single runs, with the band estimated from five stored runs of that machine", () => {
    const trials = 200;
    let calls = 0;
    for (let t = 0; t < trials; t++) {
      const stored = side('s', 5, 50_000 + 10 * t, { iterations: 100 }).map((r) => r.median.valueMs);
      const band = runToRunFromMedians(stored);
      const c = compareSides([side('a', 1, 90_000 + 2 * t), side('b', 1, 90_001 + 2 * t)], { runToRun: () => band });
      expect(c.runs[0]?.evidence.runToRun?.source).toBe('stored-runs');
      if (called(c.runs[0]?.verdict ?? 'inconclusive')) calls++;
    }
    expect(calls / trials).toBeLessThanOrEqual(0.05);
  });

  it('…whereas a test over the iterations of the same pairs calls most of them significant', () => {
    let significant = 0;
    for (let t = 0; t < 100; t++) {
      const c = compareSides([side('a', 1, 10_000 + 2 * t), side('b', 1, 10_001 + 2 * t)]);
      if ((c.runs[0]?.evidence.iterationPValue ?? 1) < 0.05) significant++;
    }
    expect(significant).toBeGreaterThan(50);
  });

  it('repeated runs, 5 a side (Mann-Whitney over per-run medians)', () => {
    const trials = 200;
    let calls = 0;
    for (let t = 0; t < trials; t++) {
      const c = compareSides([side('a', 5, 200_000 + 10 * t, { iterations: 100 }), side('b', 5, 300_000 + 10 * t, { iterations: 100 })]);
      expect(c.runs[0]?.evidence.level).toBe('repeated-runs');
      if (called(c.runs[0]?.verdict ?? 'inconclusive')) calls++;
    }
    expect(calls / trials).toBeLessThanOrEqual(0.05);
  });

  it('interleaved rounds, 5 rounds (paired t on log ratios)', () => {
    // Interleaving's premise: both runs of a round share the machine's drift (here ~10 % from
    // round to round), with 3 % of each run's own on top. The paired 95 % interval then errs in
    // under 5 % of A/A comparisons by construction, and the 1 % threshold takes a little more off.
    const trials = 600;
    let calls = 0;
    for (let t = 0; t < trials; t++) {
      const u = mulberry32(t);
      const drifts = Array.from({ length: 5 }, () => Math.exp(0.1 * standardNormal(u)));
      const rounds = (prefix: string, seed: number) => drifts.map((d, i) => syntheticRun({ id: `${prefix}${i}`, medianMs: 10 * d, runSigma: 0.03, iterations: 50, seed: seed + i }));
      const c = compareSides([rounds('a', 400_000 + 10 * t), rounds('b', 500_000 + 10 * t)], { paired: true });
      expect(c.runs[0]?.evidence.level).toBe('interleaved');
      if (called(c.runs[0]?.verdict ?? 'inconclusive')) calls++;
    }
    expect(calls / trials).toBeLessThanOrEqual(0.05);
  });
});

describe('real differences', () => {
  it('twice as slow is "slower" even from single runs, with the CI widened by the band', () => {
    const c = compareSides([side('a', 1, 1), side('b', 1, 2, { medianMs: 20 })]);
    const r = c.runs[0];
    expect(r?.verdict).toBe('slower');
    expect(r?.ratio).toBeGreaterThan(1.5);
    expect(r?.evidence.level).toBe('single-runs');
    expect(r?.evidence.runToRun).toEqual({ band: 0.3, source: 'default', runs: 0 });
    // The judged interval is the within-run bootstrap ÷/× 1.3.
    expect(r?.ciLow).toBeCloseTo((r?.evidence.withinRunCiLow ?? 0) / 1.3, 12);
    expect(r?.ciHigh).toBeCloseTo((r?.evidence.withinRunCiHigh ?? 0) * 1.3, 12);
    expect(r?.sentence).toMatch(/^run b0 is \d\.\d\d× slower than run a0 \(95 % CI \d\.\d\d–\d\.\d\d\)$/);
    expect(r?.pValue).toBeNull();
  });

  it('a 10 % change from single runs is inconclusive, and says why', () => {
    const c = compareSides([side('a', 1, 1, { runSigma: 0 }), side('b', 1, 2, { medianMs: 11, runSigma: 0 })]);
    const r = c.runs[0];
    expect(r?.verdict).toBe('inconclusive');
    expect(r?.reason).toBe('one run a side cannot tell this from run-to-run variation (±30 % by default): repeat the runs or use --rerun');
    expect(r?.sentence).toContain('inconclusive');
  });

  it("a run that drifted 2× between its own windows widens the band: 1.6× is then inconclusive", () => {
    const quiet = compareSides([side('a', 1, 1, { runSigma: 0 }), side('b', 1, 2, { medianMs: 16, runSigma: 0 })]);
    expect(quiet.runs[0]?.verdict).toBe('slower');
    const drifting = compareSides([side('a', 1, 1, { runSigma: 0, windowMediansMs: [20, 11, 10] }), side('b', 1, 2, { medianMs: 16, runSigma: 0 })]);
    const r = drifting.runs[0];
    expect(r?.evidence.runToRun).toEqual({ band: 1, source: 'run-drift', runs: 2 });
    expect(r?.verdict).toBe('inconclusive');
    expect(r?.reason).toBe("one run a side cannot tell this from run-to-run variation (±100 % from the runs' own drift): repeat the runs or use --rerun");
  });

  it('faster reads as the inverse factor with the interval inverted', () => {
    const c = compareSides([side('a', 1, 1, { medianMs: 20 }), side('b', 1, 2)]);
    const r = c.runs[0];
    expect(r?.verdict).toBe('faster');
    const m = /is (\d\.\d\d)× faster than run a0 \(95 % CI (\d\.\d\d)–(\d\.\d\d)\)/.exec(r?.sentence ?? '');
    expect(m).not.toBeNull();
    expect(Number(m?.[1])).toBeCloseTo(1 / (r?.ratio ?? 1), 2);
    expect(Number(m?.[2])).toBeCloseTo(1 / (r?.ciHigh ?? 1), 2);
    expect(Number(m?.[3])).toBeCloseTo(1 / (r?.ciLow ?? 1), 2);
  });

  it('interleaved rounds find a 1.6× change every time, with 3 rounds', () => {
    // The machine drifts by ~10 % from round to round; both runs of a round share the drift,
    // with 3 % of their own on top.
    const drift = (t: number, i: number) => Math.exp(0.1 * Math.sin(7 * t + 3 * i));
    const rounds = (prefix: string, medianMs: number, t: number) =>
      Array.from({ length: 3 }, (_, i) => syntheticRun({ id: `${prefix}${i}`, medianMs: medianMs * drift(t, i), runSigma: 0.03, iterations: 100, seed: 600_000 + 100 * t + 10 * i + prefix.length }));
    for (let t = 0; t < 50; t++) {
      const c = compareSides([rounds('a', 10, t), rounds('bb', 16, t)], { paired: true });
      expect(c.runs[0]?.verdict).toBe('slower');
      expect(c.runs[0]?.pValue).toBeLessThan(0.05);
    }
  });

  it('a real but 0.3 % difference between runs measured tightly reads "no meaningful difference"', () => {
    // Ten rounds, no run-to-run noise, 2,000 iterations each: the shift is real and resolved.
    const a = Array.from({ length: 10 }, (_, i) => syntheticRun({ id: `a${i}`, medianMs: 10, iterationSigma: 0.01, iterations: 2000, seed: 800 + i }));
    const b = Array.from({ length: 10 }, (_, i) => syntheticRun({ id: `b${i}`, medianMs: 10.03, iterationSigma: 0.01, iterations: 2000, seed: 900 + i }));
    const c = compareSides([a, b], { paired: true });
    const r = c.runs[0];
    expect(r?.ciLow).toBeGreaterThan(1);
    expect(r?.verdict).toBe('no meaningful difference');
    expect(r?.sentence).toMatch(/no meaningful difference \(within ±1\.0 %\)/);
    // With the threshold at 0.1 % the same data is "slower".
    expect(compareSides([a, b], { paired: true, threshold: 0.001 }).runs[0]?.verdict).toBe('slower');
  });
});

describe('evidence and support', () => {
  it('3 runs against 3 is "not enough samples": Mann-Whitney cannot reach p < 0.05', () => {
    const c = compareSides([side('a', 3, 1), side('b', 3, 20, { medianMs: 30 })]);
    expect(c.runs[0]?.verdict).toBe('not enough samples');
    expect(c.runs[0]?.reason).toMatch(/best is p = 0\.100/);
  });

  it('5 runs against 5 with a real change: slower, p from Mann-Whitney over per-run medians', () => {
    const c = compareSides([side('a', 5, 1), side('b', 5, 20, { medianMs: 20 })]);
    const r = c.runs[0];
    expect(r?.verdict).toBe('slower');
    expect(r?.pValue).toBeCloseTo(2 / 252, 12); // complete separation: 2 / C(10, 5)
    expect(r?.metrics.find((m) => m.metric === 'median')?.test).toBe('mann-whitney-u');
  });

  it('p90 and p99 appear only where both runs support them; energy only where both measured it', () => {
    const small = compareSides([side('a', 1, 1, { iterations: 100 }), side('b', 1, 2, { iterations: 100 })]);
    expect(small.runs[0]?.metrics.map((m) => m.metric)).toEqual(['median', 'throughput', 'p90']);
    const big = compareSides([side('a', 1, 1, { iterations: 700 }), side('b', 1, 2, { iterations: 700 })]);
    expect(big.runs[0]?.metrics.map((m) => m.metric)).toEqual(['median', 'throughput', 'p90', 'p99']);
  });

  it('a run of five iterations has not enough samples for a median verdict', () => {
    const c = compareSides([side('a', 1, 1, { iterations: 5 }), side('b', 1, 2, { iterations: 5 })]);
    expect(c.runs[0]?.verdict).toBe('not enough samples');
  });

  it('a run file (summary, no samples) is judged from its order-statistic intervals', () => {
    const c = compareSides([side('a', 1, 1, { withSamples: false }), side('b', 1, 2, { medianMs: 20, withSamples: false })]);
    const r = c.runs[0];
    expect(r?.verdict).toBe('slower');
    expect(r?.evidence.iterationPValue).toBeNull();
    expect(r?.welch.pValue).toBeNull();
  });

  it('the ratio is B ÷ A of the medians, and the median entry is the headline', () => {
    const a = syntheticRun({ id: 'a', medianMs: 10, seed: 1 });
    const b = syntheticRun({ id: 'b', medianMs: 10, seed: 2 });
    const c = compareSides([[a], [b]]);
    const r = c.runs[0];
    const median = (id: string) => quantileSorted(sortedCopy(syntheticLatencies({ id, medianMs: 10, seed: id === 'a' ? 1 : 2 })), 0.5);
    expect(r?.ratio).toBeCloseTo(median('b') / median('a'), 12);
    expect(r?.metrics[0]?.ratio).toBe(r?.ratio);
    expect(c.baseline).toBe('a');
  });
});

describe('differences and warnings', () => {
  it('lists only the settings that differ, by the run form’s label and flag', () => {
    const c = compareSides([side('a', 1, 1, { config: { session: { intraOpThreads: 1 } } }), side('b', 1, 2, { config: { session: { intraOpThreads: 2 }, batchSize: 4 } })]);
    expect(c.runs[0]?.configDiff).toEqual([
      { path: 'session.intraOpThreads', setting: 'Intra-op threads', flag: '--threads', baseline: '1', value: '2' },
      { path: 'batchSize', setting: 'Batch size', flag: '--batch', baseline: '(unset)', value: '4' },
    ]);
  });

  it('different models are compared with a warning', () => {
    const c = compareSides([side('a', 1, 1), side('b', 1, 2, { modelName: 'other.onnx' })]);
    expect(c.warnings[0]).toMatch(/2 different models \(tiny\.onnx, other\.onnx\)/);
    expect(c.runs[0]?.warnings[0]).toMatch(/ran another model \(other\.onnx\)/);
  });

  it('a different fingerprint is listed and warned about', () => {
    const c = compareSides([side('a', 1, 1), side('b', 1, 2, { environment: { ...ENVIRONMENT, ortVersion: '1.31.0' } })]);
    expect(c.runs[0]?.fingerprintDifferences).toEqual(['ONNX Runtime: "1.30.0" vs "1.31.0"']);
    expect(c.runs[0]?.warnings.some((w) => w.includes('different environment'))).toBe(true);
  });

  it('another program on the GPU is a fingerprint difference; its process id alone is not', () => {
    const busy = { ...ENVIRONMENT, gpuProcesses: [{ gpu: 0, pid: 4242, name: 'python3', usedMemoryMiB: 2000 }] };
    const c = compareSides([side('a', 1, 1), side('b', 1, 2, { environment: busy })]);
    expect(c.runs[0]?.fingerprintDifferences).toEqual(['other processes on the GPUs: [] vs ["GPU 0: python3"]']);
    const again = compareSides([side('a', 1, 1, { environment: busy }), side('b', 1, 2, { environment: { ...busy, gpuProcesses: [{ gpu: 0, pid: 99, name: 'python3', usedMemoryMiB: 1 }] } })]);
    expect(again.runs[0]?.fingerprintDifferences).toEqual([]);
  });

  it('conditions that differ (live drawing, threads, a busy neighbour) are listed and warned about; unrecorded ones are not a difference', () => {
    const quiet = { display: 'none' as const, workerCores: 2, machineCores: 2, intraOpThreads: 2, busyProcesses: [] };
    const drawn = { ...quiet, display: 'live-charts' as const, busyProcesses: [{ pid: 7, name: 'chromium', cpuPct: 35 }] };
    const c = compareSides([side('a', 1, 1, { conditions: quiet }), side('b', 1, 2, { conditions: drawn })]);
    expect(c.runs[0]?.conditionDifferences).toEqual(['Live drawing: none vs live-charts', 'Other busy processes: none busy vs chromium 35%']);
    expect(c.runs[0]?.warnings.some((w) => w.includes('measured under other conditions than the baseline (Live drawing: none vs live-charts'))).toBe(true);
    const same = compareSides([side('a', 1, 1, { conditions: quiet }), side('b', 1, 2, { conditions: quiet })]);
    expect(same.runs[0]?.conditionDifferences).toEqual([]);
    expect(same.runs[0]?.warnings.some((w) => w.includes('other conditions'))).toBe(false);
    const unknown = compareSides([side('a', 1, 1), side('b', 1, 2, { conditions: drawn })]);
    expect(unknown.runs[0]?.conditionDifferences).toEqual([]);
  });
});

/**
 * Targets (`--target 'p99<=15ms'`): the parser reads metric, comparison, number and unit into
 * base units with one clear error for anything else; the judge passes a target only when the
 * figure's whole 95 % interval is within the limit, fails it only when the whole interval is
 * beyond, and otherwise says not enough samples.
 */
import { describe, expect, it } from 'vitest';
import { parseTarget, parseTargetFields, TargetParseError } from '../../../src/shared/targets/parse';
import { judgeTarget, withTargets } from '../../../src/shared/targets/judge';
import { judgeSides, overallOutcome, sideTargetsMarkdown, sideTargetsText } from '../../../src/shared/targets/sides';
import { runToJson } from '../../../src/shared/run-json-from-run';
import { RunSchema } from '../../../src/shared/run';
import { summarizeLatencies } from '../../../src/shared/stats';
import { ENVIRONMENT, HAND_MADE_RUNS } from '../../helpers/hand-made-runs';

describe('parsing a target', () => {
  it('reads each metric with its units, into ms, /s, mJ and bytes', () => {
    expect(parseTarget('p99<=15ms')).toEqual({ metric: 'p99', op: '<=', limit: 15, text: 'p99 ≤ 15 ms' });
    expect(parseTarget('median < 800 us')).toMatchObject({ metric: 'p50', op: '<=', limit: 0.8 });
    expect(parseTarget('p90 ≤ 1.5s').limit).toBe(1500);
    expect(parseTarget('throughput>=500/s')).toMatchObject({ metric: 'throughput', op: '>=', limit: 500 });
    expect(parseTarget('throughput >= 2.5k/s').limit).toBe(2500);
    expect(parseTarget('energy<=2J/inference')).toMatchObject({ metric: 'energy', limit: 2000 });
    expect(parseTarget('energy<=40mJ').limit).toBe(40);
    expect(parseTarget('memory<=512MiB').limit).toBe(512 * 1024 ** 2);
  });

  it("reads the run form's fields: blank ones ignored, each bad one named by its index, in the UI's words", () => {
    const r = parseTargetFields(['p99<=15ms', '  ', 'p99 15ms', 'energy<=2J']);
    expect(r.targets.map((t) => t.text)).toEqual(['p99 ≤ 15 ms', 'energy ≤ 2 J']);
    expect(r.errors).toEqual({ 2: "'p99 15ms' is not a target: give a metric, <= or >=, and a value with its unit (e.g. 'p99<=15ms', 'throughput>=500/s', 'energy<=2J', 'memory<=512MiB')." });
  });

  it('refuses what is not a target, saying what one looks like', () => {
    expect(() => parseTarget('p99 15ms')).toThrow(new TargetParseError("--target 'p99 15ms' is not a target: give a metric, <= or >=, and a value with its unit (e.g. 'p99<=15ms', 'throughput>=500/s', 'energy<=2J', 'memory<=512MiB')."));
    expect(() => parseTarget('p95<=3ms')).toThrow("'p95' is not a metric a target can hold (p50, p90, p99, throughput, energy, memory, median)");
    expect(() => parseTarget('p99<=15MiB')).toThrow('p99 takes a unit of ns, us, µs, ms, s.');
  });
});

function runOf(latencies: number[], id = 'r-many') {
  const base = HAND_MADE_RUNS['completed on a GPU with energy'];
  if (base?.status !== 'completed') throw new Error('fixture');
  return runToJson(RunSchema.parse({ ...base, id, stats: summarizeLatencies(latencies, { measuredWallMs: latencies.reduce((a, b) => a + b, 0) }), results: { ...base.results, environment: ENVIRONMENT } }), [], 'dyno@test');
}

// 1,000 iterations spread evenly over 10–20 ms: p50 ≈ 15, p99 ≈ 19.9 ms, both with tight intervals.
const spread = runOf(Array.from({ length: 1000 }, (_, i) => 10 + (10 * i) / 999));

describe('judging a target from the interval', () => {
  it('passes when the whole interval is within, fails when it is all beyond', () => {
    expect(judgeTarget(spread, parseTarget('p99<=25ms')).outcome).toBe('pass');
    const fail = judgeTarget(spread, parseTarget('p99<=15ms'));
    expect(fail.outcome).toBe('fail');
    expect(fail.sentence).toMatch(/^p99 ≤ 15 ms: fail \(19\.\d+ ms, 95 % CI 19\.\d+ ms–\d+\.\d+ ms\)$/);
    expect(fail.ciLow).toBeGreaterThan(15);
  });

  it('a limit inside the interval is not enough samples, not a pass', () => {
    const p50 = spread.stats?.p50_ms ?? 0;
    const r = judgeTarget(spread, { metric: 'p50', op: '<=', limit: p50, text: 'p50 ≤ median' });
    expect(r.outcome).toBe('not enough samples');
    expect(r.sentence).toMatch(/straddles the limit; measure more iterations$/);
  });

  it('p99 of a short run is not enough samples whatever its value', () => {
    const short = runOf([1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9]);
    const r = judgeTarget(short, parseTarget('p99<=100ms'));
    expect(r.outcome).toBe('not enough samples');
    expect(r.sentence).toContain('p99 needs more iterations than 10 (LoadGen: 662)');
  });

  it('throughput is judged from the mean latency’s interval', () => {
    const tp = spread.stats?.throughput_per_s ?? 0;
    expect(judgeTarget(spread, { metric: 'throughput', op: '>=', limit: tp * 0.9, text: 't' }).outcome).toBe('pass');
    expect(judgeTarget(spread, { metric: 'throughput', op: '>=', limit: tp * 1.1, text: 't' }).outcome).toBe('fail');
    expect(judgeTarget(spread, { metric: 'throughput', op: '>=', limit: tp, text: 't' }).outcome).toBe('not enough samples');
  });

  it('energy per inference and peak memory are judged as measured', () => {
    // The fixture's GPU energy: 63.75 mJ per inference, 250 MB peak RSS.
    expect(judgeTarget(spread, parseTarget('energy<=64mJ')).outcome).toBe('pass');
    expect(judgeTarget(spread, parseTarget('energy<=60mJ')).outcome).toBe('fail');
    expect(judgeTarget(spread, parseTarget('memory<=200MiB')).outcome).toBe('fail');
    expect(judgeTarget(spread, parseTarget('memory<=512MiB')).sentence).toBe('memory ≤ 512 MiB: pass (238.4 MiB)');
    const noEnergy = runToJson(HAND_MADE_RUNS['completed, profiled'] as never, [], 'dyno@test');
    expect(judgeTarget(noEnergy, parseTarget('energy<=1J')).outcome).toBe('not enough samples');
  });
});

describe('targets of a comparison or a report', () => {
  const short = runOf([1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9], 'r-short');
  it('a side fails when any run fails a target, passes only when all pass', () => {
    const [base, other] = judgeSides(
      [
        { label: 'run r-many', baseline: true, runs: [spread] },
        { label: 'two runs', baseline: false, runs: [spread, short] },
      ],
      [parseTarget('p50<=25ms'), parseTarget('p99<=25ms')],
    );
    expect(base?.outcome).toBe('pass');
    expect(other?.outcome).toBe('not enough samples');
    expect(other?.runs.map((r) => r.runId)).toEqual(['r-many', 'r-short']);
    expect(overallOutcome([...(base?.runs[0]?.targets ?? []), judgeTarget(spread, parseTarget('p50<=1ms'))])).toBe('fail');
    expect(sideTargetsText([base!, other!]).split('\n').slice(0, 2)).toEqual(['targets:', '  run r-many (baseline): pass']);
    expect(sideTargetsText([base!, other!])).toContain('    r-short: p99 ≤ 25 ms: not enough samples (p99 needs more iterations than 10');
    expect(sideTargetsMarkdown([other!])).toContain('| two runs | r-short | p99 ≤ 25 ms | not enough samples |');
  });

  it("a report's targets join the run's own, judged once each", () => {
    const carried = withTargets(spread, [parseTarget('p99<=25ms')]);
    const both = withTargets(carried, [parseTarget('p99<=25ms'), parseTarget('p50<=1ms')]);
    expect(both.targets?.map((t) => [t.text, t.outcome])).toEqual([
      ['p99 ≤ 25 ms', 'pass'],
      ['p50 ≤ 1 ms', 'fail'],
    ]);
    expect(withTargets(spread, [])).toBe(spread);
  });
});

/** What the JSON exporter writes, the reader takes back unchanged; what it cannot take, it names. */
import { describe, expect, it } from 'vitest';
import { runToJson } from '../../../src/shared/run-json-from-run';
import { readRunJson } from '../../../src/shared/run-json-reader';
import { EXPORTERS } from '../../../src/shared/export';
import { HAND_MADE_RUNS } from '../../helpers/hand-made-runs';

const WARNINGS = [{ code: 'percentile-unsupported', message: 'Too few samples for p99.' }];
const docs = Object.values(HAND_MADE_RUNS).map((run) => runToJson(run, WARNINGS, 'dyno@0.1.0'));
const exported = (text: string) => JSON.parse(text) as unknown;

describe('the run JSON reader', () => {
  it.each(Object.entries(HAND_MADE_RUNS))('re-imports a %s run exactly as exported', (_kind, run) => {
    const doc = runToJson(run, WARNINGS, 'dyno@0.1.0');
    const [back, ...more] = readRunJson(EXPORTERS.json.render([doc]));
    expect(more).toEqual([]);
    expect(back).toEqual(exported(JSON.stringify(doc)));
    expect(back?.run).toMatchObject({ id: run.id, status: run.status });
  });

  it('keeps what each kind carries: stats, energy, server verdict, output check, profile, error', () => {
    const byId = new Map(readRunJson(EXPORTERS.json.render(docs)).map((d) => [d.run.id, d]));
    expect(byId.size).toBe(docs.length);
    expect(byId.get('r-aborted')?.stats?.count).toBe(10);
    expect(byId.get('r-aborted-early')?.stats).toBeNull();
    expect(byId.get('r-failed')?.run.error).toMatch(/dynamic dimension 'batch'/);
    expect(byId.get('r-gpu')?.energy).toMatchObject({ source: 'gpu-power-integral', device: 'GPU 0 (whole device, every process on it)', total_j: 637.5, net_j: 427.5, netPerInference_mj: 42.75 });
    expect(byId.get('r-gpu')?.telemetry?.gpu).toMatchObject({ available: true, avgPower_w: 212.5, throttled_share: 0 });
    // A verdict stored before early stopping was judged (no estimate): read back as judged by the interpolated percentile.
    expect(byId.get('r-server')?.server).toEqual({ targetQps: 200, achievedQps: 198.7, latencyBudget_ms: 15, percentile: 0.99, percentile_ms: 1.38, earlyStopping_ms: null, overBudget: null, queriesNeeded: null, judgedBy: 'interpolated', outcome: null, passed: true });
    expect(byId.get('r-check')?.check?.outputs[0]).toMatchObject({ name: 'y', mismatched: 120 });
    expect(byId.get('r-profile')?.profile).toMatchObject({ flops_per_iteration: 5760, traceFile: '/artifacts/r-profile/trace.json' });
  });

  it('re-imports a run with its baseline comparison', () => {
    const doc = { ...docs[6]!, baseline: { ref: 'run r-old', ratio: 1.1, ratioSigma: 0.02, slowerByPct: 10, sentence: 'this run is 1.10 ± 0.02 × slower' } };
    expect(readRunJson(JSON.stringify(doc))[0]?.baseline).toEqual(doc.baseline);
  });
});

describe('the reader refuses, in one sentence,', () => {
  const text = EXPORTERS.json.render([docs[6]!]);
  it('a truncated file', () => {
    expect(() => readRunJson(text.slice(0, text.length / 2), 'last.json')).toThrow(/^last\.json is not complete JSON \(.*\): was it cut short\?$/);
  });
  it('an empty file', () => expect(() => readRunJson('  \n', 'last.json')).toThrow('last.json is empty.'));
  it('a newer format', () => {
    const newer = JSON.stringify({ ...JSON.parse(text), formatVersion: 2 });
    expect(() => readRunJson(newer, 'last.json')).toThrow('last.json is format 2, written by a newer Dyno; this one reads format 1: upgrade Dyno to read it.');
  });
  it('JSON that is not a Dyno export', () => {
    expect(() => readRunJson('{"stats":{"p50_ms":1}}', 'last.json')).toThrow('last.json is not a Dyno run export (it has no formatVersion).');
  });
  it('a damaged field, by its path', () => {
    const damaged = JSON.parse(text);
    damaged.stats.p50_ms = 'fast';
    expect(() => readRunJson(JSON.stringify(damaged), 'last.json')).toThrow(/^last\.json is not a valid Dyno run export: stats\.p50_ms: .*\.$/);
  });
  it('a bad run inside an export of several, by its place', () => {
    const several = JSON.parse(EXPORTERS.json.render(docs.slice(0, 3)));
    delete several[1].formatVersion;
    expect(() => readRunJson(JSON.stringify(several), 'sweep.json')).toThrow('sweep.json (run 2) is not a Dyno run export (it has no formatVersion).');
    expect(() => readRunJson('[]', 'sweep.json')).toThrow('sweep.json holds no runs.');
  });
});

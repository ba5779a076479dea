/**
 * Foreign results become runs Dyno can compare: hyperfine's export (a real one, made here with
 * Debian's hyperfine 1.15) with every timed run as a sample, and onnxruntime_perf_test's real
 * console output (published captures, see the fixture's README) as its summary. Whatever the
 * tool does not report is named in the run's warning.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readImportable } from '../../../src/main/report/import-file';

const HYPERFINE = 'tests/fixtures/hyperfine/sleep-0.01-vs-0.02.json';
const SME2 = 'tests/fixtures/onnxruntime-perf-test/resnet50v2-c1-pro-kleidiai-sme2.txt';
const NO_SME2 = 'tests/fixtures/onnxruntime-perf-test/resnet50v2-c1-pro-no-kleidiai.txt';
const when = new Date('2026-11-30T12:00:00.000Z');
const read = (path: string) => readImportable(readFileSync(path, 'utf8'), path.split('/').at(-1)!, when);

describe('hyperfine --export-json', () => {
  const raw = JSON.parse(readFileSync(HYPERFINE, 'utf8')) as { results: { command: string; mean: number; median: number; min: number; max: number; stddev: number; times: number[] }[] };
  const file = read(HYPERFINE);

  it('gives one completed run per command, with every timed run as a measured sample', () => {
    expect(file.format).toBe('hyperfine');
    expect(file.runs.map((r) => r.run.modelName)).toEqual(['sleep 0.01', 'sleep 0.02']);
    const [first] = file.runs;
    const batch = first!.batches[0]!;
    expect(batch.phase).toBe('measure');
    expect([...batch.latencyMs]).toEqual(raw.results[0]!.times.map((s) => s * 1000));
  });

  it("recomputes hyperfine's own figures from the samples", () => {
    file.runs.forEach((r, i) => {
      const h = raw.results[i]!;
      expect(r.run.status).toBe('completed');
      if (r.run.status !== 'completed') return;
      expect(r.run.stats.count).toBe(h.times.length);
      expect(r.run.stats.meanMs).toBeCloseTo(h.mean * 1000, 9);
      expect(r.run.stats.stdMs).toBeCloseTo(h.stddev * 1000, 9);
      expect(r.run.stats.percentiles.p50?.valueMs).toBeCloseTo(h.median * 1000, 9);
      expect(r.run.stats.minMs).toBeCloseTo(h.min * 1000, 9);
      expect(r.run.stats.medianCi).not.toBeNull();
    });
  });

  it('says what the export lacks, and gives stable ids so a second import adds nothing', () => {
    expect(file.runs[0]!.warnings).toEqual([
      { code: 'imported', message: expect.stringMatching(/^Imported from hyperfine \(sleep-0\.01-vs-0\.02\.json\): it does not report cold start, memory, warm-up runs, inputs, the machine it ran on;/) },
    ]);
    expect(read(HYPERFINE).runs.map((r) => r.run.id)).toEqual(file.runs.map((r) => r.run.id));
    expect(file.runs[0]!.run.id).toMatch(/^hyperfine-[0-9a-f]{16}-1$/);
  });
});

describe('onnxruntime_perf_test output', () => {
  it("keeps the tool's figures in Dyno's units: percentiles, mean, cold start, memory, threads", () => {
    const [r] = read(SME2).runs;
    expect(r!.run.status).toBe('completed');
    if (r!.run.status !== 'completed') return;
    const s = r!.run.stats;
    expect(s.count).toBe(5);
    expect(s.meanMs).toBeCloseTo(98.961997, 9);
    expect(s.percentiles.p50?.valueMs).toBeCloseTo(99.5086, 9);
    expect(s.percentiles.p99).toMatchObject({ valueMs: expect.closeTo(101.519, 9), supported: false, minSamples: 662 });
    expect(s.minMs).toBeCloseTo(95.8204, 9);
    expect(s.throughputPerS).toBeCloseTo(5 / 0.494854, 9);
    expect(r!.run.coldStart).toEqual({ sessionCreateMs: expect.closeTo(217.932, 9), firstRunMs: 196 });
    expect(r!.run.results.memory.peakRssBytes).toBe(271122432);
    expect(r!.run.config.session.intraOpThreads).toBe(1);
    expect(r!.batches).toEqual([]);
    expect((r!.warnings[0] as { message: string }).message).toContain('per-iteration latencies, the standard deviation, confidence intervals');
  });

  it('tells the two captures apart (different ids, ~3.4× in median, as the source says)', () => {
    const [a] = read(SME2).runs;
    const [b] = read(NO_SME2).runs;
    expect(a!.run.id).not.toBe(b!.run.id);
    const median = (r: typeof a) => (r!.run.status === 'completed' ? r!.run.stats.percentiles.p50!.valueMs : Number.NaN);
    expect(median(b) / median(a)).toBeCloseTo(3.381, 3);
  });

  it('refuses output cut short, naming the missing line', () => {
    const text = readFileSync(SME2, 'utf8');
    const cut = text.slice(0, text.indexOf('P90 Latency'));
    expect(() => readImportable(cut, 'cut.txt', when)).toThrow('cut.txt looks like onnxruntime_perf_test output but has no "P90 Latency" line: was it cut short?');
    expect(() => readImportable(text + text, 'two.txt', when)).toThrow('two.txt holds 2 onnxruntime_perf_test outputs');
  });
});

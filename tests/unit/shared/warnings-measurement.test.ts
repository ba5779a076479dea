import { describe, expect, it } from 'vitest';
import { summarizeLatencies } from '../../../src/shared/stats';
import { measurementWarnings } from '../../../src/shared/warnings';

describe('measurement warnings', () => {
  it('says which percentiles lack samples and how many iterations would back them', () => {
    const stats = summarizeLatencies(Array.from({ length: 30 }, () => 1), { measuredWallMs: 30 });
    const w = measurementWarnings(stats);
    expect(w.map((x) => x.code)).toEqual(['percentile-unsupported']);
    expect(w[0]?.message).toContain('p90 (needs 64)');
    expect(w[0]?.message).toContain('have 30');
  });
  it('warns about a noisy run, severe outliers and a slow first run', () => {
    const latencies = [...Array.from({ length: 700 }, (_, i) => 1 + (i % 5) * 0.01), 50, 60];
    const stats = summarizeLatencies(latencies, { measuredWallMs: 800 });
    const warnings = measurementWarnings(stats, 40);
    const codes = warnings.map((x) => x.code);
    expect(codes).toEqual(['percentile-unsupported', 'outliers', 'noisy', 'slow-first-run']);
    // 702 samples back p99 (662 needed) but not p99.9.
    expect(warnings[0]?.message).toMatch(/^p999 \(needs \d+\)/);
  });
  it('stays quiet on a clean, long run', () => {
    const stats = summarizeLatencies(Array.from({ length: 7000 }, (_, i) => 1 + (i % 7) * 0.001), { measuredWallMs: 7000 });
    expect(measurementWarnings(stats, 1.2)).toEqual([]);
  });
  it('words them per workload: a command has runs and a first run, not iterations and a first inference', () => {
    const latencies = [...Array.from({ length: 20 }, (_, i) => 100 + (i % 5) * 20)];
    const stats = summarizeLatencies(latencies, { measuredWallMs: 2400 });
    const command = measurementWarnings(stats, 900, 'command');
    expect(command.map((x) => x.code)).toEqual(['percentile-unsupported', 'noisy', 'slow-first-run']);
    const text = command.map((x) => x.message).join(' ');
    expect(text).toContain('run at least 64 runs to claim p90');
    expect(text).toContain('Wall time varies by');
    expect(text).toContain('The first run took 900.0 ms');
    expect(text).not.toMatch(/inference|iteration|Latency/);
    // A model run keeps its own words.
    expect(measurementWarnings(stats, 900).map((x) => x.message).join(' ')).toContain('The first inference took 900.0 ms');
  });
});

/**
 * What Dyno tells the user counts things in words that agree with the count ("1 run was",
 * "3 runs were", "2 studies"), never "run(s)": `dyno import`'s line, the studio's notices on
 * opening its store, the HTML report's header and comparison evidence, `dyno convert`'s
 * fidelity line, the measurement warnings and the histogram's clipped-tail note.
 */
import { describe, expect, it } from 'vitest';
import { importSummary } from '../../../src/main/cli/import';
import { orphansNotice, purgedNotice } from '../../../src/main/studio/startup-notices';
import { createReport, type ReportContext } from '../../../src/main/report/create-report';
import { fidelityLine } from '../../../src/main/cli/convert';
import { clippedNote } from '../../../src/shared/distribution';
import { summarizeLatencies } from '../../../src/shared/stats';
import { measurementWarnings } from '../../../src/shared/warnings';
import { comparisonOf, storedRun } from '../../helpers/stored-runs';

describe('counts in user-facing messages', () => {
  it("`dyno import`'s line for a file", () => {
    expect(importSummary('a.dyno', { format: 'dyno-bundle', added: ['r1'], skipped: [], studiesAdded: 1 })).toBe('a.dyno: 1 run added (dyno-bundle), 1 study added');
    expect(importSummary('b.dyno', { format: 'dyno-bundle', added: ['r1', 'r2'], skipped: ['r3'], studiesAdded: 3 })).toBe('b.dyno: 2 runs added (dyno-bundle), 1 already here, 3 studies added');
    expect(importSummary('c.json', { format: 'hyperfine', added: [], skipped: ['r1'], studiesAdded: 0 })).toBe('c.json: 0 runs added (hyperfine), 1 already here');
  });

  it('the notices the studio gives on opening its store, verb and pronouns included', () => {
    expect(orphansNotice(1)).toBe('1 run was still in progress when Dyno last stopped; it is marked interrupted, with its samples kept.');
    expect(orphansNotice(2)).toBe('2 runs were still in progress when Dyno last stopped; they are marked interrupted, with their samples kept.');
    expect(purgedNotice(1, 1)).toBe('1 run deleted more than 1 day ago was purged from the bin (its setting, in Sessions).');
    expect(purgedNotice(3, 30)).toBe('3 runs deleted more than 30 days ago were purged from the bin (its setting, in Sessions).');
  });

  it("the HTML report's header and the evidence of its comparison", () => {
    const a = storedRun('completed on a GPU with energy', { seed: 11, count: 700, medianMs: 1.2, id: 'r-a' });
    const b = storedRun('completed, profiled', { seed: 12, count: 400, medianMs: 0.9, id: 'r-b' });
    const ctx = (runs: (typeof a)[]): ReportContext => ({
      exporter: 'dyno@0.1.0',
      now: new Date('2026-12-01T12:00:00.000Z'),
      plotly: () => ({ source: '', licence: '' }),
      comparison: runs.length > 1 ? comparisonOf(runs) : null,
      machine: { id: '0123456789abcdef', hostname: 'h', platform: 'linux-x64', cpuModel: 'Test CPU', logicalCores: 2, totalMemoryBytes: 8e9 },
    });
    const one = createReport('html', { samples: false }, [a], [], undefined, ctx([a])).content;
    expect(one).toContain('<p class="muted">1 run · generated 2026-12-01T12:00:00.000Z by dyno@0.1.0</p>');
    const two = createReport('html', { samples: false }, [a, b], [], undefined, ctx([a, b])).content;
    expect(two).toContain('<p class="muted">2 runs · generated');
    // One run a side: "1 vs 1 run"; the iterations differ, so they stay plural.
    expect(two).toContain('Evidence: single-runs (1 vs 1 run, 400 vs 700 iterations;');
  });

  it("`dyno convert`'s fidelity line", () => {
    const f = { maxAbsError: 0.001, maxRelError: 0.01, cosine: 0.999, top1Agreement: null, outputs: [] };
    expect(fidelityLine({ ...f, nonFinite: 1 }, 'random inputs')).toMatch(/, 1 non-finite value differs$/);
    expect(fidelityLine({ ...f, nonFinite: 4 }, 'random inputs')).toMatch(/, 4 non-finite values differ$/);
  });

  it('the outliers warning', () => {
    const stats = summarizeLatencies([...Array.from({ length: 700 }, (_, i) => 1 + (i % 5) * 0.01), 50], { measuredWallMs: 800 });
    expect(measurementWarnings(stats).find((w) => w.code === 'outliers')?.message).toMatch(/^1 statistical outlier, the worst \d+ scaled MADs/);
  });

  it("the histogram's note on its clipped tail", () => {
    expect(clippedNote({ clippedAbove: 0 })).toBeUndefined();
    expect(clippedNote({ clippedAbove: 1 })).toBe('1 iteration above p99.9 is counted but beyond the axis.');
    expect(clippedNote({ clippedAbove: 2 })).toBe('2 iterations above p99.9 are counted but beyond the axis.');
  });
});

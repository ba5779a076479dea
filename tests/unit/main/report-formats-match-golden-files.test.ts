/**
 * Golden files: every report format rendered from the same fixture runs (a GPU run with energy
 * and a profiled run, fixed samples) must match what is committed in tests/fixtures/golden/.
 * A change to any format shows up as a diff a reviewer can read. After an intended change:
 * UPDATE_GOLDEN=1 npx vitest run tests/unit/main/report-formats-match-golden-files.test.ts
 * The HTML is rendered with a stand-in for plotly, so the golden file holds only Dyno's part,
 * and its embedded bundle (gzip: bytes depend on zlib's version) is compared unpacked: the
 * default report's (summaries, no samples) against two-runs-summary.dyno, an --embed-samples
 * report's against the bundle's own golden file. Every format is rendered with two report
 * targets, so each shows its runs' verdicts.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createReport, type ReportContext } from '../../../src/main/report/create-report';
import { extractEmbeddedBundle } from '../../../src/main/report/embedded-bundle';
import type { ReportFormat } from '../../../src/shared/report';
import { EXPORTERS } from '../../../src/shared/export';
import { runToJson } from '../../../src/shared/run-json-from-run';
import { comparisonOf, storedRun } from '../../helpers/stored-runs';
import { parseTarget } from '../../../src/shared/targets/parse';

const DIR = 'tests/fixtures/golden';
const runs = [
  storedRun('completed on a GPU with energy', { seed: 11, count: 700, medianMs: 1.2, id: 'r-gpu' }),
  storedRun('completed, profiled', { seed: 12, count: 400, medianMs: 0.9, id: 'r-profile', label: 'after fusion' }),
];
const ctx: ReportContext = {
  exporter: 'dyno@0.1.0',
  now: new Date('2026-12-01T12:00:00.000Z'),
  plotly: () => ({ source: '/* plotly stand-in */', licence: 'MIT License (stand-in)' }),
  comparison: comparisonOf(runs),
  machine: { id: '0123456789abcdef', hostname: 'golden', platform: 'linux-x64', cpuModel: 'Test CPU', logicalCores: 2, totalMemoryBytes: 8e9 },
};

const targets = [parseTarget('p99<=15ms'), parseTarget('throughput>=5000/s')];

const cases: { format: ReportFormat; samples?: boolean; file: string }[] = [
  { format: 'markdown', file: 'two-runs.md' },
  { format: 'csv', file: 'two-runs.csv' },
  { format: 'csv', samples: true, file: 'two-runs-samples.csv' },
  { format: 'json', file: 'two-runs.json' },
  { format: 'bundle', file: 'two-runs.dyno' },
  { format: 'html', file: 'two-runs.html' },
];

describe('every report format against its golden file', () => {
  it.each(cases)('$file', ({ format, samples, file }) => {
    const out = createReport(format, { samples: samples ?? false, targets }, runs, [], undefined, ctx);
    const content = format === 'html' ? out.content.replace(/(id="dyno-bundle">)[^<]*/, '$1(the bundle)') : out.content;
    const path = join(DIR, file);
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(DIR, { recursive: true });
      writeFileSync(path, content);
    }
    expect(content).toBe(readFileSync(path, 'utf8'));
    if (format !== 'html') return;
    const summary = extractEmbeddedBundle(out.content, file) + '\n';
    if (process.env.UPDATE_GOLDEN) writeFileSync(join(DIR, 'two-runs-summary.dyno'), summary);
    expect(summary).toBe(readFileSync(join(DIR, 'two-runs-summary.dyno'), 'utf8'));
  });

  it('an --embed-samples HTML report embeds the very bundle dyno export writes', () => {
    const out = createReport('html', { samples: false, embedSamples: true }, runs, [], undefined, ctx);
    expect(extractEmbeddedBundle(out.content, 'r.html') + '\n').toBe(readFileSync(join(DIR, 'two-runs.dyno'), 'utf8'));
  });

  it("two-runs.txt (the terminal's text exporter, which dyno bench prints)", () => {
    const text = EXPORTERS.text.render(runs.map((r) => runToJson(r.run, r.warnings as { code: string; message: string }[], ctx.exporter)));
    const path = join(DIR, 'two-runs.txt');
    if (process.env.UPDATE_GOLDEN) writeFileSync(path, text);
    expect(text).toBe(readFileSync(path, 'utf8'));
  });

  it('names each file after what it holds, with the extension and media type of its format', () => {
    const names = cases.map(({ format, samples }) => createReport(format, { samples: samples ?? false }, runs, [], undefined, ctx)).map((f) => `${f.fileName} ${f.mimeType}`);
    expect(names).toEqual([
      'dyno-2-runs.md text/markdown',
      'dyno-2-runs.csv text/csv',
      'dyno-2-runs-samples.csv text/csv',
      'dyno-2-runs.json application/json',
      'dyno-2-runs.dyno application/json',
      'dyno-2-runs.html text/html',
    ]);
  });
});

/**
 * The HTML report with the real plotly: one file that needs nothing else (no src or href
 * leaves it), a CSP that allows exactly its two scripts by hash and no network, plotly's
 * licence kept, text from runs escaped; a two-run report of 200,000 samples each within 2 MB
 * (summaries and decimated charts, the default; `npm run bench:report`
 * measures 1,000,000), and of 10,000 samples each (a 3 s run of a
 * 0.3 ms model) with 30 s of telemetry within 2 MB with every sample embedded.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createReport } from '../../../src/main/report/create-report';
import { plotlyAsset } from '../../../src/main/report/plotly-asset';
import { CHART_LIMITS } from '../../../src/shared/report-charts';
import { comparisonOf, storedRun } from '../../helpers/stored-runs';
import { extractEmbeddedBundle } from '../../../src/main/report/embedded-bundle';
import { parseBundle } from '../../../src/shared/bundle-reader';

const EVIL = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">`;
const runs = [
  storedRun('completed on a GPU with energy', { seed: 21, count: 10_000, medianMs: 0.3, id: 'big-a', label: EVIL }),
  storedRun('completed, profiled', { seed: 22, count: 10_000, medianMs: 0.32, id: 'big-b', modelName: `model${EVIL}.onnx` }),
];
const ctx = { exporter: 'dyno@0.1.0', now: new Date('2026-12-01T12:00:00.000Z'), plotly: plotlyAsset, comparison: comparisonOf(runs) };
const page = createReport('html', { samples: false, embedSamples: true }, runs, [], undefined, ctx).content;

describe('the HTML report', () => {
  it('stays within 2 MB for two runs of 200,000 samples each by default, embedding their summaries and saying so', () => {
    const million = [
      storedRun('completed on a GPU with energy', { seed: 31, count: 200_000, medianMs: 0.3, id: 'm-a' }),
      storedRun('completed, profiled', { seed: 32, count: 200_000, medianMs: 0.32, id: 'm-b' }),
    ];
    const summary = createReport('html', { samples: false }, million, [], undefined, { ...ctx, comparison: comparisonOf(million) }).content;
    const bytes = Buffer.byteLength(summary);
    console.log(`two-run HTML report of 200k samples a run: ${(bytes / 1e6).toFixed(3)} MB`);
    expect(bytes).toBeLessThanOrEqual(2_000_000);
    expect(summary).toContain('Data embedded: the exact summary figures');
    const embedded = parseBundle(JSON.parse(extractEmbeddedBundle(summary, 'r.html')), 'r.html');
    expect(embedded.runs.map((r) => r.samples.length)).toEqual([0, 0]);
    expect(embedded.runs.map((r) => r.run)).toEqual(million.map((r) => r.run));
    const charts = JSON.parse(/<script type="application\/json" id="dyno-charts">(.*?)<\/script>/s.exec(summary)![1]!) as { runs: { count: number; timeline: { tS: number[] } }[] };
    expect(charts.runs.map((r) => [r.count, r.timeline.tS.length])).toEqual([
      [200_000, CHART_LIMITS.timeline],
      [200_000, CHART_LIMITS.timeline],
    ]);
  }, 60_000);

  it('stays within 2 MB for two runs of 10,000 samples each, with the samples embedded', () => {
    expect(page).toContain('Data embedded: every sample (exact)');
    const bytes = Buffer.byteLength(page);
    console.log(`two-run HTML report: ${(bytes / 1e6).toFixed(3)} MB (plotly ${(Buffer.byteLength(plotlyAsset().source) / 1e6).toFixed(3)} MB)`);
    expect(bytes).toBeLessThanOrEqual(2_000_000);
    const charts = JSON.parse(/<script type="application\/json" id="dyno-charts">(.*?)<\/script>/s.exec(page)![1]!) as { runs: { timeline: { tS: number[] } }[] };
    for (const r of charts.runs) expect(r.timeline.tS.length).toBe(CHART_LIMITS.timeline);
  });

  it('loads nothing from outside itself and runs only its own two scripts, by hash', () => {
    expect(page).not.toMatch(/<(script|img|link|iframe)[^>]*\s(src|href)=/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!.replace(/&#39;/g, "'");
    expect(csp).toContain("default-src 'none'");
    const inline = [...page.matchAll(/<script>(.*?)<\/script>/gs)].map((m) => m[1]!);
    expect(inline).toHaveLength(2);
    for (const s of inline) expect(csp).toContain(`'sha256-${createHash('sha256').update(s).digest('base64')}'`);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it("keeps plotly's licence notice in the file", () => {
    expect(page).toContain('Permission is hereby granted, free of charge');
    expect(page).toContain('Copyright (c) 2016-2024 Plotly Technologies Inc.');
  });

  it('shows labels and model names as text: no markup from a run reaches the page', () => {
    const outsideScripts = page.replace(/<script[^>]*>.*?<\/script>/gs, '');
    expect(outsideScripts).not.toContain('<img');
    expect(outsideScripts).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned = 2&quot;&gt;');
    // Inside the JSON elements no `<` survives, so nothing can close them early.
    for (const m of page.matchAll(/<script type="application\/(json|gzip\+base64)"[^>]*>(.*?)<\/script>/gs)) expect(m[2]).not.toContain('<');
  });
});

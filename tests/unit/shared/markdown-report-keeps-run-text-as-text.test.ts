/**
 * Issue 15, promise 6, for the Markdown report: a model name or warning holding HTML, a `|` or a
 * line break (from a model file or a colleague's bundle) stays text in one table cell: no tag a
 * viewer would render, no cell or row broken out of.
 */
import { describe, expect, it } from 'vitest';
import { EXPORTERS } from '../../../src/shared/export';
import { runToJson } from '../../../src/shared/run-json-from-run';
import { storedRun } from '../../helpers/stored-runs';

const EVIL = '<img src=x onerror="alert(1)"> | <script>alert(2)</script>\n| injected | row |';

describe('the Markdown report', () => {
  const run = storedRun('completed, profiled', { seed: 3, count: 100, medianMs: 1, id: 'r-evil', label: EVIL, modelName: `m${EVIL}.onnx` });
  const md = EXPORTERS.markdown.render([runToJson(run.run, [{ code: 'x', message: `warning about ${EVIL}` }], 'dyno@test')]);

  it('escapes markup in model names and warnings', () => {
    expect(md).not.toMatch(/<img|<script/);
    expect(md).toContain('&lt;img src=x onerror="alert(1)"&gt; \\| &lt;script&gt;alert(2)&lt;/script&gt; \\| injected \\| row \\|');
  });

  it('keeps every table row to the table: no row injected by a line break', () => {
    const rows = md.split('\n').filter((l) => l.startsWith('|'));
    expect(rows.some((l) => l.startsWith('| injected'))).toBe(false);
    // Every row has the table's two columns (metric, value): escaped pipes do not count.
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|').length).toBe(4);
  });
});

/** Each exporter renders a whole document for one run or several, from the same JSON form. */
import { describe, expect, it } from 'vitest';
import { runToJson } from '../../../src/shared/run-json-from-run';
import { EXPORT_FORMATS, EXPORTERS } from '../../../src/shared/export';
import { HAND_MADE_RUNS } from '../../helpers/hand-made-runs';

const gpu = runToJson(HAND_MADE_RUNS['completed on a GPU with energy']!, [{ code: 'unstable', message: 'The last windows disagree.' }], 'dyno@0.1.0');
const failed = runToJson(HAND_MADE_RUNS.failed!, [], 'dyno@0.1.0');

describe('the exporter index', () => {
  it('lists one exporter per format, each under its own name', () => {
    expect(Object.keys(EXPORTERS)).toEqual([...EXPORT_FORMATS]);
    for (const f of EXPORT_FORMATS) expect(EXPORTERS[f].format).toBe(f);
  });
  it('every exporter ends its document in one newline', () => {
    for (const f of EXPORT_FORMATS) expect(EXPORTERS[f].render([gpu, failed])).toMatch(/[^\n]\n$/);
  });
});

describe('CSV', () => {
  it('writes a header and one row per run, quoting what needs it and leaving absent values empty', () => {
    const [header, ...rows] = EXPORTERS.csv.render([gpu, failed]).trimEnd().split('\n');
    expect(header).toBe(
      'run_id,model,status,ep,scenario,count,mean_ms,std_ms,p50_ms,p90_ms,p99_ms,throughput_per_s,session_create_ms,first_run_ms,peak_rss_bytes,check_passed,baseline_ratio,targets',
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^r-gpu,conv2d\.onnx,completed,cuda,single-stream,10,[\d.]+,[\d.]+,1\.205,/);
    expect(rows[0]).toMatch(/,41\.5,3\.25,250000000,,,$/);
    expect(rows[1]).toBe('r-failed,conv2d.onnx,failed,cpu,single-stream,,,,,,,,,,,,,');
  });
});

describe('Markdown', () => {
  it('is a metric/value table for one run, with its warnings below', () => {
    const md = EXPORTERS.markdown.render([gpu]);
    expect(md).toMatch(/^\| metric \| value \|\n\| --- \| --- \|\n\| run_id \| r-gpu \|\n/);
    expect(md).toContain('| p50_ms | 1.205 |');
    expect(md.trimEnd().split('\n').at(-1)).toBe('> ⚠ The last windows disagree.');
  });
  it('gives several runs one column each, and says whose warning is whose', () => {
    const md = EXPORTERS.markdown.render([gpu, failed]);
    expect(md).toMatch(/^\| metric \| r-gpu \| r-failed \|\n\| --- \| --- \| --- \|\n/);
    expect(md).toContain('| status | completed | failed |');
    expect(md).toContain('| count | 10 | — |');
    expect(md).toContain('> ⚠ r-gpu: The last windows disagree.');
  });
});

describe('JSON and text', () => {
  it('JSON is the object for one run and an array for several', () => {
    expect(JSON.parse(EXPORTERS.json.render([gpu])).run.id).toBe('r-gpu');
    expect(JSON.parse(EXPORTERS.json.render([gpu, failed])).map((d: { run: { id: string } }) => d.run.id)).toEqual(['r-gpu', 'r-failed']);
  });
  it('text summarises each run: statistics, energy and the failure reason', () => {
    const text = EXPORTERS.text.render([gpu, failed]);
    expect(text).toMatch(/^run r-gpu {2}completed {2}conv2d\.onnx\n/);
    expect(text).toContain('  p50 1.21 ms');
    expect(text).toContain('  energy: 637.50 J (427.50 J above idle), 212.5 W avg, 63.750 mJ/inference, 15.7 inferences/J');
    expect(text).toContain("\n\nrun r-failed  failed  conv2d.onnx\n  error: Input 'x' has a dynamic dimension 'batch' with no value.\n");
  });
});

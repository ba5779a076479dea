/**
 * Stored runs in a real SQLite file, compared as `dyno compare` compares ids (compareRefs →
 * `runs.compare` on the in-process studio): a side whose runs' p50s split into two clusters, as
 * SqueezeNet's did on a 2-vCPU VM, carries the warning in the comparison's JSON (the sentence in
 * `warnings`, the figures in `bimodal`), in the text the CLI prints and in the report's section;
 * the steady side carries none. The baseline side warns at the comparison's level.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../src/main/store/database';
import { RunsRepository } from '../../src/main/store/runs-repository';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import { createInProcessApi } from '../../src/main/studio/in-process-api';
import { compareRefs } from '../../src/main/cli/compare-refs';
import { comparisonText } from '../../src/shared/compare/render';
import { ComparisonSchema } from '../../src/shared/compare/schema';
import { comparisonSection } from '../../src/main/report/html/comparison';
import { html } from '../../src/main/report/html/escape';
import type { DynoApi } from '../../src/shared/contract';
import { storedRun } from '../helpers/stored-runs';
import { tempHome } from '../helpers/temp-home';

// Each run's p50 lands within about 1 % of its medianMs (300 seeded samples around it).
const STEADY_MS = [8.0, 8.1, 7.9, 8.05, 8.15, 7.95];
const SPLIT_MS = [6.0, 8.3, 6.3, 8.7, 6.5, 9.1, 6.8, 9.5];
const steady = STEADY_MS.map((medianMs, i) => storedRun('completed, profiled', { seed: 10 + i, count: 300, medianMs, id: `steady-${i}` }));
const split = SPLIT_MS.map((medianMs, i) => storedRun('completed, profiled', { seed: 30 + i, count: 300, medianMs, id: `split-${i}` }));
const steadyIds = steady.map((r) => r.run.id);
const splitIds = split.map((r) => r.run.id);

let t: ReturnType<typeof tempHome>;
let handle: StudioHandle;
let api: DynoApi;

beforeAll(() => {
  t = tempHome();
  const { db } = openDatabase(join(t.home, 'dyno.db'));
  const repo = new RunsRepository(db, process.pid, () => true);
  for (const r of [...steady, ...split]) {
    repo.save(r.run);
    for (const b of r.batches) repo.appendBatch(r.run.id, b);
  }
  db.close();
  handle = createStudio({ home: t.home });
  api = createInProcessApi(handle.studio);
});
afterAll(() => {
  handle.close();
  t.cleanup();
});

describe('a side whose runs split into two clusters', () => {
  it('is named, with both clusters, in the JSON, the CLI text and the report', async () => {
    const c = await compareRefs(api, { sides: [steadyIds, splitIds], baselineIndex: 0, threshold: 0.01 });
    const json = ComparisonSchema.parse(JSON.parse(JSON.stringify(c)));
    expect(json.baselineBimodal).toBeUndefined();
    const [r] = json.runs;
    expect(r?.evidence.level).toBe('repeated-runs');
    expect(r?.bimodal).toMatchObject({ code: 'bimodal-runs', side: 'run split-0', runIds: splitIds, fast: { runs: 4 }, slow: { runs: 4 } });
    expect(r?.bimodal?.fast.lowMs).toBeCloseTo(6.0, 0);
    expect(r?.bimodal?.slow.highMs).toBeCloseTo(9.5, 0);
    const message = r?.bimodal?.message ?? '';
    expect(message).toMatch(/^The 8 runs of run split-0's side split into two clusters \(4 runs at p50 \d\.\d\d–\d\.\d\d ms; 4 runs at p50 \d\.\d\d–\d\.\d\d ms\): .*compare more runs a side, or find what changes between runs: thread placement, other load, CPU frequency\.$/);
    expect(r?.warnings).toContain(message);
    expect(json.warnings).toEqual([]);

    expect(comparisonText(c)).toContain(`    warning: ${message}`);
    expect(comparisonSection({ comparison: c })).toContain(`<li>${html(message)}</li>`);
  });

  it('as the baseline, warns for the comparison as a whole', async () => {
    const c = await compareRefs(api, { sides: [splitIds, steadyIds], baselineIndex: 0, threshold: 0.01 });
    expect(c.baselineBimodal).toMatchObject({ side: 'run split-0', fast: { runs: 4 }, slow: { runs: 4 } });
    expect(c.warnings).toEqual([c.baselineBimodal?.message]);
    expect(c.runs[0]?.bimodal).toBeUndefined();
    expect(comparisonText(c)).toContain(`\nwarning: ${c.baselineBimodal?.message ?? '?'}\n`);
  });
});

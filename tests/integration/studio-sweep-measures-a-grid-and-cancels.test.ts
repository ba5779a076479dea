/**
 * The studio's sweep through the contract (what the Run view's Sweep panel calls), with real
 * ONNX Runtime sessions on a zoo MLP and a real SQLite file: a 2×2 grid of batch sizes × thread
 * counts becomes one `sweep` study whose runs are its points in grid order, with `study.progress`
 * events point by point; Cancel mid-way ends the running point, queues no more, and keeps the
 * finished ones.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import type { Method, Params, Result, StudioEvent } from '../../src/shared/contract';
import { parseResult } from '../../src/renderer/src/api/parse-result';
import { RunConfigSchema, type RunConfig } from '../../src/shared/run';
import { fitAlong, sweepPointOf, type SweepProgress } from '../../src/shared/sweep';
import { tempHome } from '../helpers/temp-home';

let t: ReturnType<typeof tempHome>;
let handle: StudioHandle;
let events: StudioEvent[];
beforeEach(() => {
  t = tempHome();
  handle = createStudio({ home: t.home });
  events = [];
  handle.studio.onEvent((e) => events.push(e));
});
afterEach(() => {
  handle.close();
  t.cleanup();
});

async function call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
  return parseResult(method, await handle.studio.call(method, params));
}

const progressOf = (studyId: string): SweepProgress[] => events.flatMap((e) => (e.type === 'study.progress' && e.progress.studyId === studyId ? [e.progress] : []));

async function until(what: string, ok: () => boolean, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function mlp(stop: Partial<RunConfig['stop']>): Promise<RunConfig> {
  const model = await call('models.zoo', { family: 'mlp', size: 'small', seed: 1 });
  return RunConfigSchema.parse({ modelPath: model.path, dims: { batch: 1 }, stop: { warmupIterations: 1, minIterations: 5, maxIterations: 5, minDurationMs: 0, maxDurationMs: 30_000, ...stop } });
}

describe('studies.sweep', () => {
  it('measures a 2×2 grid as one study, point by point, and its points fit a scaling curve', async () => {
    const config = await mlp({});
    const { studyId, points } = await call('studies.sweep', { config, batches: [1, 4], threadCounts: [1, 2], name: 'mlp grid' });
    expect(points).toBe(4);
    await until('the sweep to end', () => progressOf(studyId).some((p) => p.state !== 'running'));

    const detail = await call('studies.get', { studyId });
    expect(detail.study).toMatchObject({ kind: 'sweep', name: 'mlp grid', spec: { model: config.modelPath, grid: { batchSize: [1, 4], threads: [1, 2] } } });
    const grid = detail.runs.map(sweepPointOf);
    expect(grid.map((p) => [p.threads, p.batch, p.status])).toEqual([
      [1, 1, 'completed'],
      [1, 4, 'completed'],
      [2, 1, 'completed'],
      [2, 4, 'completed'],
    ]);
    // The batch size sets the leading `batch` dim: the points carry no second value for it.
    expect(detail.runs.every((r) => r.config.dims.batch === undefined && r.config.label === 'mlp grid')).toBe(true);
    expect(progressOf(studyId).map((p) => [p.state, p.done])).toEqual([
      ['running', 0],
      ['running', 1],
      ['running', 2],
      ['running', 3],
      ['completed', 4],
    ]);
    const fit = fitAlong(grid, 'batch');
    expect(fit?.points).toBe(2);
    expect(Number.isFinite(fit?.k)).toBe(true);
  });

  it('Cancel mid-way ends the running point, queues no more and keeps the finished points', async () => {
    // Each point measures for at least 1.5 s, so the second is surely running when cancelled.
    const config = await mlp({ minIterations: 5, maxIterations: 1_000_000, minDurationMs: 1_500 });
    const { studyId } = await call('studies.sweep', { config, batches: [1, 2], threadCounts: [1, 2] });
    await until('the second point to measure', () => {
      const second = progressOf(studyId).find((p) => p.done === 1)?.runId;
      return second !== undefined && events.some((e) => e.type === 'run.progress' && e.runId === second && e.progress.phase === 'measure');
    });
    expect(await call('studies.cancelSweep', { studyId })).toEqual({ cancelled: true });
    await until('the sweep to end', () => progressOf(studyId).some((p) => p.state !== 'running'));

    const final = progressOf(studyId).at(-1);
    expect(final).toMatchObject({ state: 'cancelled', done: 2, total: 4 });
    const runs = (await call('studies.get', { studyId })).runs;
    expect(runs.map((r) => r.status)).toEqual(['completed', 'aborted']);
    expect(runs[0]?.status === 'completed' && runs[0].stats.count).toBeGreaterThanOrEqual(5);
    // Nothing else was queued behind it, and a second cancel finds no sweep going.
    expect((await call('runs.list', {})).length).toBe(2);
    expect(await call('studies.cancelSweep', { studyId })).toEqual({ cancelled: false });
  });

  it('refuses a grid that cannot be swept before storing anything', async () => {
    const config = await mlp({});
    await expect(call('studies.sweep', { config, batches: [1], threadCounts: [4] })).rejects.toThrow(/at least two values/);
    await expect(call('studies.sweep', { config, batches: [1, 2], threadCounts: [0, 2] })).rejects.toThrow(/0 means "ORT decides"/);
    expect(await call('studies.list', {})).toEqual([]);
  });
});

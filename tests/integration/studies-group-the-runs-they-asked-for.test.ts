/**
 * Studies through the studio's contract on a real SQLite file with real runs: a study holds the
 * runs started for it, lists with its run count, survives a restart, and refuses what would
 * make a run belong to two studies.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import type { Method, Params, Result } from '../../src/shared/contract';
import { parseResult } from '../../src/renderer/src/api/parse-result';
import { RunConfigSchema } from '../../src/shared/run';
import { CONV2D, tempHome } from '../helpers/temp-home';

let t: ReturnType<typeof tempHome>;
let handle: StudioHandle;
beforeEach(() => {
  t = tempHome();
  handle = createStudio({ home: t.home });
});
afterEach(() => {
  handle.close();
  t.cleanup();
});

const config = RunConfigSchema.parse({
  modelPath: CONV2D,
  stop: { warmupIterations: 1, minIterations: 5, maxIterations: 5, minDurationMs: 0, maxDurationMs: 10_000 },
});

/** A call whose answer is checked against the contract, as a front end would. */
async function call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
  return parseResult(method, await handle.studio.call(method, params));
}

async function finishedRun(studyId?: string): Promise<string> {
  const { runId } = await call('runs.start', studyId ? { config, studyId } : { config });
  await handle.studio.queue.whenFinished(runId);
  return runId;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('studies', () => {
  it('hold the runs started for them, in order, and list with their run count', async () => {
    const study = await call('studies.create', { kind: 'comparison', name: 'two conv2d runs', notes: 'same config twice', spec: { runs: 2 } });
    expect(study.id).toMatch(UUID);
    expect(study).toMatchObject({ kind: 'comparison', name: 'two conv2d runs', notes: 'same config twice', spec: { runs: 2 } });
    const first = await finishedRun(study.id);
    const second = await finishedRun(study.id);
    const alone = await finishedRun();

    const detail = await call('studies.get', { studyId: study.id });
    expect(detail.study).toEqual(study);
    expect(detail.runs.map((r) => [r.id, r.status, r.studyId])).toEqual([
      [first, 'completed', study.id],
      [second, 'completed', study.id],
    ]);
    expect((await call('studies.list', {})).map((s) => [s.id, s.runCount])).toEqual([[study.id, 2]]);
    const listed = await call('runs.list', {});
    expect(Object.fromEntries(listed.map((r) => [r.id, r.studyId ?? null]))).toEqual({ [first]: study.id, [second]: study.id, [alone]: null });
  });

  it('survive a restart, newest first', async () => {
    const older = await call('studies.create', { kind: 'sweep', name: 'older', spec: { grid: { batchSize: [1, 2] } } });
    await new Promise((r) => setTimeout(r, 5));
    const newer = await call('studies.create', { kind: 'optimizer', name: 'newer' });
    const runId = await finishedRun(older.id);
    handle.close();

    handle = createStudio({ home: t.home });
    expect((await call('studies.list', {})).map((s) => [s.name, s.kind, s.runCount])).toEqual([
      ['newer', 'optimizer', 0],
      ['older', 'sweep', 1],
    ]);
    const detail = await call('studies.get', { studyId: older.id });
    expect(detail.study.spec).toEqual({ grid: { batchSize: [1, 2] } });
    expect(detail.runs.map((r) => r.id)).toEqual([runId]);
    expect((await call('studies.get', { studyId: newer.id })).runs).toEqual([]);
  });

  it('take stored runs in, all or none, and never a run of another study', async () => {
    const a = await call('studies.create', { kind: 'comparison', name: 'a' });
    const b = await call('studies.create', { kind: 'comparison', name: 'b' });
    const inA = await finishedRun(a.id);
    const free = await finishedRun();

    await expect(handle.studio.call('studies.addRuns', { studyId: b.id, runIds: [free, inA] })).rejects.toMatchObject({
      code: 'conflict',
      message: `Run ${inA} already belongs to study ${a.id}.`,
    });
    await expect(handle.studio.call('studies.addRuns', { studyId: b.id, runIds: [free, 'no-such-run'] })).rejects.toMatchObject({
      code: 'not-found',
      message: 'No run with id no-such-run.',
    });
    // Neither refused call moved `free`.
    expect((await call('studies.get', { studyId: b.id })).runs).toEqual([]);

    expect(await call('studies.addRuns', { studyId: b.id, runIds: [free] })).toEqual({ added: 1 });
    expect(await call('studies.addRuns', { studyId: b.id, runIds: [free] })).toEqual({ added: 0 });
    expect((await call('studies.get', { studyId: b.id })).runs.map((r) => r.id)).toEqual([free]);
  });

  it('refuse an unknown study before anything is queued', async () => {
    await expect(handle.studio.call('runs.start', { config, studyId: 'no-such-study' })).rejects.toMatchObject({ code: 'not-found', message: 'No study with id no-such-study.' });
    await expect(handle.studio.call('studies.get', { studyId: 'no-such-study' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(handle.studio.call('studies.addRuns', { studyId: 'no-such-study', runIds: ['x'] })).rejects.toMatchObject({ code: 'not-found', message: 'No study with id no-such-study.' });
    expect(await call('runs.list', {})).toEqual([]);
  });

  it('refuse a kind the contract does not know, and an empty name', async () => {
    await expect(handle.studio.call('studies.create', { kind: 'plan', name: 'later' })).rejects.toMatchObject({ code: 'invalid-params' });
    await expect(handle.studio.call('studies.create', { kind: 'sweep', name: '  ' })).rejects.toMatchObject({ code: 'invalid-params' });
    expect(await call('studies.list', {})).toEqual([]);
  });
});

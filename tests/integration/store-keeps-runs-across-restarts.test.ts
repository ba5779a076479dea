/** The SQLite store: runs survive a restart, orphans are marked, damage never costs data. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createStudio } from '../../src/main/studio/create-studio';
import { openDatabase, SCHEMA_VERSION } from '../../src/main/store/database';
import { RunsRepository } from '../../src/main/store/runs-repository';
import { RunConfigSchema, type Run } from '../../src/shared/run';
import { CONV2D, tempHome } from '../helpers/temp-home';

let t: ReturnType<typeof tempHome>;
beforeEach(() => (t = tempHome()));
afterEach(() => t.cleanup());

const cfg = RunConfigSchema.parse({
  modelPath: CONV2D,
  stop: { warmupIterations: 2, minIterations: 10, maxIterations: 10, minDurationMs: 0, maxDurationMs: 10_000 },
});

describe('runs in SQLite', () => {
  it('survive closing and reopening the studio', async () => {
    const first = createStudio({ home: t.home });
    const { runId } = (await first.studio.call('runs.start', { config: cfg })) as { runId: string };
    const finished = await first.studio.queue.whenFinished(runId);
    first.close();

    const second = createStudio({ home: t.home });
    const runs = (await second.studio.call('runs.list', {})) as Run[];
    expect(runs).toEqual([finished]);
    second.close();
  });

  it('marks runs of a host that died as interrupted, keeping their samples', () => {
    const { db } = openDatabase(join(t.home, 'dyno.db'));
    const deadPid = 2 ** 22 + 12345; // above Linux's pid_max: never alive
    const repo = new RunsRepository(db, deadPid, () => false);
    const run: Run = { id: 'r1', status: 'running', config: cfg, modelName: 'conv2d.onnx', createdAt: '2026-01-01T00:00:00.000Z', startedAt: '2026-01-01T00:00:00.000Z' };
    repo.save(run);
    repo.appendBatch('r1', { phase: 'measure', firstI: 0, tMs: Float64Array.of(1, 2), latencyMs: Float64Array.of(0.5, 0.25) });
    db.close();

    const reopened = createStudio({ home: t.home });
    expect(reopened.notices.join(' ')).toMatch(/1 run was still in progress/);
    return reopened.studio.call('runs.get', { runId: 'r1' }).then((d) => {
      expect((d as { run: Run }).run.status).toBe('interrupted');
      reopened.close();
      const check = new Database(join(t.home, 'dyno.db'), { readonly: true });
      expect(check.prepare('SELECT SUM(count) AS n FROM sample_batches').get()).toEqual({ n: 2 });
      check.close();
    });
  });

  it('stores sample batches as float64 and reads them back exactly, in iteration order', () => {
    const { db } = openDatabase(join(t.home, 'dyno.db'));
    const repo = new RunsRepository(db, process.pid, () => true);
    repo.save({ id: 'r2', status: 'running', config: cfg, modelName: 'm', createdAt: '2026-01-01T00:00:00.000Z', startedAt: '2026-01-01T00:00:00.000Z' });
    repo.appendBatch('r2', { phase: 'measure', firstI: 2, tMs: Float64Array.of(1e12 + 0.123456789), latencyMs: Float64Array.of(Math.PI) });
    repo.appendBatch('r2', { phase: 'warmup', firstI: 0, tMs: Float64Array.of(5, 6), latencyMs: Float64Array.of(0.1, 0.2) });
    repo.appendBatch('r2', { phase: 'measure', firstI: 0, tMs: Float64Array.of(7, 8), latencyMs: Float64Array.of(0.3, 0.4) });
    expect(repo.samples('r2')).toEqual([
      { i: 0, phase: 'warmup', tMs: 5, latencyMs: 0.1 },
      { i: 1, phase: 'warmup', tMs: 6, latencyMs: 0.2 },
      { i: 0, phase: 'measure', tMs: 7, latencyMs: 0.3 },
      { i: 1, phase: 'measure', tMs: 8, latencyMs: 0.4 },
      { i: 2, phase: 'measure', tMs: 1e12 + 0.123456789, latencyMs: Math.PI },
    ]);
    db.close();
  });

  it('leaves the runs of another live host alone', () => {
    const { db } = openDatabase(join(t.home, 'dyno.db'));
    const other = new RunsRepository(db, 4242, () => true);
    other.save({ id: 'live', status: 'running', config: cfg, modelName: 'm', createdAt: '2026-01-01T00:00:00.000Z', startedAt: '2026-01-01T00:00:00.000Z' });
    expect(other.markOrphansInterrupted()).toBe(0);
    expect(other.get('live')?.run.status).toBe('running');
    db.close();
  });

  it('sets a damaged database aside, keeps it byte for byte, and starts a fresh one', async () => {
    const file = join(t.home, 'dyno.db');
    const garbage = Buffer.from('this is not an SQLite database, but it is the user\'s file'.repeat(100));
    writeFileSync(file, garbage);
    const handle = createStudio({ home: t.home });
    expect(handle.notices[0]).toMatch(/could not be read .* It was kept as .*dyno\.db\.damaged-/);
    const aside = readdirSync(t.home).find((f) => f.startsWith('dyno.db.damaged-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(t.home, aside!))).toEqual(garbage);
    expect(await handle.studio.call('runs.list', {})).toEqual([]);
    handle.close();
  });

  it('refuses a database from a newer Dyno instead of damaging it', () => {
    const file = join(t.home, 'dyno.db');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(file)).toThrow(/written by a newer Dyno/);
    expect(existsSync(file)).toBe(true);
  });
});

/**
 * A store written by schema 2 (studies, before Sessions could edit or delete) upgrades to the
 * current schema after a backup: every run is kept, each label starts as its config's, and the
 * new filter and sort columns read the figures already stored in the runs' JSON.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, SCHEMA_VERSION } from '../../src/main/store/database';
import { MIGRATIONS } from '../../src/main/store/migrations';
import { RunsRepository } from '../../src/main/store/runs-repository';
import { RunCatalog } from '../../src/main/store/run-catalog';
import { seededRun } from '../helpers/seed-runs';
import { tempHome } from '../helpers/temp-home';

let t: ReturnType<typeof tempHome>;
let file: string;
beforeEach(() => {
  t = tempHome();
  file = join(t.home, 'dyno.db');
});
afterEach(() => t.cleanup());

/** Runs 0 … 9 as schema 2 stored them: its columns only, study and all. */
function writeSchema2(path: string): void {
  const db = new Database(path);
  for (const step of MIGRATIONS.slice(0, 2)) step(db);
  db.pragma('user_version = 2');
  db.prepare(`INSERT INTO studies (id, kind, name, created_at) VALUES ('s1', 'sweep', 'batches', '2026-11-01T00:00:00.000Z')`).run();
  const insert = db.prepare(
    `INSERT INTO runs (id, created_at, status, model_name, config_json, started_at, finished_at, cold_start_json, stats_json, results_json, error, study_id)
     VALUES (@id, @createdAt, @status, @modelName, @config, @startedAt, @finishedAt, @coldStart, @stats, @results, @error, @studyId)`,
  );
  for (let i = 0; i < 10; i++) {
    const r = seededRun(i) as Record<string, unknown> & ReturnType<typeof seededRun>;
    const json = (k: string): string | null => (r[k] === undefined ? null : JSON.stringify(r[k]));
    insert.run({
      id: r.id,
      createdAt: r.createdAt,
      status: r.status,
      modelName: r.modelName,
      config: JSON.stringify(r.config),
      startedAt: r.startedAt ?? null,
      finishedAt: r.finishedAt ?? null,
      coldStart: json('coldStart'),
      stats: json('stats'),
      results: json('results'),
      error: (r.error as string | undefined) ?? null,
      studyId: i < 4 ? 's1' : null,
    });
  }
  db.close();
}

it('backs up, keeps every run with its study, labels each from its config, and filters on the stored figures', () => {
  writeSchema2(file);
  const opened = openDatabase(file, { now: () => new Date('2026-12-01T10:00:00.000Z') });
  expect(opened.backupPath).toBe(`${file}.bak-v2-2026-12-01T10-00-00-000Z`);
  expect(opened.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  const copy = new Database(opened.backupPath!, { readonly: true });
  expect(copy.pragma('user_version', { simple: true })).toBe(2);
  copy.close();

  const repo = new RunsRepository(opened.db, process.pid, () => true);
  const runs = repo.list(100);
  expect(runs).toHaveLength(10);
  for (const run of runs) {
    const i = Number(run.id.slice(5));
    expect(run).toEqual({ ...seededRun(i), ...(i < 4 ? { studyId: 's1' } : {}) });
  }
  const catalog = new RunCatalog(opened.db);
  const all = {};
  expect(catalog.count({ provider: 'webgpu' })).toBe(2); // runs 3 and 7
  expect(catalog.count({ studyId: 's1' })).toBe(4);
  // Run 0's config label became its label column: found by search, sorted by.
  expect(catalog.count({ text: 'nightly' })).toBe(1);
  expect(catalog.page({}, { by: 'label', dir: 'desc' }, 1, 0).map((r) => r.id)).toEqual(['seed-00000']);
  const byP50 = catalog.page(all, { by: 'p50', dir: 'desc' }, 3, 0).map((r) => r.id);
  // Run 7 failed (no p50); the rest grow with i.
  expect(byP50).toEqual(['seed-00009', 'seed-00008', 'seed-00006']);
  opened.db.close();
});

/**
 * Upgrading the SQLite schema never costs data: the file is copied first (WAL content
 * included), the copy opens with the old rows, and an upgrade that fails leaves the file as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseError, openDatabase, SCHEMA_VERSION } from '../../src/main/store/database';
import { MIGRATIONS } from '../../src/main/store/migrations';
import { RunsRepository } from '../../src/main/store/runs-repository';
import { RunConfigSchema } from '../../src/shared/run';
import { CONV2D, tempHome } from '../helpers/temp-home';

let t: ReturnType<typeof tempHome>;
let file: string;
beforeEach(() => {
  t = tempHome();
  file = join(t.home, 'dyno.db');
});
afterEach(() => t.cleanup());

const config = RunConfigSchema.parse({
  modelPath: CONV2D,
  stop: { warmupIterations: 1, minIterations: 5, maxIterations: 5, minDurationMs: 0, maxDurationMs: 10_000 },
});
const NOW = new Date('2026-12-01T10:20:30.456Z');

/** A database exactly as Dyno 0.1 (schema 1) left it, with two finished runs. */
function writeSchema1(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const step1 = MIGRATIONS[0];
  if (!step1) throw new Error('the ladder has no first step');
  step1(db);
  db.pragma('user_version = 1');
  const insert = db.prepare(
    `INSERT INTO runs (id, created_at, status, model_name, config_json, started_at, finished_at, error)
     VALUES (?, ?, 'failed', 'conv2d.onnx', ?, ?, ?, 'out of memory')`,
  );
  insert.run('old-1', '2026-01-01T00:00:00.000Z', JSON.stringify(config), '2026-01-01T00:00:01.000Z', '2026-01-01T00:00:02.000Z');
  insert.run('old-2', '2026-01-02T00:00:00.000Z', JSON.stringify(config), '2026-01-02T00:00:01.000Z', '2026-01-02T00:00:02.000Z');
  db.prepare('INSERT INTO recent_models (path, opened_at) VALUES (?, ?)').run('/models/a.onnx', '2026-01-03T00:00:00.000Z');
  return db;
}

const backups = (): string[] => readdirSync(t.home).filter((f) => f.startsWith('dyno.db.bak-'));

describe('upgrading schema 1 to the current schema', () => {
  it('backs the file up first, WAL content included, and the copy opens with the old rows', () => {
    // The old connection stays open: its rows are still in the WAL, not yet in dyno.db itself.
    const old = writeSchema1(file);
    expect(existsSync(`${file}-wal`)).toBe(true);

    const opened = openDatabase(file, { now: () => NOW });
    old.close();
    expect(opened.backupPath).toBe(`${file}.bak-v1-2026-12-01T10-20-30-456Z`);
    expect(backups()).toEqual(['dyno.db.bak-v1-2026-12-01T10-20-30-456Z']);
    expect(opened.notice).toBe(`The database was upgraded to schema ${SCHEMA_VERSION}; a copy of it as it was is kept at ${opened.backupPath}.`);

    const copy = new Database(opened.backupPath!, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    expect(copy.prepare('SELECT id, status, error FROM runs ORDER BY id').all()).toEqual([
      { id: 'old-1', status: 'failed', error: 'out of memory' },
      { id: 'old-2', status: 'failed', error: 'out of memory' },
    ]);
    expect(copy.prepare('SELECT path FROM recent_models').all()).toEqual([{ path: '/models/a.onnx' }]);
    expect(copy.prepare(`SELECT name FROM sqlite_master WHERE name = 'studies'`).all()).toEqual([]);
    copy.close();

    // The upgraded file keeps the same runs, readable, in no study.
    expect(opened.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const repo = new RunsRepository(opened.db, process.pid, () => true);
    expect(repo.list(10).map((r) => [r.id, r.status, r.studyId])).toEqual([
      ['old-2', 'failed', undefined],
      ['old-1', 'failed', undefined],
    ]);
    expect(repo.recentModels()).toEqual([{ path: '/models/a.onnx', openedAt: '2026-01-03T00:00:00.000Z' }]);
    opened.db.close();
  });

  it('makes no backup of a new file or of one already current', () => {
    openDatabase(file).db.close();
    const again = openDatabase(file);
    expect(again.backupPath).toBeUndefined();
    expect(again.notice).toBeUndefined();
    again.db.close();
    expect(backups()).toEqual([]);
  });

  it('leaves the file exactly as it was when a step fails, and says where the copy is', () => {
    const old = writeSchema1(file);
    // Something else already made a table of that name: schema 2's CREATE TABLE fails.
    old.exec('CREATE TABLE studies (x INTEGER)');
    old.close();

    let thrown: unknown;
    try {
      openDatabase(file, { now: () => NOW });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(DatabaseError);
    expect((thrown as Error).message).toBe(
      `Upgrading ${file} from schema 1 to ${SCHEMA_VERSION} failed (table studies already exists). The file is unchanged, and a copy of it is at ${file}.bak-v1-2026-12-01T10-20-30-456Z.`,
    );

    // Not set aside as damaged, not replaced: the same file, still schema 1, same rows.
    expect(readdirSync(t.home).filter((f) => f.includes('damaged'))).toEqual([]);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    expect(check.prepare('SELECT COUNT(*) AS n FROM runs').get()).toEqual({ n: 2 });
    const columns = (check.pragma('table_info(runs)') as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('study_id');
    check.close();
    expect(backups()).toEqual(['dyno.db.bak-v1-2026-12-01T10-20-30-456Z']);
  });

  it('refuses to upgrade when the backup cannot be written, changing nothing', () => {
    writeSchema1(file).close();
    // A directory where the copy would go makes VACUUM INTO fail, as a full disk would.
    const blocked = `${file}.bak-v1-2026-12-01T10-20-30-456Z`;
    mkdirSync(blocked);
    expect(() => openDatabase(file, { now: () => NOW })).toThrow(/^Could not back up .*dyno\.db before upgrading it \(.*\); nothing was changed\./);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    check.close();
  });
});

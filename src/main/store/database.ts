/**
 * Opens Dyno's SQLite file: WAL so the CLI and the studio can share it, a schema migration
 * ladder keyed on PRAGMA user_version, and a damaged file set aside (never deleted) so the user
 * keeps their data and the studio still starts.
 */
import Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';

type Db = Database.Database;

/** Each step takes the schema from version i to i + 1. Never edit a released step; add one. */
const MIGRATIONS: ((db: Db) => void)[] = [
  (db) =>
    db.exec(`
      CREATE TABLE runs (
        id            TEXT PRIMARY KEY,
        created_at    TEXT NOT NULL,
        status        TEXT NOT NULL,
        model_name    TEXT NOT NULL,
        config_json   TEXT NOT NULL,
        started_at    TEXT,
        finished_at   TEXT,
        cold_start_json TEXT,
        stats_json    TEXT,
        results_json  TEXT,
        warnings_json TEXT NOT NULL DEFAULT '[]',
        error         TEXT,
        owner_pid     INTEGER           -- the host process that runs it, to spot orphans
      );
      CREATE INDEX runs_by_created ON runs(created_at DESC);
      -- One row per batch the worker sent (~50 ms of iterations): a fast model makes 100k
      -- samples a second, and a row each would cost the benchmark CPU it is measuring on.
      CREATE TABLE sample_batches (
        run_id     TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        phase      INTEGER NOT NULL, -- 0 warm-up, 1 measured
        first_i    INTEGER NOT NULL, -- iteration index of the first sample in the batch
        count      INTEGER NOT NULL,
        t_ms       BLOB NOT NULL,    -- float64 little-endian: starts, ms since the epoch
        latency_ms BLOB NOT NULL,    -- float64 little-endian
        PRIMARY KEY (run_id, phase, first_i)
      ) WITHOUT ROWID;
      CREATE TABLE telemetry_samples (
        run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        t_ms   REAL NOT NULL,
        json   TEXT NOT NULL,     -- one TelemetrySample
        PRIMARY KEY (run_id, t_ms)
      ) WITHOUT ROWID;
      CREATE TABLE recent_models (
        path      TEXT PRIMARY KEY,
        opened_at TEXT NOT NULL
      );
    `),
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export class DatabaseError extends Error {}

export interface OpenedDatabase {
  db: Db;
  /** Set when a damaged file was moved aside and a fresh one created. */
  notice?: string;
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new DatabaseError(
      `The database was written by a newer Dyno (schema ${current}, this one knows ${SCHEMA_VERSION}); update Dyno to open it.`,
    );
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      MIGRATIONS[v]?.(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

function openAndCheck(file: string, nativeBinding?: string): Db {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function openDatabase(file: string, options: { nativeBinding?: string } = {}): OpenedDatabase {
  try {
    return { db: openAndCheck(file, options.nativeBinding) };
  } catch (err) {
    if (err instanceof DatabaseError || !existsSync(file)) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, aside);
    for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    return {
      db: openAndCheck(file, options.nativeBinding),
      notice: `The database ${file} could not be read (${reason}). It was kept as ${aside} and a new, empty one was created.`,
    };
  }
}

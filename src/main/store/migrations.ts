/**
 * The schema ladder: step i takes the database from `user_version` i to i + 1. A released step
 * is never edited (files in the wild were written by it); a change is a new step at the end.
 * `database.ts` backs the file up before it climbs and runs every pending step in one
 * transaction, so an upgrade either completes or leaves the file exactly as it was.
 */
import type Database from 'better-sqlite3';

type Db = Database.Database;

export const MIGRATIONS: readonly ((db: Db) => void)[] = [
  // 1: runs, their samples and telemetry, recently opened models.
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
  // 2: studies (a sweep, a comparison, an optimizer search) and each run's study.
  (db) =>
    db.exec(`
      CREATE TABLE studies (
        id         TEXT PRIMARY KEY, -- a random UUID, so studies from many machines merge
        kind       TEXT NOT NULL,    -- sweep | comparison | optimizer; text, so kinds can be added
        name       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        notes      TEXT,
        spec_json  TEXT              -- what the study was asked (a sweep's grid), as given
      );
      CREATE INDEX studies_by_created ON studies(created_at DESC);
      ALTER TABLE runs ADD COLUMN study_id TEXT REFERENCES studies(id);
      CREATE INDEX runs_by_study ON runs(study_id, created_at) WHERE study_id IS NOT NULL;
    `),
  // 3: what the user writes about a run (label, notes, tags), soft delete so a delete can be
  // undone, and the figures the Sessions list filters and sorts on, copied out of the run's JSON
  // into plain columns (a sort over 10,000 runs must not parse 10,000 JSON documents: generated
  // columns did, at 250 ms a page). The save path writes them; this step fills them for old rows.
  (db) =>
    db.exec(`
      ALTER TABLE runs ADD COLUMN label TEXT;   -- starts as the config's label; editable
      ALTER TABLE runs ADD COLUMN notes TEXT;
      ALTER TABLE runs ADD COLUMN tags_json TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE runs ADD COLUMN deleted_at TEXT;  -- set: hidden from lists, restorable
      ALTER TABLE runs ADD COLUMN provider TEXT;
      ALTER TABLE runs ADD COLUMN intra_threads INTEGER;
      ALTER TABLE runs ADD COLUMN batch_size INTEGER;
      ALTER TABLE runs ADD COLUMN scenario TEXT;
      ALTER TABLE runs ADD COLUMN p50_ms REAL;
      ALTER TABLE runs ADD COLUMN throughput_per_s REAL;
      ALTER TABLE runs ADD COLUMN energy_per_inference_mj REAL;
      ALTER TABLE runs ADD COLUMN machine TEXT;  -- the fingerprint's CPU model (+ first GPU), for a model's history
      UPDATE runs SET
        label = json_extract(config_json, '$.label'),
        provider = json_extract(config_json, '$.session.executionProvider'),
        intra_threads = json_extract(config_json, '$.session.intraOpThreads'),
        batch_size = json_extract(config_json, '$.batchSize'),
        scenario = json_extract(config_json, '$.scenario.kind'),
        p50_ms = json_extract(stats_json, '$.percentiles.p50.valueMs'),
        throughput_per_s = json_extract(stats_json, '$.throughputPerS'),
        energy_per_inference_mj = json_extract(results_json, '$.telemetry.energy.perInferenceMj'),
        machine = json_extract(results_json, '$.environment.cpuModel')
          || COALESCE(' + ' || json_extract(results_json, '$.environment.gpus[0].name'), '');
      CREATE INDEX runs_live_by_created ON runs(created_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX runs_live_by_model ON runs(model_name, created_at) WHERE deleted_at IS NULL;
      CREATE INDEX runs_live_by_p50 ON runs(p50_ms, created_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX runs_live_by_throughput ON runs(throughput_per_s, created_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX runs_live_by_config ON runs(provider, intra_threads, batch_size) WHERE deleted_at IS NULL;
    `),
  // The studio's own settings, one JSON value per key (the first: how long the bin keeps
  // deleted runs, store/run-bin.ts); and an index for the bin's purge on deleted_at.
  // IF NOT EXISTS: another step of this round may create the same general table.
  (db) =>
    db.exec(`
      CREATE TABLE IF NOT EXISTS settings (
        key        TEXT PRIMARY KEY,
        value_json TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS runs_in_bin ON runs(deleted_at) WHERE deleted_at IS NOT NULL;
    `),
];

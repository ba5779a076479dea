/**
 * Runs and their samples in SQLite. The host is the only writer; samples arrive in batches and
 * each batch is one transaction, so a crash loses at most the batch in flight.
 */
import type Database from 'better-sqlite3';
import type { Run, Sample } from '../../shared/run';
import { RUN_COLUMNS, rowToRun, runRowValues, type RunRow } from './run-row';
import { batchToSamples, type SampleBatch } from '../../shared/sample-batch';
import { TelemetrySampleSchema, type TelemetrySample } from '../../shared/telemetry';

export class RunsRepository {
  private readonly insertBatch;

  constructor(
    private readonly db: Database.Database,
    private readonly ownerPid: number,
    private readonly isProcessAlive: (pid: number) => boolean,
  ) {
    this.insertBatch = db.prepare(
      'INSERT OR REPLACE INTO sample_batches (run_id, phase, first_i, count, t_ms, latency_ms) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  /**
   * Insert or update a run with everything its state carries. A run's study is kept once set:
   * a later save of the same run without one (the queue's copy) does not clear it.
   */
  save(run: Run, warnings: readonly unknown[] = []): void {
    this.db
      .prepare(
        `INSERT INTO runs (${RUN_COLUMNS.join(', ')})
         VALUES (${RUN_COLUMNS.map((c) => `@${c}`).join(', ')})
         ON CONFLICT(id) DO UPDATE SET status = excluded.status, started_at = excluded.started_at,
           finished_at = excluded.finished_at, cold_start_json = excluded.cold_start_json,
           stats_json = excluded.stats_json, results_json = excluded.results_json, warnings_json = excluded.warnings_json, error = excluded.error,
           study_id = COALESCE(excluded.study_id, runs.study_id)`,
      )
      .run(runRowValues(run, warnings, this.ownerPid));
  }

  /**
   * Stores a run another machine or program measured, unless a run with its id is already here
   * (stable ids: importing the same run twice adds nothing). Answers whether it was added.
   */
  insertIfAbsent(run: Run, warnings: readonly unknown[]): boolean {
    const sql = `INSERT INTO runs (${RUN_COLUMNS.join(', ')}) VALUES (${RUN_COLUMNS.map((c) => `@${c}`).join(', ')}) ON CONFLICT(id) DO NOTHING`;
    return this.db.prepare(sql).run(runRowValues(run, warnings, null)).changes > 0;
  }

  /** One batch, one row, one implicit transaction. */
  appendBatch(runId: string, b: SampleBatch): void {
    const bytes = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    this.insertBatch.run(runId, b.phase === 'warmup' ? 0 : 1, b.firstI, b.latencyMs.length, bytes(b.tMs), bytes(b.latencyMs));
  }

  get(id: string): { run: Run; warnings: unknown[] } | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? { run: rowToRun(row), warnings: JSON.parse(row.warnings_json) as unknown[] } : undefined;
  }

  list(limit: number): Run[] {
    const rows = this.db.prepare('SELECT * FROM runs ORDER BY created_at DESC, id DESC LIMIT ?').all(limit) as RunRow[];
    return rows.map(rowToRun);
  }

  /** Completed runs of one model, newest first: where repeats of a configuration are looked for. */
  completedOfModel(modelName: string, limit: number): Run[] {
    const rows = this.db
      .prepare("SELECT * FROM runs WHERE status = 'completed' AND model_name = ? ORDER BY created_at DESC, id DESC LIMIT ?")
      .all(modelName, limit) as RunRow[];
    return rows.map(rowToRun);
  }

  /** Every measured latency of a run, in iteration order, in one array. */
  measuredLatencies(runId: string): Float64Array {
    const batches = this.batches(runId).filter((b) => b.phase === 'measure');
    const out = new Float64Array(batches.reduce((n, b) => n + b.latencyMs.length, 0));
    let at = 0;
    for (const b of batches) {
      out.set(b.latencyMs, at);
      at += b.latencyMs.length;
    }
    return out;
  }

  /** Samples in iteration order: warm-up first, then measured. */
  samples(runId: string): Sample[] {
    return this.batches(runId).flatMap(batchToSamples);
  }

  batches(runId: string): SampleBatch[] {
    const rows = this.db
      .prepare('SELECT phase, first_i, t_ms, latency_ms FROM sample_batches WHERE run_id = ? ORDER BY phase, first_i')
      .all(runId) as { phase: number; first_i: number; t_ms: Buffer; latency_ms: Buffer }[];
    // Copy into aligned buffers: a Float64Array view needs an offset divisible by 8.
    const floats = (b: Buffer): Float64Array<ArrayBuffer> => new Float64Array(Uint8Array.from(b).buffer);
    return rows.map((r) => ({ phase: r.phase === 0 ? 'warmup' : 'measure', firstI: r.first_i, tMs: floats(r.t_ms), latencyMs: floats(r.latency_ms) }));
  }

  appendTelemetry(runId: string, samples: readonly TelemetrySample[]): void {
    const insert = this.db.prepare('INSERT OR REPLACE INTO telemetry_samples (run_id, t_ms, json) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      for (const s of samples) insert.run(runId, s.tMs, JSON.stringify(s));
    })();
  }

  telemetry(runId: string): TelemetrySample[] {
    const rows = this.db.prepare('SELECT json FROM telemetry_samples WHERE run_id = ? ORDER BY t_ms').all(runId) as { json: string }[];
    return rows.map((r) => TelemetrySampleSchema.parse(JSON.parse(r.json)));
  }

  /**
   * Runs whose host process is gone (a crash, a kill, a power cut) can never finish: mark them
   * interrupted, keeping their samples. Runs of another live host (the CLI beside the studio)
   * are left alone.
   */
  markOrphansInterrupted(): number {
    const active = this.db
      .prepare(`SELECT id, owner_pid FROM runs WHERE status IN ('running', 'queued')`)
      .all() as { id: string; owner_pid: number | null }[];
    const mark = this.db.prepare(`UPDATE runs SET status = 'interrupted' WHERE id = ?`);
    let n = 0;
    for (const r of active) {
      if (r.owner_pid === null || !this.isProcessAlive(r.owner_pid)) n += mark.run(r.id).changes;
    }
    return n;
  }

  rememberModel(path: string, openedAt: string): void {
    this.db
      .prepare('INSERT INTO recent_models (path, opened_at) VALUES (?, ?) ON CONFLICT(path) DO UPDATE SET opened_at = excluded.opened_at')
      .run(path, openedAt);
  }

  recentModels(limit = 20): { path: string; openedAt: string }[] {
    return (this.db.prepare('SELECT path, opened_at FROM recent_models ORDER BY opened_at DESC LIMIT ?').all(limit) as {
      path: string;
      opened_at: string;
    }[]).map((r) => ({ path: r.path, openedAt: r.opened_at }));
  }
}

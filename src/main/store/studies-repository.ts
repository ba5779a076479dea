/**
 * Studies in SQLite: what each was asked (its spec, as JSON) and which runs it produced (the
 * `study_id` of each run). A run belongs to at most one study; adding it again to the same study
 * changes nothing, so importing a study twice is harmless.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { StudySchema, type NewStudy, type Study, type StudyDetail, type StudySummary } from '../../shared/study';
import { rowToRun, type RunRow } from './run-row';

interface StudyRow {
  id: string;
  kind: string;
  name: string;
  created_at: string;
  notes: string | null;
  spec_json: string | null;
}

/**
 * The stored spec, or, where the text is not JSON (a damaged file, a hand edit), that text kept
 * as `{ unreadable }`: one bad row must not make every study list fail, nor vanish from exports.
 */
function storedSpec(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return { unreadable: json };
  }
}

function rowToStudy(row: StudyRow): Study {
  return StudySchema.parse({
    id: row.id,
    kind: row.kind,
    name: row.name,
    createdAt: row.created_at,
    ...(row.notes !== null ? { notes: row.notes } : {}),
    ...(row.spec_json !== null ? { spec: storedSpec(row.spec_json) } : {}),
  });
}

/** Why runs could not be added: `not-found` (no such study or run) or `conflict` (another study's run). */
export class StudyMembershipError extends Error {
  constructor(
    message: string,
    readonly code: 'not-found' | 'conflict',
  ) {
    super(message);
    this.name = 'StudyMembershipError';
  }
}

export class StudiesRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly newId: () => string = randomUUID,
  ) {}

  create(input: NewStudy, createdAt: string): Study {
    const study: Study = { id: this.newId(), createdAt, ...input };
    if (!this.insertIfAbsent(study)) throw new Error(`A study with id ${study.id} already exists.`);
    return study;
  }

  /** Stores a study from another machine unless one with its id is here; answers whether it was added. */
  insertIfAbsent(study: Study): boolean {
    return (
      this.db
        .prepare('INSERT INTO studies (id, kind, name, created_at, notes, spec_json) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING')
        .run(study.id, study.kind, study.name, study.createdAt, study.notes ?? null, study.spec ? JSON.stringify(study.spec) : null).changes > 0
    );
  }

  /** Newest first, each with how many runs it holds. */
  list(limit = 500): StudySummary[] {
    const rows = this.db
      .prepare(
        `SELECT s.*, (SELECT COUNT(*) FROM runs r WHERE r.study_id = s.id) AS run_count
         FROM studies s ORDER BY s.created_at DESC, s.id DESC LIMIT ?`,
      )
      .all(limit) as (StudyRow & { run_count: number })[];
    return rows.map((r) => ({ ...rowToStudy(r), runCount: r.run_count }));
  }

  has(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM studies WHERE id = ?').get(id) !== undefined;
  }

  /** The study and its runs in the order they were created. */
  get(id: string): StudyDetail | undefined {
    const row = this.db.prepare('SELECT * FROM studies WHERE id = ?').get(id) as StudyRow | undefined;
    if (!row) return undefined;
    const runs = this.db.prepare('SELECT * FROM runs WHERE study_id = ? ORDER BY created_at, id').all(id) as RunRow[];
    return { study: rowToStudy(row), runs: runs.map(rowToRun) };
  }

  /**
   * Adds stored runs to a study, all or none. Answers how many were not in it already.
   * @throws StudyMembershipError for an unknown study or run, or a run of another study.
   */
  addRuns(studyId: string, runIds: readonly string[]): number {
    const studyOf = this.db.prepare('SELECT study_id FROM runs WHERE id = ?');
    const assign = this.db.prepare('UPDATE runs SET study_id = ? WHERE id = ? AND study_id IS NULL');
    return this.db.transaction(() => {
      if (!this.has(studyId)) throw new StudyMembershipError(`No study with id ${studyId}.`, 'not-found');
      let added = 0;
      for (const runId of runIds) {
        const row = studyOf.get(runId) as { study_id: string | null } | undefined;
        if (!row) throw new StudyMembershipError(`No run with id ${runId}.`, 'not-found');
        if (row.study_id !== null && row.study_id !== studyId) {
          throw new StudyMembershipError(`Run ${runId} already belongs to study ${row.study_id}.`, 'conflict');
        }
        added += assign.run(studyId, runId).changes;
      }
      return added;
    })();
  }
}

/**
 * Moves whole runs in and out of the database for bundles and imports: each run with its
 * warnings, sample batches and telemetry. Writing is one transaction, so a bundle lands whole
 * or not at all, and a run whose id is already stored is skipped (the copy here is kept):
 * importing the same bundle twice adds nothing, and bundles of many machines merge.
 */
import type Database from 'better-sqlite3';
import type { Run } from '../../shared/run';
import type { Study } from '../../shared/study';
import type { StoredRun } from '../../shared/stored-run';
import type { RunsRepository } from './runs-repository';
import type { StudiesRepository } from './studies-repository';

export type { StoredRun } from '../../shared/stored-run';

export interface ImportOutcome {
  added: string[];
  /** Runs already stored here, left as they were. */
  skipped: string[];
  studiesAdded: number;
}

/** A run that cannot end here (its host is elsewhere) arrives interrupted, with its samples. */
function settled(run: Run): Run {
  if (run.status !== 'queued' && run.status !== 'running') return run;
  const { id, config, modelName, createdAt, studyId } = run;
  return { id, config, modelName, createdAt, ...(studyId ? { studyId } : {}), status: 'interrupted', ...(run.status === 'running' ? { startedAt: run.startedAt } : {}) };
}

export class BundleStore {
  constructor(
    private readonly db: Database.Database,
    private readonly runs: RunsRepository,
    private readonly studies: StudiesRepository,
  ) {}

  /** The runs with these ids, in that order; throws naming the first id not stored. */
  read(runIds: readonly string[]): StoredRun[] {
    return runIds.map((id) => {
      const found = this.runs.get(id);
      if (!found) throw new Error(`No run with id ${id}.`);
      return { run: found.run, warnings: found.warnings, batches: this.runs.batches(id), telemetry: this.runs.telemetry(id) };
    });
  }

  /** Every study the runs belong to, once each. */
  studiesOf(runs: readonly StoredRun[]): Study[] {
    const ids = [...new Set(runs.flatMap((r) => (r.run.studyId ? [r.run.studyId] : [])))];
    return ids.flatMap((id) => {
      const detail = this.studies.get(id);
      return detail ? [detail.study] : [];
    });
  }

  /** Writes studies and runs in one transaction; throws (having written nothing) on any failure. */
  write(studies: readonly Study[], runs: readonly StoredRun[]): ImportOutcome {
    return this.db.transaction((): ImportOutcome => {
      let studiesAdded = 0;
      for (const s of studies) if (this.studies.insertIfAbsent(s)) studiesAdded++;
      const added: string[] = [];
      const skipped: string[] = [];
      for (const r of runs) {
        const studyId = r.run.studyId;
        if (studyId !== undefined && !this.studies.has(studyId)) throw new Error(`Run ${r.run.id} belongs to study ${studyId}, which neither the file nor this database holds.`);
        if (!this.runs.insertIfAbsent(settled(r.run), r.warnings)) {
          skipped.push(r.run.id);
          continue;
        }
        for (const b of r.batches) this.runs.appendBatch(r.run.id, b);
        this.runs.appendTelemetry(r.run.id, r.telemetry);
        added.push(r.run.id);
      }
      return { added, skipped, studiesAdded };
    })();
  }
}

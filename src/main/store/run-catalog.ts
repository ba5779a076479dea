/**
 * The Sessions side of the runs table: filtered, sorted pages of runs and their count, the
 * values the filters offer, what the user writes about a run (label, notes, tags), and soft
 * delete with restore. Filters and sorts map to the generated, indexed columns of schema 3, so
 * a page of 10,000 stored runs is one indexed query, not a scan of their JSON.
 */
import type Database from 'better-sqlite3';
import type { Run } from '../../shared/run';
import type { HistoryPoint, RunFacets, RunFilter, RunMetaPatch, RunSort, RunSortKey } from '../../shared/sessions/run-query';
import { rowToRun, type RunRow } from './run-row';

const SORT_COLUMN: Record<RunSortKey, string> = {
  createdAt: 'created_at',
  model: 'model_name COLLATE NOCASE',
  label: 'label COLLATE NOCASE',
  status: 'status',
  provider: 'provider',
  threads: 'intra_threads',
  batch: 'COALESCE(batch_size, 1)',
  scenario: 'scenario',
  p50: 'p50_ms',
  throughput: 'throughput_per_s',
  energy: 'energy_per_inference_mj',
};

/** LIKE treats % and _ as wildcards: a user searching for "resnet_50" means the underscore. */
const likeEscaped = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function whereOf(filter: RunFilter): { sql: string; params: Record<string, unknown> } {
  const clauses = ['deleted_at IS NULL'];
  const params: Record<string, unknown> = {};
  const add = (clause: string, name: string, value: unknown): void => {
    clauses.push(clause);
    params[name] = value;
  };
  const words = filter.text?.split(/\s+/).filter((w) => w.length > 0) ?? [];
  words.forEach((word, i) =>
    add(
      `(model_name LIKE @w${i} ESCAPE '\\' OR label LIKE @w${i} ESCAPE '\\' OR notes LIKE @w${i} ESCAPE '\\' OR tags_json LIKE @w${i} ESCAPE '\\' OR id LIKE @w${i} ESCAPE '\\')`,
      `w${i}`,
      likeEscaped(word),
    ),
  );
  if (filter.model !== undefined) add('model_name = @model', 'model', filter.model);
  if (filter.provider !== undefined) add('provider = @provider', 'provider', filter.provider);
  if (filter.threads !== undefined) add('intra_threads = @threads', 'threads', filter.threads);
  // A command run has no batch: its config's default batch size must not match it. A model run
  // stored without one ran at batch 1, as its row says (run-columns.ts), so batch 1 matches it.
  if (filter.batch !== undefined) add("COALESCE(batch_size, 1) = @batch AND json_extract(config_json, '$.command') IS NULL", 'batch', filter.batch);
  if (filter.scenario !== undefined) add('scenario = @scenario', 'scenario', filter.scenario);
  if (filter.tag !== undefined) add('EXISTS (SELECT 1 FROM json_each(runs.tags_json) WHERE value = @tag)', 'tag', filter.tag);
  if (filter.studyId !== undefined) add('study_id = @studyId', 'studyId', filter.studyId);
  if (filter.machine !== undefined) add('machine = @machine', 'machine', filter.machine);
  // ISO strings of one time zone sort as the instants they name; stored ones are all UTC.
  if (filter.from !== undefined) add('created_at >= @from', 'from', new Date(filter.from).toISOString());
  if (filter.to !== undefined) add('created_at < @to', 'to', new Date(filter.to).toISOString());
  if (filter.status !== undefined) {
    const names = filter.status.map((s, i) => {
      params[`s${i}`] = s;
      return `@s${i}`;
    });
    clauses.push(`status IN (${names.join(', ')})`);
  }
  return { sql: clauses.join(' AND '), params };
}

export class RunCatalog {
  constructor(private readonly db: Database.Database) {}

  /**
   * One page of runs; ties by newest first, and runs without the sorted figure (a failed run's
   * p50) always last. The sort reads only plain columns and carries only ids; the page's rows
   * are read after, by id, so no sort drags 10,000 JSON documents through a temporary b-tree.
   */
  page(filter: RunFilter, sort: RunSort, limit: number, offset: number): Run[] {
    const pageIds = this.ids(filter, sort, limit, offset);
    if (pageIds.length === 0) return [];
    const rows = this.db.prepare('SELECT * FROM runs WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(pageIds)) as RunRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return pageIds.flatMap((id) => {
      const row = byId.get(id);
      return row ? [rowToRun(row)] : [];
    });
  }

  /** The ids of the runs the filter keeps, in the sort's order (all of them, or one page). */
  ids(filter: RunFilter, sort: RunSort, limit = -1, offset = 0): string[] {
    const where = whereOf(filter);
    const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
    const column = SORT_COLUMN[sort.by];
    const order =
      sort.by === 'createdAt' ? `created_at ${dir}, id ${dir}` : `(${column.split(' ')[0]} IS NULL), ${column} ${dir}, created_at DESC, id DESC`;
    const rows = this.db.prepare(`SELECT id FROM runs WHERE ${where.sql} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({ ...where.params, limit, offset }) as {
      id: string;
    }[];
    return rows.map((r) => r.id);
  }

  count(filter: RunFilter): number {
    const where = whereOf(filter);
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM runs WHERE ${where.sql}`).get(where.params) as { n: number }).n;
  }

  facets(): RunFacets {
    const live = 'FROM runs WHERE deleted_at IS NULL';
    const column = <T>(sql: string): T[] => (this.db.prepare(sql).all() as { v: T }[]).map((r) => r.v);
    // A command run has no session threads, batch or scenario of its own (its config carries the defaults), so it offers none.
    const models = `${live} AND json_extract(config_json, '$.command') IS NULL`;
    return {
      models: column<string>(`SELECT DISTINCT model_name AS v ${live} ORDER BY v COLLATE NOCASE`),
      providers: column<string>(`SELECT DISTINCT provider AS v ${live} AND provider IS NOT NULL ORDER BY v`),
      threads: column<number>(`SELECT DISTINCT intra_threads AS v ${models} AND intra_threads IS NOT NULL ORDER BY v`),
      batches: column<number>(`SELECT DISTINCT COALESCE(batch_size, 1) AS v ${models} ORDER BY v`),
      scenarios: column<string>(`SELECT DISTINCT scenario AS v ${models} AND scenario IS NOT NULL ORDER BY v`),
      tags: column<string>(`SELECT DISTINCT j.value AS v FROM runs, json_each(runs.tags_json) j WHERE runs.deleted_at IS NULL ORDER BY v COLLATE NOCASE`),
      machines: column<string>(`SELECT DISTINCT machine AS v ${live} AND machine IS NOT NULL ORDER BY v`),
    };
  }

  /**
   * The measured runs the filter keeps, oldest first (the newest `limit` of them), with only
   * the columns a model's history draws: no run's JSON is read.
   */
  history(filter: RunFilter, limit: number): HistoryPoint[] {
    const where = whereOf(filter);
    const rows = this.db
      .prepare(
        `SELECT * FROM (SELECT id, created_at, p50_ms, throughput_per_s, provider, intra_threads, batch_size, scenario, machine
           FROM runs WHERE ${where.sql} AND p50_ms IS NOT NULL ORDER BY created_at DESC, id DESC LIMIT @limit)
         ORDER BY created_at, id`,
      )
      .all({ ...where.params, limit }) as {
      id: string;
      created_at: string;
      p50_ms: number;
      throughput_per_s: number | null;
      provider: string | null;
      intra_threads: number | null;
      batch_size: number | null;
      scenario: string | null;
      machine: string | null;
    }[];
    return rows.map((r) => ({
      runId: r.id,
      createdAt: r.created_at,
      p50Ms: r.p50_ms,
      throughputPerS: r.throughput_per_s ?? 0,
      config: `${r.provider ?? '?'} · ${r.intra_threads ? `${r.intra_threads} threads` : 'auto threads'} · batch ${r.batch_size ?? 1} · ${r.scenario ?? '?'}`,
      machine: r.machine,
    }));
  }

  /** Answers the run as stored after the change, or undefined when there is no such run. */
  updateMeta(runId: string, patch: RunMetaPatch): Run | undefined {
    const sets: string[] = [];
    const params: Record<string, unknown> = { id: runId };
    if (patch.label !== undefined) {
      sets.push('label = @label');
      params.label = patch.label;
    }
    if (patch.notes !== undefined) {
      sets.push('notes = @notes');
      params.notes = patch.notes;
    }
    if (patch.tags !== undefined) {
      sets.push('tags_json = @tags');
      params.tags = JSON.stringify(patch.tags);
    }
    const changed = this.db.prepare(`UPDATE runs SET ${sets.join(', ')} WHERE id = @id`).run(params).changes;
    return changed === 0 ? undefined : this.one(runId);
  }

  /** Hides runs from every list until restored; answers the ids that were live before. */
  softDelete(runIds: readonly string[], at: string): string[] {
    const mark = this.db.prepare('UPDATE runs SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');
    return this.db.transaction(() => runIds.filter((id) => mark.run(at, id).changes > 0))();
  }

  restore(runIds: readonly string[]): string[] {
    const unmark = this.db.prepare('UPDATE runs SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL');
    return this.db.transaction(() => runIds.filter((id) => unmark.run(id).changes > 0))();
  }

  /** The ids among these with no stored run. */
  missing(runIds: readonly string[]): string[] {
    const has = this.db.prepare('SELECT 1 FROM runs WHERE id = ?');
    return runIds.filter((id) => has.get(id) === undefined);
  }

  private one(runId: string): Run | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as RunRow | undefined;
    return row ? rowToRun(row) : undefined;
  }
}

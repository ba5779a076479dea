/** A `runs` row and its reading back into a Run, shared by the runs and studies repositories. */
import { RunSchema, type Run } from '../../shared/run';

export interface RunRow {
  id: string;
  created_at: string;
  status: string;
  model_name: string;
  config_json: string;
  started_at: string | null;
  finished_at: string | null;
  cold_start_json: string | null;
  stats_json: string | null;
  results_json: string | null;
  warnings_json: string;
  error: string | null;
  study_id: string | null;
}

export function rowToRun(row: RunRow): Run {
  const candidate = {
    id: row.id,
    status: row.status,
    createdAt: row.created_at,
    modelName: row.model_name,
    config: JSON.parse(row.config_json) as unknown,
    ...(row.study_id ? { studyId: row.study_id } : {}),
    startedAt: row.started_at ?? undefined,
    finishedAt: row.finished_at ?? undefined,
    coldStart: row.cold_start_json ? (JSON.parse(row.cold_start_json) as unknown) : undefined,
    stats: row.stats_json ? (JSON.parse(row.stats_json) as unknown) : undefined,
    results: row.results_json ? (JSON.parse(row.results_json) as unknown) : undefined,
    error: row.error ?? undefined,
  };
  return RunSchema.parse(candidate);
}

/** The columns a run is written with, in one list for every INSERT. */
export const RUN_COLUMNS = [
  'id',
  'created_at',
  'status',
  'model_name',
  'config_json',
  'started_at',
  'finished_at',
  'cold_start_json',
  'stats_json',
  'results_json',
  'warnings_json',
  'error',
  'owner_pid',
  'study_id',
] as const;

/** A run with everything its state carries, as the named values of RUN_COLUMNS. */
export function runRowValues(run: Run, warnings: readonly unknown[], ownerPid: number | null): Record<(typeof RUN_COLUMNS)[number], string | number | null> {
  const has = (k: string): unknown => (k in run ? (run as Record<string, unknown>)[k] : undefined);
  const json = (k: string): string | null => (has(k) === undefined ? null : JSON.stringify(has(k)));
  return {
    id: run.id,
    created_at: run.createdAt,
    status: run.status,
    model_name: run.modelName,
    config_json: JSON.stringify(run.config),
    started_at: (has('startedAt') as string | undefined) ?? null,
    finished_at: (has('finishedAt') as string | undefined) ?? null,
    cold_start_json: json('coldStart'),
    stats_json: json('stats'),
    results_json: json('results'),
    warnings_json: JSON.stringify(warnings),
    error: (has('error') as string | undefined) ?? null,
    owner_pid: ownerPid,
    study_id: run.studyId ?? null,
  };
}

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

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
  /** Schema 3 on (a row read before the upgrade has none of these). */
  label?: string | null;
  notes?: string | null;
  tags_json?: string;
  deleted_at?: string | null;
}

/**
 * The label column starts as the config's label (so search and sort see it); the run carries a
 * `label` of its own only once the user changed it, so a stored run reads back as the queue ran it.
 */
function metaOf(row: RunRow, configLabel: string | undefined): { label?: string; notes?: string; tags?: string[]; deletedAt?: string } {
  const tags = row.tags_json ? (JSON.parse(row.tags_json) as string[]) : [];
  return {
    ...(typeof row.label === 'string' && row.label !== (configLabel ?? '') ? { label: row.label } : {}),
    ...(typeof row.notes === 'string' ? { notes: row.notes } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(typeof row.deleted_at === 'string' ? { deletedAt: row.deleted_at } : {}),
  };
}

export function rowToRun(row: RunRow): Run {
  const config = JSON.parse(row.config_json) as { label?: string };
  const candidate = {
    id: row.id,
    status: row.status,
    createdAt: row.created_at,
    modelName: row.model_name,
    config: config as unknown,
    ...(row.study_id ? { studyId: row.study_id } : {}),
    ...metaOf(row, typeof config.label === 'string' ? config.label : undefined),
    startedAt: row.started_at ?? undefined,
    finishedAt: row.finished_at ?? undefined,
    coldStart: row.cold_start_json ? (JSON.parse(row.cold_start_json) as unknown) : undefined,
    stats: row.stats_json ? (JSON.parse(row.stats_json) as unknown) : undefined,
    results: row.results_json ? (JSON.parse(row.results_json) as unknown) : undefined,
    error: row.error ?? undefined,
  };
  return RunSchema.parse(candidate);
}

/** The machine a run ran on, as a model's history tells machines apart: the CPU, and the first GPU if any. */
export function machineOf(env: { cpuModel: string; gpus: readonly { name: string }[] }): string {
  const gpu = env.gpus[0]?.name;
  return gpu ? `${env.cpuModel} + ${gpu}` : env.cpuModel;
}

/** The figures the Sessions list filters and sorts on, as their own columns (schema 3). */
export function listColumnsOf(run: Run): Record<string, string | number | null> {
  const stats = 'stats' in run ? run.stats : undefined;
  const results = 'results' in run ? run.results : undefined;
  return {
    provider: run.config.session.executionProvider,
    intra_threads: run.config.session.intraOpThreads,
    batch_size: run.config.batchSize ?? null,
    scenario: run.config.scenario.kind,
    p50_ms: stats?.percentiles.p50?.valueMs ?? null,
    throughput_per_s: stats?.throughputPerS ?? null,
    energy_per_inference_mj: results?.telemetry?.energy?.perInferenceMj ?? null,
    machine: results?.environment ? machineOf(results.environment) : null,
  };
}

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
function listColumnsOf(run: Run) {
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
  // Schema 3: the label (the user's own, else the config's) and the list's filter and sort columns.
  'label',
  'notes',
  'tags_json',
  'provider',
  'intra_threads',
  'batch_size',
  'scenario',
  'p50_ms',
  'throughput_per_s',
  'energy_per_inference_mj',
  'machine',
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
    // Written on insert only (see RunsRepository.save): afterwards the label is the user's to edit.
    label: run.label ?? run.config.label ?? null,
    notes: run.notes ?? null,
    tags_json: JSON.stringify(run.tags ?? []),
    ...listColumnsOf(run),
  };
}

/**
 * The columns a CI log or a pull-request comment wants of a run, with units in the headers:
 * shared by the CSV and Markdown exporters so their tables agree.
 */
import type { RunJson } from '../run-json';

export type Cell = string | number | boolean | null | undefined;

export const COLUMNS: readonly { header: string; value: (r: RunJson) => Cell }[] = [
  { header: 'run_id', value: (r) => r.run.id },
  { header: 'model', value: (r) => r.run.modelName },
  { header: 'status', value: (r) => r.run.status },
  { header: 'ep', value: (r) => r.config.session.executionProvider },
  { header: 'scenario', value: (r) => r.config.scenario.kind },
  { header: 'count', value: (r) => r.stats?.count },
  { header: 'mean_ms', value: (r) => r.stats?.mean_ms },
  { header: 'std_ms', value: (r) => r.stats?.std_ms },
  { header: 'p50_ms', value: (r) => r.stats?.p50_ms },
  { header: 'p90_ms', value: (r) => r.stats?.p90_ms },
  { header: 'p99_ms', value: (r) => r.stats?.p99_ms },
  { header: 'throughput_per_s', value: (r) => r.stats?.throughput_per_s },
  { header: 'session_create_ms', value: (r) => r.coldStart?.sessionCreate_ms },
  { header: 'first_run_ms', value: (r) => r.coldStart?.firstRun_ms },
  { header: 'peak_rss_bytes', value: (r) => r.memory?.peakRss_bytes },
  { header: 'check_passed', value: (r) => r.check?.passed },
  { header: 'baseline_ratio', value: (r) => r.baseline?.ratio },
  // "p99 ≤ 15 ms: pass; throughput ≥ 500 /s: fail", empty without targets.
  { header: 'targets', value: (r) => (r.targets && r.targets.length > 0 ? r.targets.map((t) => `${t.text}: ${t.outcome}`).join('; ') : undefined) },
];

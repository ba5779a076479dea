/** Raw samples as CSV (`dyno report --format csv --samples`): one row per iteration of every run. */
import type { StoredRun } from '../stored-run';

export const SAMPLES_CSV_HEADER = 'run_id,phase,i,t_ms,latency_ms';

export function samplesCsv(runs: readonly StoredRun[]): string {
  const lines = [SAMPLES_CSV_HEADER];
  for (const r of runs) {
    // Run ids are Dyno's own or a digest: no quoting is ever needed.
    for (const b of r.batches) for (let k = 0; k < b.latencyMs.length; k++) lines.push(`${r.run.id},${b.phase},${b.firstI + k},${b.tMs[k]},${b.latencyMs[k]}`);
  }
  return lines.join('\n') + '\n';
}

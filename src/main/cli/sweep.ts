/**
 * `dyno sweep`: the same benchmark over batch sizes and/or thread counts, each point a stored
 * run, with a fitted scaling curve per swept axis (time ∝ n^k, see shared/power-law.ts). The
 * sweep is stored as one study holding its grid and every point's run, so it can be found and
 * read again as a whole.
 */
import { resolve } from 'node:path';
import { InvalidArgumentError } from 'commander';
import { fitAlong, fitSentence, sweepGrid, sweepGridError, sweepPointOf, type SweepPoint } from '../../shared/sweep';
import { formatMs, formatRate } from '../../shared/format';
import type { DynoApi } from '../../shared/contract';
import { createCliStudio } from './cli-studio';
import { createInProcessApi } from '../studio/in-process-api';
import { benchConfig, type BenchFlags } from './bench-options';
import { CliError } from './errors';
import { cancelOnInterrupt, type Interrupt } from './interrupt';
import { EXIT_CANCELLED, EXIT_REGRESSION } from './exit-codes';

export function intList(flag: string) {
  return (value: string): number[] => {
    const list = value.split(',').map((s) => Number(s.trim()));
    if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 0)) throw new InvalidArgumentError(`${flag} takes a comma-separated list of whole numbers (got '${value}').`);
    return list;
  };
}

export interface SweepFlags extends BenchFlags {
  json: boolean;
  batches?: number[];
  threadCounts?: number[];
}

/** With --target: how this point's run was judged against each (stored with the run). */
type Point = SweepPoint & { targets?: { text: string; outcome: string }[] };

/** One study, then one stored run per grid point, each in the study, in order. */
async function runGrid(api: DynoApi, interrupt: Interrupt, model: string, o: SweepFlags, label: string, batches: number[], threadCounts: number[]): Promise<{ studyId: string; points: Point[] }> {
  const study = await api.call('studies.create', { kind: 'sweep', name: label, spec: { model: resolve(model), grid: { batchSize: batches, threads: threadCounts }, ...(o.target && o.target.length > 0 ? { targets: o.target } : {}) } });
  if (!o.json) process.stderr.write(`study ${study.id}: ${batches.length * threadCounts.length} points\n`);
  const points: Point[] = [];
  for (const { batch, threads } of sweepGrid(batches, threadCounts)) {
    if (interrupt.asked) break;
    const config = benchConfig(model, { ...o, batch, threads, label });
    const { runId, notes } = await api.call('runs.start', { config, studyId: study.id });
    // The same defaults fill every point: say so once.
    if (points.length === 0) for (const note of notes ?? []) process.stderr.write(`dyno: ${note}\n`);
    interrupt.runId = runId;
    if (interrupt.asked) void api.call('runs.cancel', { runId }).catch(() => undefined);
    const { run } = await api.call('runs.wait', { runId });
    const judged = run.status === 'completed' ? run.results.targets : undefined;
    const point: Point = { ...sweepPointOf(run), batch, threads, ...(judged ? { targets: judged.map((t) => ({ text: t.text, outcome: t.outcome })) } : {}) };
    points.push(point);
    if (!o.json) process.stderr.write(`  batch ${batch} threads ${threads || 'auto'}: ${run.status === 'completed' ? `p50 ${formatMs(point.p50Ms)}, ${formatRate(point.throughputPerS ?? 0)}` : run.status === 'failed' ? run.error : run.status}\n`);
    for (const t of judged ?? []) if (!o.json) process.stderr.write(`    target ${t.sentence}\n`);
  }
  return { studyId: study.id, points };
}

export async function sweep(model: string, o: SweepFlags): Promise<number> {
  const batches = o.batches ?? [o.batch ?? 1];
  const threadCounts = o.threadCounts ?? [o.threads];
  const gridError = sweepGridError(batches, threadCounts);
  if (gridError) throw new CliError(gridError);
  const handle = createCliStudio();
  const sweepLabel = o.label ?? `sweep ${new Date().toISOString()}`;
  const api = createInProcessApi(handle.studio);
  const { interrupt, release } = cancelOnInterrupt(api);
  const { studyId, points } = await runGrid(api, interrupt, model, o, sweepLabel, batches, threadCounts).finally(() => {
    release();
    handle.close();
  });
  const fits = {
    ...(batches.length > 1 ? { batch: fitAlong(points, 'batch') } : {}),
    ...(threadCounts.length > 1 ? { threads: fitAlong(points, 'threads') } : {}),
  };
  if (o.json) {
    process.stdout.write(JSON.stringify({ label: sweepLabel, studyId, points, fits }, null, 2) + '\n');
  } else {
    const lines = ['batch  threads        p50        mean   throughput  run', ...points.map((p) => `${String(p.batch).padStart(5)}  ${String(p.threads || 'auto').padStart(7)}  ${formatMs(p.p50Ms).padStart(9)}  ${formatMs(p.meanMs).padStart(10)}  ${(p.throughputPerS ? formatRate(p.throughputPerS) : '—').padStart(11)}  ${p.runId}`)];
    for (const [axis, fit] of Object.entries(fits)) {
      lines.push(fitSentence('p50', axis as 'batch' | 'threads', fit));
    }
    lines.push(`study ${studyId}`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  if (interrupt.asked) return EXIT_CANCELLED;
  if (!points.every((p) => p.status === 'completed')) return 1;
  // As for dyno bench: a point that fails a --target fails the sweep (3).
  return points.some((p) => p.targets?.some((t) => t.outcome === 'fail')) ? EXIT_REGRESSION : 0;
}

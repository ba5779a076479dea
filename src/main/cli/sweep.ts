/**
 * `dyno sweep`: the same benchmark over batch sizes and/or thread counts, each point a stored
 * run, with a fitted scaling curve per swept axis (time ∝ n^k, see shared/power-law.ts). The
 * sweep is the studio's (`studies.sweep`): one study holding its grid and every point's run, so
 * the CLI and the Run view's Sweep panel make the same study.
 */
import { fitAlong, fitSentence, sweepGridError, sweepPointOf, type SweepPoint, type SweepProgress } from '../../shared/sweep';
import { formatMs, formatRate, plural } from '../../shared/format';
import type { DynoApi } from '../../shared/contract';
import { createCliStudio } from './cli-studio';
import { createInProcessApi } from '../studio/in-process-api';
import { benchConfig, type BenchFlags } from './bench-options';
import { CliError } from './errors';
import { cancelOnInterrupt, type Interrupt } from './interrupt';
import { EXIT_CANCELLED, EXIT_REGRESSION } from './exit-codes';

export { intList } from './command-options';

export interface SweepFlags extends BenchFlags {
  json: boolean;
  batches?: number[];
  threadCounts?: number[];
}

/** With --target: how this point's run was judged against each (stored with the run). */
type Point = SweepPoint & { targets?: { text: string; outcome: string }[] };

/**
 * One sweep's `study.progress` events, in order. Listening starts before `studies.sweep` is
 * asked, since the first point's event can beat its reply; others' sweeps are left out.
 */
function followSweeps(api: DynoApi): { next(studyId: string): Promise<SweepProgress>; close(): void } {
  const heard: SweepProgress[] = [];
  let wake: (() => void) | undefined;
  const off = api.onEvent((e) => {
    if (e.type !== 'study.progress') return;
    heard.push(e.progress);
    wake?.();
  });
  return {
    async next(studyId) {
      for (;;) {
        const i = heard.findIndex((p) => p.studyId === studyId);
        if (i >= 0) return heard.splice(i, 1)[0]!;
        await new Promise<void>((r) => (wake = r));
      }
    },
    close: off,
  };
}

/**
 * The sweep measured by the studio's own engine (`studies.sweep`: one study, each grid point a
 * stored run of it, queued in grid order), followed point by point; Ctrl+C cancels it as the
 * studio's Cancel does (the running point ends, no more are queued, the ended ones stay).
 */
async function runGrid(api: DynoApi, interrupt: Interrupt, model: string, o: SweepFlags, label: string, batches: number[], threadCounts: number[]): Promise<{ studyId: string; points: Point[] }> {
  const config = benchConfig(model, { ...o, label });
  const follow = followSweeps(api);
  try {
    const { studyId, points: total, notes } = await api.call('studies.sweep', { config, batches, threadCounts, name: label });
    interrupt.studyId = studyId;
    if (interrupt.asked) void api.call('studies.cancelSweep', { studyId }).catch(() => undefined);
    if (!o.json) process.stderr.write(`study ${studyId}: ${plural(total, 'point')}\n`);
    for (const note of notes ?? []) process.stderr.write(`dyno: ${note}\n`);
    const points: Point[] = [];
    const ended = async (runId: string): Promise<void> => {
      const { run } = await api.call('runs.wait', { runId });
      const judged = run.status === 'completed' ? run.results.targets : undefined;
      const point: Point = { ...sweepPointOf(run), ...(judged ? { targets: judged.map((t) => ({ text: t.text, outcome: t.outcome })) } : {}) };
      points.push(point);
      if (o.json) return;
      process.stderr.write(`  batch ${point.batch} threads ${point.threads || 'auto'}: ${run.status === 'completed' ? `p50 ${formatMs(point.p50Ms)}, ${formatRate(point.throughputPerS ?? 0)}` : run.status === 'failed' ? run.error : run.status}\n`);
      for (const t of judged ?? []) process.stderr.write(`    target ${t.sentence}\n`);
    };
    // A point ends when the next one starts, or when the sweep itself ends.
    let running: string | undefined;
    for (;;) {
      const p = await follow.next(studyId);
      if (p.runId !== running) {
        if (running) await ended(running);
        running = p.runId;
      }
      if (p.state === 'running') continue;
      if (running) await ended(running);
      if (p.state === 'failed') throw new CliError(`the sweep stopped after ${p.done} of ${p.total} points: ${p.error ?? 'unknown error'}`);
      return { studyId, points };
    }
  } finally {
    follow.close();
  }
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

/**
 * A sweep: one benchmark configuration measured over a grid of batch sizes and intra-op thread
 * counts, each point a stored run in one `sweep` study. The grid's order, its validation, what
 * each point measured and the fitted scaling curves are here once, for `dyno sweep`, the
 * studio's `studies.sweep` and the views that draw a sweep.
 */
import { z } from 'zod';
import { DisplaySchema } from './conditions';
import { RunConfigSchema, type Run, type RunConfig } from './run';
import { fitPowerLaw, type PowerLawFit } from './power-law';

export type SweepAxis = 'batch' | 'threads';

/** Why a grid cannot be swept, in the words of the CLI's flags (the studio shows the same). */
export function sweepGridError(batches: readonly number[], threadCounts: readonly number[]): string | undefined {
  if (batches.length === 0 || threadCounts.length === 0) return 'Pick at least one batch size and one thread count.';
  if (batches.length < 2 && threadCounts.length < 2) return 'Give at least two values to sweep: --batches 1,2,4,8 and/or --thread-counts 1,2,4.';
  if (threadCounts.includes(0) && threadCounts.length > 1) return '--thread-counts: 0 means "ORT decides"; sweep explicit counts instead.';
  return undefined;
}

/** The points in the order they run: every batch size at the first thread count, then the next. */
export function sweepGrid(batches: readonly number[], threadCounts: readonly number[]): { batch: number; threads: number }[] {
  return threadCounts.flatMap((threads) => batches.map((batch) => ({ batch, threads })));
}

/** One point's configuration: the sweep's own, with the point's batch size and thread count. */
export function sweepPointConfig(config: RunConfig, point: { batch: number; threads: number }, dimsSetByBatch: readonly string[] = []): RunConfig {
  // A dim the batch size sets would be a second, ignored value for the same axis.
  const dims = Object.fromEntries(Object.entries(config.dims).filter(([name]) => !dimsSetByBatch.includes(name)));
  return { ...config, dims, batchSize: point.batch, session: { ...config.session, intraOpThreads: point.threads } };
}

export const SweepRequestSchema = z
  .object({
    /** The configuration every point shares; its batch size and thread count are the grid's. */
    config: RunConfigSchema,
    batches: z.array(z.number().int().min(1).max(65_536)).min(1).max(32),
    threadCounts: z.array(z.number().int().min(0).max(1024)).min(1).max(64),
    name: z.string().trim().min(1).max(200).optional(),
    display: DisplaySchema.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const error = sweepGridError(r.batches, r.threadCounts);
    if (error) ctx.addIssue({ code: 'custom', message: error, path: ['batches'] });
  });

/** A sweep's state, as the host tells it after every point. */
export const SweepProgressSchema = z.object({
  studyId: z.string(),
  total: z.number().int().positive(),
  /** Points that have ended (completed, failed or aborted). */
  done: z.number().int().nonnegative(),
  /** The point running now (or the last one, once the sweep has ended). */
  runId: z.string().optional(),
  state: z.enum(['running', 'completed', 'cancelled', 'failed']),
  /** With `failed`: why the sweep stopped before its grid was measured. */
  error: z.string().optional(),
});
export type SweepProgress = z.infer<typeof SweepProgressSchema>;

/** What one point measured (none but its place in the grid unless it completed). */
export interface SweepPoint {
  batch: number;
  threads: number;
  runId: string;
  status: Run['status'];
  p50Ms?: number;
  meanMs?: number;
  throughputPerS?: number;
}

export function sweepPointOf(run: Run): SweepPoint {
  const stats = run.status === 'completed' ? run.stats : undefined;
  return {
    batch: run.config.batchSize ?? 1,
    threads: run.config.session.intraOpThreads,
    runId: run.id,
    status: run.status,
    ...(stats ? { p50Ms: stats.percentiles.p50?.valueMs, meanMs: stats.meanMs, throughputPerS: stats.throughputPerS } : {}),
  };
}

/** A power law along one axis, and the slice of the grid it went through (the other axis held at one value). */
export interface SweepFit extends PowerLawFit {
  at: { axis: SweepAxis; value: number };
}

/**
 * The power law along one axis, over the completed points at the first point's value of the
 * other axis (a 2-D grid gives one line per axis through its first row and column); the fit
 * names that value, so a reader knows which slice it describes.
 */
export function fitAlong(points: readonly SweepPoint[], axis: SweepAxis, metric: 'p50Ms' | 'throughputPerS' = 'p50Ms'): SweepFit | null {
  const other = axis === 'batch' ? 'threads' : 'batch';
  const fixed = points[0]?.[other];
  const line = points.flatMap((p) => {
    const y = p[metric];
    return p[other] === fixed && y !== undefined ? [[p[axis], y] as const] : [];
  });
  const fit = fitPowerLaw(
    line.map(([n]) => n),
    line.map(([, y]) => y),
  );
  return fit && fixed !== undefined ? { ...fit, at: { axis: other, value: fixed } } : null;
}

/** The axes a grid sweeps (those with two values or more). */
export function sweptAxes(points: readonly SweepPoint[]): SweepAxis[] {
  return (['batch', 'threads'] as const).filter((axis) => new Set(points.map((p) => p[axis])).size > 1);
}

/** Below this many points R² says nothing: a line through two points always fits exactly. */
const MIN_POINTS_FOR_R2 = 3;

/**
 * "p50 ∝ batch^0.931 at threads 4 (R² 0.998, 4 points)", or "… (2 points: no fit quality)", as the
 * CLI prints it and the studio shows it.
 */
export function fitSentence(label: string, axis: SweepAxis, fit: SweepFit | null): string {
  if (!fit) return `${axis}: too few completed points to fit`;
  // Threads 0 is ONNX Runtime's own choice.
  const at = `${fit.at.axis} ${fit.at.axis === 'threads' && fit.at.value === 0 ? 'auto' : fit.at.value}`;
  const quality = fit.points < MIN_POINTS_FOR_R2 ? `${fit.points} points: no fit quality` : `R² ${fit.r2.toFixed(3)}, ${fit.points} points`;
  return `${label} ∝ ${axis}^${fit.k.toFixed(3)} at ${at} (${quality})`;
}

/** The `dyno sweep` line equivalent to a studio sweep (the form's bench arguments, less batch and threads). */
export function sweepArgsFor(benchArgs: readonly string[], batches: readonly number[], threadCounts: readonly number[]): string[] {
  const args: string[] = [];
  for (let i = 0; i < benchArgs.length; i++) {
    const a = benchArgs[i];
    if (a === '--batch' || a === '--threads') i++;
    else if (a !== undefined) args.push(a);
  }
  if (batches.length > 1 || (batches[0] ?? 1) !== 1) args.push('--batches', batches.join(','));
  if (threadCounts.length > 1 || (threadCounts[0] ?? 0) !== 0) args.push('--thread-counts', threadCounts.join(','));
  return args;
}

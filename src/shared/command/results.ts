/**
 * What a command workload measured, beside the latency statistics every run has (each run's
 * wall time is one sample): per run its CPU time, the peak memory of its process tree, its exit
 * code and the metrics it printed; across runs each metric's final value with its spread, and
 * the time (and energy) to each target. Output is kept bounded: the last run's tail only.
 */
import { z } from 'zod';

export const MetricPointSchema = z.object({
  name: z.string(),
  value: z.number(),
  /** Seconds since the run started. */
  tS: z.number(),
  /** The `step` the program printed with it, when it did. */
  step: z.number().nullable(),
});
export type MetricPoint = z.infer<typeof MetricPointSchema>;

/**
 * How long after a command exits its output is still read. The pipes' end usually comes with the
 * exit; one held open past this is held by a process that left the run's process group (setsid,
 * a daemon), which may run for hours: the run ends with the command's own status and time.
 */
export const OUTPUT_GRACE_MS = 500;

export const CommandRunRecordSchema = z.object({
  phase: z.enum(['warmup', 'measure']),
  /** Index within its phase, from 0 (as the latency samples). */
  i: z.number().int().nonnegative(),
  /** Start on the shared time base (ms since the epoch), to line the run up with telemetry. */
  tMs: z.number(),
  wallMs: z.number(),
  /** CPU time of the whole process tree (every descendant that was waited for); null where the OS does not tell. */
  userMs: z.number().nullable(),
  sysMs: z.number().nullable(),
  /** Peak of the summed resident memory of the tree, sampled; null when the run ended before the first sample. */
  peakRssBytes: z.number().nullable(),
  exitCode: z.number().int().nullable(),
  /** Each metric's last value. */
  metrics: z.record(z.string(), z.number()),
  /** Per target (as written, e.g. accuracy>=0.98): seconds until first reached, null if never. */
  targetS: z.record(z.string(), z.number().nullable()),
  /** The metric series (decimated when long), for charts. */
  series: z.array(MetricPointSchema),
  /** Present (true) when a process the command started kept its output open past its exit, and Dyno stopped reading OUTPUT_GRACE_MS after it. */
  outputHeldOpen: z.boolean().optional(),
});
export type CommandRunRecord = z.infer<typeof CommandRunRecordSchema>;

export const SpreadSchema = z.object({ n: z.number().int(), mean: z.number(), std: z.number(), median: z.number(), min: z.number(), max: z.number() });
export type Spread = z.infer<typeof SpreadSchema>;

export const CommandResultsSchema = z.object({
  commandLine: z.string(),
  runs: z.array(CommandRunRecordSchema),
  /** Measured runs only; spread of each figure across them. */
  cpu: z.object({ userMs: SpreadSchema.nullable(), sysMs: SpreadSchema.nullable() }),
  metrics: z.array(z.object({ name: z.string(), final: SpreadSchema.nullable() })),
  targets: z.array(
    z.object({
      target: z.string(),
      reached: z.number().int().describe('measured runs that reached it'),
      runs: z.number().int(),
      seconds: SpreadSchema.nullable(),
      /** Energy until it was reached, where energy was measured (RAPL or GPU power). */
      joules: SpreadSchema.nullable(),
    }),
  ),
  /** Metrics asked for (--metric, --target) that no line of any run matched. */
  neverMatched: z.array(z.string()),
  /** The last run's output tails (bounded; a flood keeps only its end). */
  stdoutTail: z.string(),
  stderrTail: z.string(),
});
export type CommandResults = z.infer<typeof CommandResultsSchema>;

/**
 * The energy until each target was reached, per measured run that reached it, from an energy
 * reading over a window (RAPL: null where none was sampled); the spread across those runs.
 */
export function withTargetJoules(c: CommandResults, energyJ: (fromMs: number, toMs: number) => number | null): CommandResults {
  const measured = c.runs.filter((r) => r.phase === 'measure');
  return {
    ...c,
    targets: c.targets.map((t) => {
      const joules = measured.flatMap((r) => {
        const s = r.targetS[t.target];
        const j = s === null || s === undefined ? null : energyJ(r.tMs, r.tMs + s * 1000);
        return j === null ? [] : [j];
      });
      return { ...t, joules: spreadOf(joules) };
    }),
  };
}

/** Mean, σ, median, min and max of a figure across runs; null for none. */
export function spreadOf(values: readonly number[]): Spread | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((a, v) => a + v, 0) / n;
  const std = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { n, mean, std, median, min: sorted[0] as number, max: sorted[n - 1] as number };
}

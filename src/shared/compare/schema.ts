/**
 * What a comparison of runs answers (`runs.compare`, `dyno compare --format json`, the studio's
 * Compare view and the reports all read this one shape). Pure: zod schemas and the types
 * inferred from them.
 *
 * Ratios are always this side ÷ the baseline of the figure named, so for latency > 1 is slower
 * and for throughput > 1 is better; `lowerIsBetter` says which way a metric points. The
 * interval (`ciLow`–`ciHigh`, 95 %) is the uncertainty the verdict was judged from, which
 * depends on the evidence: between single runs it is widened by the machine's run-to-run
 * variation (one run is one observation; see `evidence`), between repeated runs it comes from
 * the per-run medians, in interleaved mode from the per-round paired ratios.
 */
import { z } from 'zod';
import { SideTargetsSchema } from '../targets/schema';

export const COMPARE_VERDICTS = ['faster', 'slower', 'no meaningful difference', 'inconclusive', 'not enough samples'] as const;
export const CompareVerdictSchema = z.enum(COMPARE_VERDICTS);
export type CompareVerdict = z.infer<typeof CompareVerdictSchema>;

/**
 * How much evidence stands behind a verdict: one run per side (the run, not the iteration, is
 * the unit of evidence, so this is the weakest), several runs per side (Mann-Whitney over the
 * per-run medians, benchstat's approach), or interleaved A/B rounds (a paired interval).
 */
export const EVIDENCE_LEVELS = ['single-runs', 'repeated-runs', 'interleaved'] as const;
export const EvidenceLevelSchema = z.enum(EVIDENCE_LEVELS);
export type EvidenceLevel = z.infer<typeof EvidenceLevelSchema>;

export const METRIC_KEYS = ['median', 'throughput', 'p90', 'p99', 'energyPerInference'] as const;
export const MetricKeySchema = z.enum(METRIC_KEYS);
export type MetricKey = z.infer<typeof MetricKeySchema>;

/** Which test gave a p-value. */
export const COMPARE_TESTS = ['mann-whitney-u', 'welch-t', 'paired-t-log-ratio', 'none'] as const;
export const CompareTestSchema = z.enum(COMPARE_TESTS);

export const MetricComparisonSchema = z.object({
  metric: MetricKeySchema,
  /** In words: "median latency", "throughput", "p99 latency", "energy per inference". */
  label: z.string(),
  unit: z.string(),
  lowerIsBetter: z.boolean(),
  /** The figure of the baseline side and of this side (the median of per-run figures for several runs). */
  baselineValue: z.number(),
  value: z.number(),
  /** value ÷ baselineValue. */
  ratio: z.number(),
  /** 95 % interval of the ratio; null where the data cannot give one. */
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  pValue: z.number().nullable(),
  test: CompareTestSchema,
  verdict: CompareVerdictSchema,
  /** "B is 1.23× faster than A (95 % CI 1.19–1.27)", or why no verdict could be given. */
  sentence: z.string(),
  /** Why the verdict is inconclusive or lacks samples, in words; absent otherwise. */
  reason: z.string().optional(),
});
export type MetricComparison = z.infer<typeof MetricComparisonSchema>;

/** Run-to-run variation of one machine and configuration: what a single-run comparison must exceed. */
export const RunToRunSchema = z.object({
  /**
   * Half-width, as a fraction, of the 95 % band of the ratio of two runs' medians of one
   * configuration on one machine: 0.25 means two such runs' medians differ by up to ×/÷ 1.25.
   */
  band: z.number().nonnegative(),
  /**
   * Where the band came from: repeated stored runs of that configuration and fingerprint, the
   * documented default, or the runs' own drift (their measurement windows' medians disagreed by
   * more than either): a machine whose state moves within a run moves as much between runs.
   */
  source: z.enum(['stored-runs', 'default', 'run-drift']),
  /** How many stored runs it was estimated from (0 for the default). */
  runs: z.number().int().nonnegative(),
});
export type RunToRun = z.infer<typeof RunToRunSchema>;

export const EvidenceSchema = z.object({
  level: EvidenceLevelSchema,
  /** Runs on this side and on the baseline side (rounds, in interleaved mode). */
  runs: z.number().int().positive(),
  baselineRuns: z.number().int().positive(),
  /** Single runs: the variation the difference had to exceed; null otherwise. */
  runToRun: RunToRunSchema.nullable(),
  /** Single runs: the within-run bootstrap interval of the ratio of medians (iterations resampled), shown but not judged alone. */
  withinRunCiLow: z.number().nullable(),
  withinRunCiHigh: z.number().nullable(),
  /**
   * Single runs: Mann-Whitney U over the two runs' iterations, shown but not judged. It treats
   * every iteration as independent evidence and ignores run-to-run variation, so between two
   * single runs it calls ordinary noise significant.
   */
  iterationPValue: z.number().nullable(),
  /** Iterations behind each side's figures. */
  samples: z.number().int().nonnegative(),
  baselineSamples: z.number().int().nonnegative(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** One setting that differs between the baseline and this side, named as the run form and the CLI name it. */
export const ConfigDifferenceSchema = z.object({
  /** Config path, e.g. 'session.intraOpThreads'. */
  path: z.string(),
  /** The knob registry's label and flag, e.g. "Intra-op threads", "--threads"; the path when no knob owns it. */
  setting: z.string(),
  flag: z.string().nullable(),
  baseline: z.string(),
  value: z.string(),
});
export type ConfigDifference = z.infer<typeof ConfigDifferenceSchema>;

const RunClusterSchema = z.object({ runs: z.number().int().positive(), lowMs: z.number(), highMs: z.number() });

/**
 * A side whose repeated runs split into two clusters of per-run medians (bimodal-runs.ts): the
 * structured form of one of `warnings`, whose sentence is `message`. Present only when it split.
 */
export const BimodalRunsSchema = z.object({
  code: z.literal('bimodal-runs'),
  message: z.string(),
  /** The side's label, as sentences name it. */
  side: z.string(),
  runIds: z.array(z.string()).min(1),
  fast: RunClusterSchema,
  slow: RunClusterSchema,
  /** Between the fast cluster's slowest and the slow cluster's fastest run median. */
  gapMs: z.number(),
  /** The gap as a fraction of the side's median. */
  gapShare: z.number(),
});
export type BimodalRuns = z.infer<typeof BimodalRunsSchema>;

export const RunComparisonSchema = z.object({
  /** The side's first run (the one a single-run side is). */
  runId: z.string(),
  /** Every run on this side: repeated runs of one configuration, or the rounds of an interleaved comparison. */
  runIds: z.array(z.string()).min(1),
  /** How the side is named in sentences ("run 1a2b3c" or a file name). */
  label: z.string(),
  modelName: z.string(),
  /** Median latency, this side ÷ baseline: > 1 is slower. The headline figure; equal to metrics' median entry. */
  ratio: z.number(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  pValue: z.number().nullable(),
  verdict: CompareVerdictSchema,
  sentence: z.string(),
  reason: z.string().optional(),
  /** Welch's t on mean latencies, alongside (means are pulled by the slow tail, so it does not decide). */
  welch: z.object({ meanRatio: z.number(), pValue: z.number().nullable(), df: z.number().nullable() }),
  /** Median, throughput, p90/p99 where both sides support them, energy per inference where both measured it. */
  metrics: z.array(MetricComparisonSchema),
  evidence: EvidenceSchema,
  /** Only the settings that differ from the baseline. */
  configDiff: z.array(ConfigDifferenceSchema),
  /** Environment fingerprint differences from the baseline (CPU, driver, ORT version, power limit…), in words. */
  fingerprintDifferences: z.array(z.string()),
  /** Measurement conditions that differ from the baseline's (live drawing, cores, priority, threads, busy neighbours; shared/conditions.ts), in words. */
  conditionDifferences: z.array(z.string()).default([]),
  warnings: z.array(z.string()),
  /** This side's runs split into two clusters (its sentence is also in `warnings`). */
  bimodal: BimodalRunsSchema.optional(),
});
export type RunComparison = z.infer<typeof RunComparisonSchema>;

export const ComparisonSchema = z.object({
  /** The baseline's run id (its first run, when the baseline side has several). */
  baseline: z.string(),
  baselineRunIds: z.array(z.string()).min(1),
  baselineLabel: z.string(),
  baselineModelName: z.string(),
  /** Practical threshold (fraction): a real difference smaller than this reads "no meaningful difference". */
  threshold: z.number(),
  confidence: z.number(),
  runs: z.array(RunComparisonSchema),
  /** Warnings about the comparison as a whole (e.g. runs of different models). */
  warnings: z.array(z.string()),
  /** The baseline side's runs split into two clusters (its sentence is also in `warnings`). */
  baselineBimodal: BimodalRunsSchema.optional(),
  /** The study an interleaved comparison stored its rounds in. */
  studyId: z.string().optional(),
  /** `dyno compare --target`: each side's runs judged against the targets (baseline included). */
  targets: z.array(SideTargetsSchema).optional(),
});
export type Comparison = z.infer<typeof ComparisonSchema>;

/** 1 %: a real but smaller difference reads "no meaningful difference" (issue 11). */
export const DEFAULT_THRESHOLD = 0.01;

export const CompareParamsSchema = z
  .object({
    /**
     * The sides to compare, at least two: each entry is one run id, or the ids of repeated runs
     * of one configuration (one side, compared by their per-run medians).
     */
    runIds: z.array(z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(1000)])).min(2).max(100),
    /** A run of the baseline side; the first side by default. */
    baselineId: z.string().min(1).optional(),
    /** Practical threshold as a fraction (0.01 = 1 %). */
    threshold: z.number().min(0).max(1).default(DEFAULT_THRESHOLD),
    /**
     * The i-th run of every side was measured in round i of an interleaved A/B comparison, so
     * the ratio is paired round by round.
     */
    paired: z.boolean().default(false),
  })
  .strict();
export type CompareParams = z.input<typeof CompareParamsSchema>;

/**
 * Verdicts of a command study. Wall time and energy are judged by the comparison engine, as in
 * a model study (the median of the runs' wall times; energy per run). Peak memory and time to
 * target are per-run figures the engine does not compare, so their gain is the ratio of the
 * medians of those figures with a percentile-bootstrap 95 % interval (shared/compare/bootstrap,
 * the engine's own resampler), pooling a side's runs over its re-measured rounds.
 */
import type { DynoApi } from '../../../shared/contract';
import { bootstrapQuantileRatio } from '../../../shared/compare/bootstrap';
import { COMMAND_OBJECTIVE_METRIC, COMMAND_OBJECTIVE_WORDS, objectiveSamples, type CommandGoal } from '../../../shared/optimizer/command/goal';
import { pairedVerdict, singleVerdicts, type Verdict } from '../verdicts';
import type { Completed } from '../trials';

/** Baseline ÷ candidate of the per-run medians (lower is better for every such figure): > 1 is a gain. */
export function bootstrapGain(baseline: readonly number[], candidate: readonly number[], what: string): Verdict | null {
  const sorted = (xs: readonly number[]) => Float64Array.from(xs).sort();
  const r = bootstrapQuantileRatio(sorted(candidate), sorted(baseline));
  if (!r) return null;
  const verdict = r.low > 1 ? 'better' : r.high < 1 ? 'worse' : 'no clear difference';
  const sentence = verdict === 'no clear difference' ? `${what}: no clear difference (${r.ratio.toFixed(3)}×, 95 % CI ${r.low.toFixed(3)}–${r.high.toFixed(3)}).` : `${what} ${r.ratio.toFixed(3)}× ${verdict} (95 % CI ${r.low.toFixed(3)}–${r.high.toFixed(3)}).`;
  return { gain: r.ratio, ciLow: r.low, ciHigh: r.high, verdict, sentence, evidence: `bootstrap of ${baseline.length} vs ${candidate.length} runs` };
}

export interface CommandJudge {
  /** Each run against the baseline run. */
  singles(baselineRunId: string, runIds: readonly string[]): Promise<Map<string, Verdict | null>>;
  /** The candidate's re-measured rounds against the baseline's. */
  paired(baselineRunIds: string[], candidateRunIds: string[]): Promise<Verdict | null>;
}

export function commandJudge(api: DynoApi, goal: CommandGoal, runOf: (runId: string) => Completed | undefined): CommandJudge {
  const metric = COMMAND_OBJECTIVE_METRIC[goal.objective];
  if (metric) {
    return {
      singles: (baseline, runIds) => singleVerdicts(api, baseline, runIds, metric),
      paired: (b, c) => pairedVerdict(api, b, c, metric),
    };
  }
  const what = COMMAND_OBJECTIVE_WORDS[goal.objective];
  const samples = (ids: readonly string[]): number[] => ids.flatMap((id) => {
    const run = runOf(id);
    return run ? objectiveSamples(run, goal) : [];
  });
  return {
    singles: async (baseline, runIds) => new Map(runIds.map((id) => [id, bootstrapGain(samples([baseline]), samples([id]), what)])),
    paired: async (b, c) => bootstrapGain(samples(b), samples(c), what),
  };
}

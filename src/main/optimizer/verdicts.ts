/**
 * The optimizer's verdicts from the comparison engine (shared/compare through `runs.compare`):
 * each trial against the baseline as single runs (the within-run interval widened by the
 * machine's run-to-run band), and the re-measured candidates against the baseline paired
 * round by round. A gain is "times better" for the objective: > 1 is better whichever way the
 * metric points.
 */
import type { DynoApi } from '../../shared/contract';
import type { MetricComparison, MetricKey, RunComparison } from '../../shared/compare/schema';
import { OBJECTIVE_METRIC, type Objective } from '../../shared/optimizer/goal';
import type { Gain } from '../../shared/optimizer/search';

export interface Verdict extends Gain {
  verdict: string;
  sentence: string;
  evidence: string;
}

/** What a verdict judges: a model objective (by its metric), or a comparison metric named directly (a command's objective). */
export type JudgedBy = Objective | MetricKey;
const metricOf = (o: JudgedBy): MetricKey => (o in OBJECTIVE_METRIC ? OBJECTIVE_METRIC[o as Objective] : (o as MetricKey));

/** The objective's metric of a comparison as a gain; null when the comparison has no such metric (e.g. p99 unsupported). */
export function gainOf(c: RunComparison, objective: JudgedBy): Verdict | null {
  const m: MetricComparison | undefined = c.metrics.find((x) => x.metric === metricOf(objective));
  if (!m) return null;
  const flip = (x: number | null): number | null => (x === null ? null : m.lowerIsBetter ? 1 / x : x);
  const low = flip(m.lowerIsBetter ? m.ciHigh : m.ciLow);
  const high = flip(m.lowerIsBetter ? m.ciLow : m.ciHigh);
  return { gain: flip(m.ratio) ?? 1, ciLow: low, ciHigh: high, verdict: m.verdict, sentence: m.sentence, evidence: c.evidence.level };
}

const SIDES_PER_CALL = 99;

/** Each run against the baseline run, as single runs; keyed by run id. */
export async function singleVerdicts(api: DynoApi, baselineRunId: string, runIds: readonly string[], objective: JudgedBy): Promise<Map<string, Verdict | null>> {
  const out = new Map<string, Verdict | null>();
  const others = [...new Set(runIds.filter((id) => id !== baselineRunId))];
  for (let i = 0; i < others.length; i += SIDES_PER_CALL) {
    const chunk = others.slice(i, i + SIDES_PER_CALL);
    const c = await api.call('runs.compare', { runIds: [baselineRunId, ...chunk] });
    for (const r of c.runs) out.set(r.runId, gainOf(r, objective));
  }
  return out;
}

/** Re-measured rounds of one candidate against the baseline's rounds, paired round by round. */
export async function pairedVerdict(api: DynoApi, baselineRounds: readonly string[], candidateRounds: readonly string[], objective: JudgedBy): Promise<Verdict | null> {
  const paired = baselineRounds.length === candidateRounds.length && baselineRounds.length >= 2;
  const c = await api.call('runs.compare', { runIds: [[...baselineRounds], [...candidateRounds]], paired });
  const [r] = c.runs;
  return r ? gainOf(r, objective) : null;
}

/** The optimizer's outcome as the JSON document of shared/optimizer/result.ts. */
import { benchCommandFor } from '../../shared/cli-command';
import { OBJECTIVE_UNIT, type OptimizeJson, type TrialFiguresJson, type TrialJson, type VerdictJson } from '../../shared/optimizer/result';
import { closestFigures, type OptimizeOutcome } from './run-optimizer';
import type { Attribution } from './search-phases';
import type { Trial } from './trials';
import type { Verdict } from './verdicts';
import { exportsFor } from './exports';

/** A verdict as the JSON documents of both kinds of study write it. */
export const verdictJson = (v: Verdict | null | undefined): VerdictJson | null => (v ? { verdict: v.verdict, gain: v.gain, ciLow: v.ciLow, ciHigh: v.ciHigh, evidence: v.evidence, sentence: v.sentence } : null);

/** The recommendation's gain over the baseline, as both kinds of study write it. */
export const gainJson = (g: NonNullable<OptimizeOutcome['recommended']>['gain']): { value: number; ciLow: number | null; ciHigh: number | null; evidence: string } => ({ value: g.gain, ciLow: g.ciLow, ciHigh: g.ciHigh, evidence: g.evidence });

/** One attribution entry, as both kinds of study write it (absent figures as null). */
export function attributionJson<F extends string, L>(a: Attribution<F, L>): { factor: F | 'combined'; level: L | null; gain: number | null; ciLow: number | null; ciHigh: number | null; runId: string | null; predicted?: number; interaction?: boolean } {
  return {
    factor: a.factor,
    level: a.level ?? null,
    gain: a.gain,
    ciLow: a.ciLow,
    ciHigh: a.ciHigh,
    runId: a.runId ?? null,
    ...(a.predicted !== undefined ? { predicted: a.predicted } : {}),
    ...(a.interaction !== undefined ? { interaction: a.interaction } : {}),
  };
}

export function figures(t: Trial, unit: string): TrialFiguresJson | null {
  const r = t.run;
  if (!r) return null;
  return {
    value: t.value ?? null,
    unit,
    p50Ms: r.stats.percentiles.p50?.valueMs ?? null,
    p99Ms: r.stats.percentiles.p99?.supported ? r.stats.percentiles.p99.valueMs : null,
    throughputPerS: r.stats.throughputPerS,
    energyPerInferenceMj: r.results.telemetry?.energy.perInferenceMj ?? null,
    peakRssBytes: r.results.memory.peakRssBytes,
  };
}

export function outcomeJson(o: OptimizeOutcome, batchDim?: string): OptimizeJson {
  const unit = OBJECTIVE_UNIT[o.spec.goal.objective];
  const trials: TrialJson[] = o.trials
    .filter((t) => t !== o.baseline)
    .map((t) => {
      return {
        runId: t.runId,
        phase: t.phase,
        candidate: t.key,
        status: t.status,
        reused: t.reused,
        config: t.config,
        figures: figures(t, unit),
        fidelity: t.fidelity ?? null,
        verdict: verdictJson(o.verdicts.get(t.runId)),
        rejected: t.rejected ?? null,
      };
    });
  const rec = o.recommended;
  return {
    study: o.studyId,
    model: o.spec.model,
    objective: o.spec.goal.objective,
    goal: o.spec.goal,
    baseline: { runId: o.baseline.runId, config: o.baseline.config, figures: figures(o.baseline, unit), fidelity: o.baseline.fidelity ?? null },
    trials,
    skipped: o.skipped,
    batchCurve: o.batchCurve.map((b) => ({ batch: b.batch, throughputPerS: b.throughputPerS ?? null, latencyMs: b.latencyMs ?? null, withinBudget: b.withinBudget, runId: b.runId })),
    recommended: rec
      ? {
          candidate: rec.trial.key,
          config: rec.trial.config,
          gainVsBaseline: gainJson(rec.gain),
          fidelity: rec.trial.fidelity ?? null,
          runIds: [rec.trial.runId, ...rec.remeasuredRunIds],
          exports: { ...exportsFor(rec.trial.config, batchDim), benchCommand: benchCommandFor({ ...rec.trial.config, label: undefined }) },
        }
      : null,
    closest: o.closest ? { candidate: o.closest.trial.key, ...closestFigures(o.closest) } : null,
    attribution: o.attribution.map(attributionJson),
    stopped: o.stopped,
    noCandidate: o.binding ?? null,
    elapsedMs: o.elapsedMs,
  };
}

/** A command study's outcome as the JSON document of shared/optimizer/command/result.ts. */
import { execCommandFor } from '../../../shared/command/form';
import { baselineLevel, factorLevels, FLAG_ON, type CommandFactor } from '../../../shared/optimizer/command/factors';
import { COMMAND_OBJECTIVE_UNIT } from '../../../shared/optimizer/command/goal';
import type { CommandFiguresJson, CommandOptimizeJson } from '../../../shared/optimizer/command/result';
import { attributionJson, gainJson, verdictJson } from '../result-json';
import type { CommandOptimizeOutcome } from './run-command-optimizer';
import type { CommandTrial } from './trials';

export function figures(t: CommandTrial, unit: string): CommandFiguresJson | null {
  const r = t.run;
  if (!r) return null;
  return {
    value: t.value ?? null,
    unit,
    medianWallMs: r.stats.percentiles.p50?.valueMs ?? null,
    peakRssBytes: r.results.memory.peakRssBytes,
    energyPerRunMj: r.results.telemetry?.energy.perInferenceMj ?? null,
    metrics: t.metrics,
  };
}

/** Every factor's chosen level: a flag as true/false, a parameter as its value. */
export function chosenLevels(factors: readonly CommandFactor[], candidate: Partial<Record<string, string>>): Record<string, string | boolean> {
  return Object.fromEntries(factors.map((f) => [f.name, f.kind === 'flag' ? candidate[f.name] === FLAG_ON : (candidate[f.name] ?? baselineLevel(f))]));
}

export function commandOutcomeJson(o: CommandOptimizeOutcome): CommandOptimizeJson {
  const unit = COMMAND_OBJECTIVE_UNIT[o.spec.goal.objective];
  const rec = o.recommended;
  return {
    study: o.studyId,
    workload: 'command',
    command: o.spec.base.modelPath,
    objective: o.spec.goal.objective,
    goal: o.spec.goal,
    factors: o.spec.factors.map((f) => ({ name: f.name, kind: f.kind, baseline: baselineLevel(f), levels: factorLevels(f) })),
    baseline: { runId: o.baseline.runId, commandLine: o.baseline.config.modelPath, config: o.baseline.config, figures: figures(o.baseline, unit), gates: o.baseline.gates },
    trials: o.trials
      .filter((t) => t !== o.baseline)
      .map((t) => ({
        runId: t.runId,
        phase: t.phase,
        candidate: t.key,
        status: t.status,
        reused: t.reused,
        commandLine: t.config.modelPath,
        config: t.config,
        figures: figures(t, unit),
        gates: t.gates,
        verdict: verdictJson(o.verdicts.get(t.runId)),
        rejected: t.rejected ?? null,
      })),
    recommended: rec
      ? {
          candidate: rec.trial.key,
          config: rec.trial.config,
          gainVsBaseline: gainJson(rec.gain),
          gates: rec.trial.gates,
          runIds: [rec.trial.runId, ...rec.remeasuredRunIds],
          exports: { commandLine: rec.trial.config.modelPath, execCommand: execCommandFor(rec.trial.config), parameters: chosenLevels(o.spec.factors, rec.trial.candidate) },
        }
      : null,
    attribution: o.attribution.map(attributionJson),
    stopped: o.stopped,
    noCandidate: o.binding ?? null,
    elapsedMs: o.elapsedMs,
  };
}

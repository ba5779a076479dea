/**
 * "Try next": what a finished run's own measurements suggest changing, each item with the
 * figures it rests on and the one change it proposes (factor levels of the optimizer, applied
 * through the knob registry, so "try it" runs exactly what `dyno bench` with those flags would).
 * Advice never promises a gain: it says what was seen and what may help, and "try it" measures
 * it (the comparison of the two runs gives the verdict). A rule whose evidence is absent (no
 * telemetry, no profile, no recorded conditions) says nothing: unknown is not zero.
 */
import type { Run, RunConfig } from '../run';
import { applyCandidate, type Candidate } from '../optimizer/factors';
import { benchCommandFor, shellQuote } from '../cli-command';
import { ADVICE_RULES } from './rules';
import type { AdviceItem } from './item';

export { ADVICE_IDS, AdviceItemSchema, type AdviceId, type AdviceItem, type CompletedRun } from './item';

/** What to try next after a run: empty for unfinished runs, failed ones and command workloads. */
export function adviceFor(run: Run): AdviceItem[] {
  if (run.status !== 'completed' || run.config.command) return [];
  return ADVICE_RULES.flatMap((rule) => rule(run) ?? []);
}

/**
 * The run "try it" queues: this run's configuration with only the item's change. The label and
 * targets are kept (targets are not knobs); a precision change is left to the host, which
 * writes the transformed model and sets the path (main/studio/advice-rerun.ts).
 */
export function adviceConfig(base: RunConfig, change: Candidate): RunConfig {
  const config = applyCandidate(base, change, base.label);
  return { ...config, ...(base.targets ? { targets: base.targets } : {}) };
}

/** model.onnx → model.int8.onnx beside it: where `dyno convert --to int8` writes by default. */
const convertedPath = (modelPath: string): string => `${modelPath.replace(/\.onnx$/i, '')}.int8.onnx`;

/**
 * The command lines that try an item from a terminal: `dyno bench` with the change (after
 * `dyno convert` for a precision change); none when the remedy is outside the run's settings
 * or the run's configuration cannot be written as flags.
 */
export function adviceCommand(base: RunConfig, change: Candidate | null): string | null {
  if (change === null) return null;
  let config: RunConfig;
  try {
    config = adviceConfig(base, change);
  } catch {
    // A stored config the flags cannot express (an imported run's): no command line, the advice stands.
    return null;
  }
  if (change.precision !== 'int8-dynamic') return benchCommandFor(config);
  return `npx dyno convert ${shellQuote(base.modelPath)} --to int8 && ${benchCommandFor({ ...config, modelPath: convertedPath(base.modelPath) })}`;
}

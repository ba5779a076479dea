/**
 * The run-knob registry: every setting of a benchmark run, once. The `dyno bench` options and
 * their parser (src/main/cli/bench-options.ts), the run form and its parser (knobs/form.ts,
 * renderer/stores/config-store.ts, components/RunForm.tsx), the "same run from a terminal" line
 * (shared/cli-command.ts) and the names in error messages (knobs/setting-names.ts) are all
 * generated from this list, in this order.
 *
 * Adding a knob: add its field to the zod schema in run-config.ts, then one entry to the list
 * for its group (stop-knobs.ts, session-knobs.ts, input-knobs.ts, measure-knobs.ts) with a
 * builder from builders.ts; a session knob also needs its line in
 * src/main/engine/session-options.ts. The form field, the CLI flag, the command line and the
 * round-trip tests follow. Adding an execution provider: add its name to EXECUTION_PROVIDERS in
 * run-config.ts and its case to executionProvidersFor in session-options.ts (tsc insists).
 */
import type { AnyKnob, KnobValue } from './knob';
import { STOP_KNOBS } from './stop-knobs';
import { SESSION_KNOBS } from './session-knobs';
import { INPUT_KNOBS } from './input-knobs';
import { RUN_KNOBS, SCENARIO_KNOBS, TELEMETRY_KNOBS } from './measure-knobs';

export const KNOBS = [...STOP_KNOBS, ...SESSION_KNOBS, ...INPUT_KNOBS, ...SCENARIO_KNOBS, ...TELEMETRY_KNOBS, ...RUN_KNOBS] as const;
export type Knob = (typeof KNOBS)[number];
export type KnobId = Knob['id'];
/** Every knob's value, keyed by id: what the CLI's options hold after parsing. */
export type KnobValues = { [K in Knob as K['id']]: KnobValue<K> };

/** The registry seen uniformly, for code that walks every knob. */
export const ALL_KNOBS: readonly AnyKnob[] = KNOBS;

const byId = new Map(ALL_KNOBS.map((k) => [k.id, k]));
export function knobById(id: string): AnyKnob | undefined {
  return byId.get(id);
}

export { EXACT_ITERATIONS } from './stop-knobs';

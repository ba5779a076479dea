/**
 * The `dyno bench` command line equivalent to a run configuration, shown live in the UI so a
 * user can move a configuration into a script or CI job. Generated from the knob registry:
 * defaults and knobs that do not apply are left out. A unit test parses the output with the
 * real CLI parser and checks it gives back the same configuration, for every knob.
 */
import type { RunConfig } from './run-config';
import type { AnyKnob } from './knobs/knob';
import { ALL_KNOBS, EXACT_ITERATIONS } from './knobs/registry';
import { knobApplies, knobsFromConfig } from './knobs/knob-config';
import { targetSpec } from './targets/parse';
import { sweepArgsFor } from './sweep';

/** One shell word: as it is when safe, else single-quoted. */
export function shellQuote(arg: string): string {
  return /^[\w./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The flags that give one knob its value (none for a default). */
function argsFor(knob: AnyKnob, value: unknown): string[] {
  if (value === undefined || same(value, knob.default)) return [];
  switch (knob.kind) {
    case 'switch':
      return [knob.flag];
    case 'choice': {
      const implied = knob.values.find((v) => v === value);
      const by = implied === undefined ? undefined : knob.impliedBy?.[implied];
      // A value implied by another knob's flag ('--inputs DIR') needs nothing; a switch of its own is shorter.
      if (by !== undefined) return by.startsWith('--') ? [by] : [];
      return [knob.flag, String(value)];
    }
    case 'value':
      return [knob.flag, knob.format(value)];
    case 'pairs':
      return typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([name, v]) => [knob.flag, knob.formatEntry(name, v)]) : [];
  }
}

export function benchArgsFor(config: RunConfig): string[] {
  const values = knobsFromConfig(config);
  const exact = EXACT_ITERATIONS.matches({ minIterations: config.stop.minIterations, maxIterations: config.stop.maxIterations, minDuration: config.stop.minDurationMs });
  const covered: readonly string[] = exact ? Object.keys(EXACT_ITERATIONS.expand(0)) : [];
  const args: string[] = [config.modelPath];
  for (const knob of ALL_KNOBS) {
    if (exact && knob.id === covered[0]) args.push(EXACT_ITERATIONS.flag, String(config.stop.minIterations));
    if (covered.includes(knob.id) || !knobApplies(knob, values)) continue;
    args.push(...argsFor(knob, values[knob.id]));
  }
  // Targets are not knobs (they change no measurement) but belong to the run as asked.
  for (const t of config.targets ?? []) args.push('--target', targetSpec(t));
  return args;
}

export function benchCommandFor(config: RunConfig): string {
  return ['npx', 'dyno', 'bench', ...benchArgsFor(config).map(shellQuote)].join(' ');
}

/** The `dyno sweep` command equivalent to a studio sweep over this configuration (shared/sweep.ts). */
export function sweepCommandFor(config: RunConfig, batches: readonly number[], threadCounts: readonly number[]): string {
  return ['npx', 'dyno', 'sweep', ...sweepArgsFor(benchArgsFor(config), batches, threadCounts).map(shellQuote)].join(' ');
}

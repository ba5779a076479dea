/**
 * `dyno bench` options, generated from the run-knob registry (shared/knobs): one commander
 * option per knob with its flag, help, default, choices and parser, and the mapping of the
 * parsed options onto a RunConfig through the same conversion the run form uses. The UI's
 * "same run from a terminal" line (shared/cli-command.ts) is the inverse; unit tests check that
 * parsing it gives back the configuration it came from, knob by knob.
 */
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { RunConfig } from '../../shared/run-config';
import type { AnyKnob } from '../../shared/knobs/knob';
import { ALL_KNOBS, EXACT_ITERATIONS, knobById, type KnobValues } from '../../shared/knobs/registry';
import { configFromKnobs } from '../../shared/knobs/knob-config';
import { knobName } from '../../shared/knobs/setting-names';
import { cliCollector, cliParser, percent, positiveInt } from './options';
import { collectTarget, type TargetFlags } from './targets';

/** What commander hands the action: every knob by id, the `-n` shorthand, and the non-knob flags. */
export type BenchFlags = KnobValues & TargetFlags & {
  iterations?: number;
  /** Not run knobs: they decide what happens after the run (bench.ts). */
  baseline?: string;
  failIfSlower?: number;
};

function describeDefault(knob: AnyKnob): string | undefined {
  if (knob.default === undefined || knob.kind === 'switch') return undefined;
  if (knob.kind === 'pairs') return 'none';
  if (knob.kind === 'value') {
    const text = knob.format(knob.default);
    return text === '' ? 'all' : text;
  }
  return knob.default;
}

function helpOf(knob: AnyKnob): string {
  const only = knob.when ? ` (only when ${knobById(knob.when.knob)?.flag ?? knob.when.knob} is ${knob.when.values.map(String).join(' or ')})` : '';
  return `${knob.kind === 'switch' ? '' : `${knob.label}: `}${knob.help}${only}`;
}

/** The commander option of one knob. */
export function optionFor(knob: AnyKnob): Option {
  const name = knobName(knob, 'cli');
  const flags = (arg: string) => `${knob.short ? `${knob.short}, ` : ''}${knob.flag}${arg}`;
  const dflt = describeDefault(knob);
  switch (knob.kind) {
    case 'switch':
      return new Option(flags(''), helpOf(knob)).default(knob.default);
    case 'choice':
      return new Option(flags(` <${knob.placeholder}>`), helpOf(knob))
        .choices(knob.values)
        .argParser(cliParser(name, (t) => {
          const v = knob.values.find((x) => x === t);
          return v === undefined ? { ok: false, problem: `must be one of ${knob.values.join(', ')}` } : { ok: true, value: v };
        }))
        .default(knob.default, dflt);
    case 'value': {
      const option = new Option(flags(` <${knob.placeholder}>`), helpOf(knob)).argParser(cliParser(name, knob.parse));
      return knob.default === undefined ? option : option.default(knob.default, dflt);
    }
    case 'pairs':
      return new Option(flags(` <${knob.placeholder}>`), helpOf(knob)).argParser(cliCollector(name, knob.parseEntry)).default({}, dflt);
  }
}

export function addBenchOptions(cmd: Command): Command {
  cmd.addOption(new Option(`${EXACT_ITERATIONS.short}, ${EXACT_ITERATIONS.flag} <n>`, EXACT_ITERATIONS.help).argParser(positiveInt(EXACT_ITERATIONS.flag)));
  const options = new Map(ALL_KNOBS.map((k) => [k.id, optionFor(k)]));
  // Shorthands that imply a choice: `--zeros`, and `--inputs DIR` implying files; they exclude each other.
  for (const knob of ALL_KNOBS) {
    if (knob.kind !== 'choice' || !knob.impliedBy) continue;
    const implying: Option[] = [];
    for (const [value, by] of Object.entries(knob.impliedBy)) {
      if (by === undefined) continue;
      const option = by.startsWith('--') ? new Option(by, `same as ${knob.flag} ${value}`) : options.get(by);
      if (!option) throw new Error(`${knob.id}: no knob ${by} to imply ${value}`);
      implying.push(option.implies({ [knob.id]: value }));
      if (by.startsWith('--')) options.set(`${knob.id}:${value}`, option);
    }
    for (const option of implying) option.conflicts(implying.filter((o) => o !== option).map((o) => o.attributeName()));
  }
  for (const option of options.values()) cmd.addOption(option);
  return cmd
    .option('--baseline <run-id|file>', 'compare with a stored run or a `dyno bench --format json` file (not a run knob)')
    .option('--fail-if-slower <pct>', 'with --baseline: exit 3 if the median is slower by more than PCT % (not a run knob)', percent('--fail-if-slower'))
    .option('--target <spec>', "a target the run must meet, e.g. 'p99<=15ms', 'throughput>=500/s', 'energy<=2J', 'memory<=512MiB'; repeatable, stored with the run, exit 3 on a fail", collectTarget, []);
}

/** The run configuration the parsed options describe; one clear error for any contradiction. */
export function benchConfig(model: string, flags: BenchFlags): RunConfig {
  const { target: targets = [], ...o } = flags;
  const values: Record<string, unknown> = { ...o };
  if (o.iterations !== undefined) Object.assign(values, EXACT_ITERATIONS.expand(o.iterations));
  if (typeof o.inputs === 'string') values.inputs = resolve(o.inputs);
  const { config, errors } = configFromKnobs(resolve(model), values, { audience: 'cli', strict: true });
  if (!config) throw new Error(`${errors.map((e) => e.message).join('; ')}.`);
  // Targets travel with the run: the host judges them when it completes and stores the verdicts.
  return targets.length > 0 ? { ...config, targets } : config;
}

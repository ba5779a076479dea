/**
 * Commander argParsers, each failing with one message that names the option. Run knobs use
 * their registry parsers through these (bench-options.ts); other subcommands (inspect --dim,
 * zoo --seed, serve --port) reuse the same ones, so a flag reads the same everywhere.
 */
import { InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { numberParser } from '../../shared/knobs/builders';
import type { Parsed } from '../../shared/knobs/knob';
import { DIM_KNOB, SHAPE_KNOB } from '../../shared/knobs/input-knobs';

/** An argParser from a registry-style parser: "NAME must be … (got 'x')." */
export function cliParser<V>(name: string, parse: (text: string) => Parsed<V>) {
  return (value: string): V => {
    const r = parse(value);
    if (!r.ok) throw new InvalidArgumentError(`${name} ${r.problem} (got '${value}').`);
    return r.value;
  };
}

/** A repeatable NAME=VALUE option, collected into one record. */
export function cliCollector<V>(name: string, parseEntry: (text: string) => Parsed<[string, V]>) {
  const parse = cliParser(name, parseEntry);
  return (value: string, previous: Record<string, V> = {}): Record<string, V> => {
    const [key, v] = parse(value);
    return { ...previous, [key]: v };
  };
}

export const positiveInt = (name: string) => cliParser(name, numberParser(z.number().int().min(1)));
export const nonNegativeInt = (name: string) => cliParser(name, numberParser(z.number().int().min(0)));

/** `--dim batch=8`, repeatable, into { batch: 8 }: the run knob's own parser. */
export const collectNamedInt = (flag: string) => cliCollector(flag, DIM_KNOB.parseEntry);

/** `--shape x=1x3x224x224`, repeatable. */
export const collectShape = cliCollector('--shape', SHAPE_KNOB.parseEntry);

export function percent(name: string) {
  return cliParser(name, (text) => numberParser(z.number().min(0))(text.replace(/%$/, '')));
}

/** Parsers for CLI option values, each failing with a message that names the option. */
import { InvalidArgumentError } from 'commander';

export function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number ≥ 1 (got '${value}').`);
    return n;
  };
}

export function nonNegativeInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number ≥ 0 (got '${value}').`);
    return n;
  };
}

export function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a number > 0 (got '${value}').`);
    return n;
  };
}

export function seconds(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${name} must be a number of seconds ≥ 0 (got '${value}').`);
    return n;
  };
}

/** `--dim batch=8`, repeatable, into { batch: 8 }. */
export function collectNamedInt(flag: string) {
  return (value: string, previous: Record<string, number> = {}): Record<string, number> => {
    const m = /^([^=]+)=(\d+)$/.exec(value);
    if (!m?.[1] || !m[2] || Number(m[2]) < 1) throw new InvalidArgumentError(`${flag} takes NAME=N with N ≥ 1 (got '${value}').`);
    return { ...previous, [m[1]]: Number(m[2]) };
  };
}

/** `--shape x=1x3x224x224`, repeatable. */
export function collectShape(value: string, previous: Record<string, number[]> = {}): Record<string, number[]> {
  const m = /^(.+)=(\d+(?:x\d+)*)?$/.exec(value);
  if (!m?.[1]) throw new InvalidArgumentError(`--shape takes NAME=D1xD2x… (got '${value}').`);
  return { ...previous, [m[1]]: m[2] ? m[2].split('x').map(Number) : [] };
}

/** `--value sr=16000`, repeatable. */
export function collectValue(value: string, previous: Record<string, number> = {}): Record<string, number> {
  const m = /^(.+)=(.+)$/.exec(value);
  const n = Number(m?.[2]);
  if (!m?.[1] || !Number.isFinite(n)) throw new InvalidArgumentError(`--value takes NAME=NUMBER (got '${value}').`);
  return { ...previous, [m[1]]: n };
}

export function percent(name: string) {
  return (value: string): number => {
    const n = Number(value.replace(/%$/, ''));
    if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${name} must be a percentage ≥ 0 (got '${value}').`);
    return n;
  };
}

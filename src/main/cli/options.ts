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

export function seconds(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${name} must be a number of seconds ≥ 0 (got '${value}').`);
    return n;
  };
}

/** `--dim batch=8`, repeatable. */
export function collectDim(value: string, previous: Record<string, number> = {}): Record<string, number> {
  const m = /^([^=]+)=(\d+)$/.exec(value);
  if (!m?.[1] || !m[2] || Number(m[2]) < 1) throw new InvalidArgumentError(`--dim takes NAME=N with N ≥ 1 (got '${value}').`);
  return { ...previous, [m[1]]: Number(m[2]) };
}

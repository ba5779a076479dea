/** `--target`, repeatable: each one parsed by the shared parser as commander reads it, so a bad one fails before any measuring. */
import { InvalidArgumentError } from 'commander';
import { parseTarget, TargetParseError } from '../../shared/targets/parse';
import type { Target } from '../../shared/targets/schema';

export interface TargetFlags {
  target?: Target[];
}

export function collectTarget(value: string, previous: Target[] = []): Target[] {
  try {
    return [...previous, parseTarget(value)];
  } catch (err) {
    if (err instanceof TargetParseError) throw new InvalidArgumentError(err.message);
    throw err;
  }
}

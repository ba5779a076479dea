/**
 * What `dyno optimize` and `dyno optimize-exec` do alike around their search: read the time
 * budget, and end the same way — the `--out` files, the document on stdout (text or `--json`),
 * the exit code, and the optimizer's refusals as the CLI's one-line error.
 */
import { resolve } from 'node:path';
import { parseDuration } from '../../shared/optimizer/goal';
import { OptimizerError } from '../optimizer/run-optimizer';
import { CliError } from './errors';
import { EXIT_CANCELLED, EXIT_OK, EXIT_REGRESSION } from './exit-codes';

export { DEFAULT_TIME_BUDGET } from './command-options';

export function timeBudgetMs(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new CliError(`--time-budget takes a duration such as 10m, 90s or 1h (got '${text}').`);
  return ms;
}

/** The part of either study's JSON document that decides the exit code. */
interface Ending {
  stopped: { reason: string };
  noCandidate: string | null;
}

/** Writes the outcome where asked and says which exit code it ends with. */
export function emitOutcome<J extends Ending>(json: J, o: { json: boolean; out?: string | undefined }, writeOutputs: (dir: string, json: J) => void, textSummary: (json: J) => string): number {
  if (o.out) writeOutputs(resolve(o.out), json);
  process.stdout.write(o.json ? JSON.stringify(json, null, 2) + '\n' : textSummary(json));
  if (json.stopped.reason === 'cancelled') return EXIT_CANCELLED;
  return json.noCandidate ? EXIT_REGRESSION : EXIT_OK;
}

/** An optimizer's refusal (a baseline it cannot measure, a budget too short) becomes the CLI's one-line error; anything else stays as it is. */
export function asCliError(err: unknown): unknown {
  return err instanceof OptimizerError ? new CliError(err.message) : err;
}

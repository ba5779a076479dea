/**
 * `dyno bench --baseline`: a stored run (by id) or an exported run file (`dyno bench --json`,
 * read back with the format's reader), checked before the benchmark starts and compared with
 * the new run afterwards by the same comparison as `dyno compare` (verdict, 95 % interval
 * widened by run-to-run variation; see shared/compare).
 */
import { existsSync, readFileSync } from 'node:fs';
import { ApiCallError, type DynoApi } from '../../shared/contract';
import type { RunComparison } from '../../shared/compare/schema';
import { DEFAULT_THRESHOLD } from '../../shared/compare/schema';
import { readRunJson, RunJsonReadError } from '../../shared/run-json-reader';
import { compareRefs } from './compare-refs';
import { CliError } from './errors';

export interface Baseline {
  ref: string;
  /** How the JSON names it: "run <id>" or the file's path. */
  label: string;
}

function checkFile(path: string): Baseline {
  let runs;
  try {
    runs = readRunJson(readFileSync(path, 'utf8'), `--baseline ${path}`);
  } catch (err) {
    if (err instanceof RunJsonReadError) throw new CliError(err.message);
    throw err;
  }
  const [only, ...more] = runs;
  if (!only || more.length > 0) throw new CliError(`--baseline ${path} holds ${runs.length} runs: give a file with one.`);
  if (only.run.status !== 'completed' || !only.stats) throw new CliError(`--baseline ${path} is a ${only.run.status} run, not a completed one.`);
  return { ref: path, label: path };
}

/** Refuses a baseline that cannot be compared before any time is spent measuring. */
export async function loadBaseline(ref: string, api: DynoApi): Promise<Baseline> {
  if (existsSync(ref)) return checkFile(ref);
  let detail;
  try {
    detail = await api.call('runs.get', { runId: ref });
  } catch (err) {
    // Only "no such run" means the reference was wrong; anything else (a damaged store) is itself the error.
    if (err instanceof ApiCallError && err.code === 'not-found') throw new CliError(`--baseline ${ref} is neither a file nor a stored run id.`);
    throw err;
  }
  if (detail.run.status !== 'completed') throw new CliError(`--baseline run ${ref} is ${detail.run.status}, not completed.`);
  return { ref, label: `run ${ref}` };
}

/** The new run against the baseline. */
export async function compareWithBaseline(api: DynoApi, baseline: Baseline, runId: string): Promise<RunComparison> {
  const c = await compareRefs(api, { sides: [[baseline.ref], [runId]], baselineIndex: 0, threshold: DEFAULT_THRESHOLD, flagOf: (i) => (i === 0 ? '--baseline ' : '') });
  const [only] = c.runs;
  if (!only) throw new Error('a comparison of two runs has one result');
  return only;
}

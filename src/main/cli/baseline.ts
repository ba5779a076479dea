/**
 * `--baseline`: a stored run (by id) or an exported run file (`dyno bench --json`, read back
 * with the format's reader) to compare against.
 */
import { existsSync, readFileSync } from 'node:fs';
import { ApiCallError, type DynoApi } from '../../shared/contract';
import type { RunSummaryForCompare } from '../../shared/compare';
import type { Environment } from '../../shared/telemetry';
import { readRunJson, RunJsonReadError } from '../../shared/run-json-reader';
import { CliError } from './errors';

export interface Baseline {
  label: string;
  summary: RunSummaryForCompare;
  environment?: Environment;
}

function fromFile(path: string): Baseline {
  let runs;
  try {
    runs = readRunJson(readFileSync(path, 'utf8'), `--baseline ${path}`);
  } catch (err) {
    if (err instanceof RunJsonReadError) throw new CliError(err.message);
    throw err;
  }
  const [only, ...more] = runs;
  if (!only || more.length > 0) throw new CliError(`--baseline ${path} holds ${runs.length} runs: give a file with one.`);
  const s = only.stats;
  if (only.run.status !== 'completed' || !s) throw new CliError(`--baseline ${path} is a ${only.run.status} run, not a completed one.`);
  return {
    label: path,
    summary: { medianMs: s.p50_ms ?? s.mean_ms, meanMs: s.mean_ms, stdMs: s.std_ms },
    ...(only.environment ? { environment: only.environment } : {}),
  };
}

export async function loadBaseline(ref: string, api: DynoApi): Promise<Baseline> {
  if (existsSync(ref)) return fromFile(ref);
  let detail;
  try {
    detail = await api.call('runs.get', { runId: ref });
  } catch (err) {
    // Only "no such run" means the reference was wrong; anything else (a damaged store) is itself the error.
    if (err instanceof ApiCallError && err.code === 'not-found') throw new CliError(`--baseline ${ref} is neither a file nor a stored run id.`);
    throw err;
  }
  const run = detail.run;
  if (run.status !== 'completed') throw new CliError(`--baseline run ${ref} is ${run.status}, not completed.`);
  const median = run.stats.percentiles.p50?.valueMs ?? run.stats.meanMs;
  return { label: `run ${ref}`, summary: { medianMs: median, meanMs: run.stats.meanMs, stdMs: run.stats.stdMs }, environment: run.results.environment };
}

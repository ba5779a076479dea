/**
 * What `dyno compare` and `dyno bench --baseline` compare: references that are stored run ids
 * or run JSON files (read back with the format's reader). With ids alone the host compares
 * (`runs.compare`, from every stored sample); a file carries only its summary, so a side with
 * a file is compared from the summaries of all sides, here, with the same pure comparison.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ApiCallError, type DynoApi } from '../../shared/contract';
import { comparableFromJson, comparableFromRun, NotComparableError, type ComparableRun } from '../../shared/compare/comparable-run';
import { compareSides } from '../../shared/compare/compare-sides';
import type { Comparison } from '../../shared/compare/schema';
import { readRunJson, RunJsonReadError } from '../../shared/run-json-reader';
import { CliError } from './errors';

/** One side: a run, or repeated runs of one configuration. */
export type Side = readonly string[];

export const isFileRef = (ref: string): boolean => existsSync(ref);

function fromFile(path: string, flag: string): ComparableRun[] {
  let runs;
  try {
    runs = readRunJson(readFileSync(path, 'utf8'), `${flag}${path}`);
  } catch (err) {
    if (err instanceof RunJsonReadError) throw new CliError(err.message);
    throw err;
  }
  try {
    return runs.map((json, i) => comparableFromJson(json, runs.length > 1 ? `${basename(path)} (run ${i + 1})` : basename(path)));
  } catch (err) {
    if (err instanceof NotComparableError) throw new CliError(`${flag}${err.message}`);
    throw err;
  }
}

async function fromStore(api: DynoApi, id: string, flag: string): Promise<ComparableRun> {
  try {
    const { run } = await api.call('runs.get', { runId: id });
    return comparableFromRun(run, null);
  } catch (err) {
    if (err instanceof ApiCallError && err.code === 'not-found') throw new CliError(`${flag}${id} is neither a file nor a stored run id.`);
    if (err instanceof NotComparableError) throw new CliError(`${flag}${err.message}`);
    throw err;
  }
}

export interface CompareRequest {
  sides: readonly Side[];
  baselineIndex: number;
  threshold: number;
  paired?: boolean;
  /** How refs are named in errors: '--baseline ' for bench. */
  flagOf?: (sideIndex: number) => string;
}

/** The comparison of the sides, by the host when every ref is a run id, from summaries otherwise. */
export async function compareRefs(api: DynoApi, req: CompareRequest): Promise<Comparison> {
  const flagOf = req.flagOf ?? (() => '');
  if (!req.sides.some((s) => s.some(isFileRef))) {
    const baselineId = req.sides[req.baselineIndex]?.[0];
    try {
      return await api.call('runs.compare', { runIds: req.sides.map((s) => [...s]), threshold: req.threshold, paired: req.paired ?? false, ...(baselineId ? { baselineId } : {}) });
    } catch (err) {
      if (err instanceof ApiCallError && err.code === 'not-found') {
        const id = /No run with id (.+)\.$/.exec(err.message)?.[1] ?? '';
        const side = req.sides.findIndex((s) => s.includes(id));
        throw new CliError(`${flagOf(side)}${id} is neither a file nor a stored run id.`);
      }
      if (err instanceof ApiCallError) throw new CliError(err.message);
      throw err;
    }
  }
  const sides: ComparableRun[][] = [];
  for (const [i, side] of req.sides.entries()) {
    const runs: ComparableRun[] = [];
    for (const ref of side) runs.push(...(isFileRef(ref) ? fromFile(ref, flagOf(i)) : [await fromStore(api, ref, flagOf(i))]));
    sides.push(runs);
  }
  try {
    return compareSides(sides, { baselineIndex: req.baselineIndex, threshold: req.threshold, paired: req.paired ?? false });
  } catch (err) {
    if (err instanceof NotComparableError) throw new CliError(err.message);
    throw err;
  }
}

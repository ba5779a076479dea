/**
 * `runs.compare`: reads each side's runs and measured samples from the store, looks up the
 * machine's run-to-run variation from stored repeats of each configuration (same settings,
 * same environment fingerprint), and hands them to the pure comparison (shared/compare).
 */
import { ApiCallError } from '../../shared/contract';
import { comparableFromRun, NotComparableError, type ComparableRun } from '../../shared/compare/comparable-run';
import { compareSides } from '../../shared/compare/compare-sides';
import { runToRunFromMedians, sameSetup } from '../../shared/compare/run-to-run';
import type { RunsRepository } from '../store/runs-repository';
import type { Handler } from './handlers';

/** How far back repeats of a configuration are looked for. */
const REPEATS_LOOKED_AT = 500;

function notComparable(err: unknown): never {
  if (err instanceof NotComparableError) throw new ApiCallError(err.message, 'not-comparable');
  throw err;
}

export function compareHandler(repo: RunsRepository): Handler<'runs.compare'> {
  const load = (id: string): ComparableRun => {
    const found = repo.get(id);
    if (!found) throw new ApiCallError(`No run with id ${id}.`, 'not-found');
    try {
      return comparableFromRun(found.run, found.run.status === 'completed' ? repo.measuredLatencies(id) : null);
    } catch (err) {
      return notComparable(err);
    }
  };
  const runToRun = (side: readonly ComparableRun[]) => {
    const [first] = side;
    if (!first) return runToRunFromMedians([]);
    const repeats = repo.completedOfModel(first.modelName, REPEATS_LOOKED_AT).flatMap((r) =>
      r.status === 'completed' && sameSetup(first, { config: r.config, environment: r.results.environment }) ? [r.stats.percentiles.p50?.valueMs ?? r.stats.meanMs] : [],
    );
    return runToRunFromMedians(repeats);
  };
  return ({ runIds, baselineId, threshold, paired }) => {
    const sides = runIds.map((entry) => (typeof entry === 'string' ? [entry] : entry).map(load));
    const baselineIndex = baselineId === undefined ? 0 : sides.findIndex((s) => s.some((r) => r.id === baselineId));
    if (baselineIndex < 0) throw new ApiCallError(`The baseline ${baselineId ?? ''} is not one of the runs compared.`, 'invalid-params');
    try {
      return compareSides(sides, { baselineIndex, threshold, paired, runToRun });
    } catch (err) {
      return notComparable(err);
    }
  };
}

/**
 * The Sessions methods: paged, filtered lists of stored runs and their count, the filters'
 * values, editing a run's label, notes and tags, soft delete and restore (the studio's Undo),
 * and re-running a stored run's configuration (or, for "try it", that configuration with one
 * advice item's change) through the same start path as `runs.start`.
 */
import { ApiCallError } from '../../shared/contract';
import { isRunActive, type RunConfig } from '../../shared/run';
import type { RunCatalog } from '../store/run-catalog';
import type { RunsRepository } from '../store/runs-repository';
import type { Handlers } from './handlers';
import type { Display } from '../../shared/conditions';
import { adviceRunConfig } from './advice-rerun';

type SessionMethods = 'runs.list' | 'runs.ids' | 'runs.count' | 'runs.facets' | 'runs.history' | 'runs.update' | 'runs.delete' | 'runs.restore' | 'runs.rerun';

const notFound = (ids: readonly string[]): ApiCallError =>
  new ApiCallError(ids.length === 1 ? `No run with id ${ids[0]}.` : `No runs with ids ${ids.join(', ')}.`, 'not-found');

export function sessionHandlers(
  catalog: RunCatalog,
  repo: RunsRepository,
  start: (config: RunConfig, display?: Display) => Promise<{ runId: string }>,
  now: () => Date,
  /** The studio's folder: where a precision change's transformed model is written. */
  home: string,
): Pick<Handlers, SessionMethods> {
  /** All or none: one unknown id refuses the whole request, so nothing half happens. */
  const requireAll = (runIds: readonly string[]): void => {
    const missing = catalog.missing(runIds);
    if (missing.length > 0) throw notFound(missing);
  };
  return {
    'runs.list': ({ filter, sort, limit, offset }) => catalog.page(filter, sort, limit, offset),
    'runs.ids': ({ filter, sort }) => ({ ids: catalog.ids(filter, sort) }),
    'runs.count': ({ filter }) => ({ total: catalog.count(filter) }),
    'runs.facets': () => catalog.facets(),
    'runs.history': ({ filter, limit }) => catalog.history(filter, limit),
    'runs.update': ({ runId, patch }) => {
      const run = catalog.updateMeta(runId, patch);
      if (!run) throw notFound([runId]);
      return run;
    },
    'runs.delete': ({ runIds }) => {
      requireAll(runIds);
      const active = runIds.filter((id) => {
        const run = repo.get(id)?.run;
        return run !== undefined && isRunActive(run);
      });
      if (active.length > 0) {
        const which = active.length === 1 ? `Run ${active.join('')} is` : `Runs ${active.join(', ')} are`;
        throw new ApiCallError(`${which} still queued or running: cancel first; nothing was deleted.`, 'conflict');
      }
      return { deleted: catalog.softDelete(runIds, now().toISOString()) };
    },
    'runs.restore': ({ runIds }) => {
      requireAll(runIds);
      return { restored: catalog.restore(runIds) };
    },
    'runs.rerun': async ({ runId, advice, display }) => {
      const stored = repo.get(runId);
      if (!stored) throw notFound([runId]);
      return start(advice ? await adviceRunConfig(stored.run, advice, home) : stored.run.config, display);
    },
  };
}

/**
 * The studio's addresses, in the URL's hash so they work from a file:// page (Electron) and
 * behind `dyno serve` alike, and survive a reload:
 *   #/run                  the Run view          #/runs/<id>             one stored run (Sessions)
 *   #/run?run=<id>         the Run view watching a run (the one it started), so a reload shows it again
 *   #/sessions             the Sessions list     #/studies/<id>          a study's runs (Sessions)
 *   #/compare/<id>,<id>…   a comparison of distinct runs (?baseline=<id>; #/compare alone: none yet)   #/models
 *   #/optimize             the optimizer wizard's goal   #/optimize/<study>      one optimizer study
 *   ?workload=command on either: the wizard's Command workload (a command's goal, a command study)
 *   #/models/graph?run=<id>[&op=<type>|&node=<name>]   a profiled run laid over its model's graph
 * Pure: parsing and formatting only; routing/router.ts applies them to the stores.
 */
import { ROUTE_ID as ID } from '../../../shared/deep-link';
import { runNamedTwice } from '../../../shared/compare/named-twice';

/** What "Show on graph" centres: every node of an op type, or one node (by its name or an ORT kernel's). */
export type GraphFocus = { op: string } | { node: string };

export type Route =
  | { view: 'run'; runId?: string }
  | { view: 'sessions'; runId?: string; studyId?: string }
  | { view: 'compare'; runIds: string[]; baselineId?: string }
  | { view: 'models'; graph?: { runId: string; focus?: GraphFocus } }
  | { view: 'optimize'; studyId?: string; workload?: 'command' };

export function parseRoute(hash: string): Route | undefined {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [head, arg, ...rest] = path.split('/').filter(Boolean);
  if (rest.length > 0) return undefined;
  const param = new URLSearchParams(query);
  switch (head) {
    case 'run': {
      if (arg !== undefined) return undefined;
      const runId = param.get('run');
      return runId !== null && ID.test(runId) ? { view: 'run', runId } : { view: 'run' };
    }
    case 'sessions':
      return arg === undefined ? { view: 'sessions' } : undefined;
    case 'models': {
      if (arg === undefined) return { view: 'models' };
      const runId = param.get('run');
      if (arg !== 'graph' || runId === null || !ID.test(runId)) return undefined;
      const op = param.get('op');
      const node = param.get('node');
      const focus: GraphFocus | undefined = op ? { op } : node ? { node } : undefined;
      return { view: 'models', graph: { runId, ...(focus ? { focus } : {}) } };
    }
    case 'optimize': {
      const workload = param.get('workload') === 'command' ? ({ workload: 'command' } as const) : {};
      return arg === undefined ? { view: 'optimize', ...workload } : ID.test(arg) ? { view: 'optimize', studyId: arg, ...workload } : undefined;
    }
    case 'runs':
      return arg !== undefined && ID.test(arg) ? { view: 'sessions', runId: arg } : undefined;
    case 'studies':
      return arg !== undefined && ID.test(arg) ? { view: 'sessions', studyId: arg } : undefined;
    case 'compare': {
      if (arg === undefined) return { view: 'compare', runIds: [] };
      const runIds = arg.split(',').filter(Boolean);
      if (runIds.length < 2 || !runIds.every((id) => ID.test(id)) || runNamedTwice(runIds) !== undefined) return undefined;
      const baselineId = param.get('baseline') ?? undefined;
      return { view: 'compare', runIds, ...(baselineId && runIds.includes(baselineId) ? { baselineId } : {}) };
    }
    default:
      return undefined;
  }
}

export function formatRoute(r: Route): string {
  switch (r.view) {
    case 'run':
      return r.runId ? `#/run?${new URLSearchParams({ run: r.runId }).toString()}` : '#/run';
    case 'models': {
      if (!r.graph) return '#/models';
      const { runId, focus } = r.graph;
      return `#/models/graph?${new URLSearchParams({ run: runId, ...focus }).toString()}`;
    }
    case 'sessions':
      return r.runId ? `#/runs/${r.runId}` : r.studyId ? `#/studies/${r.studyId}` : '#/sessions';
    case 'optimize':
      return `${r.studyId ? `#/optimize/${r.studyId}` : '#/optimize'}${r.workload === 'command' ? '?workload=command' : ''}`;
    case 'compare':
      if (r.runIds.length < 2) return '#/compare';
      return `#/compare/${r.runIds.join(',')}${r.baselineId && r.baselineId !== r.runIds[0] ? `?baseline=${r.baselineId}` : ''}`;
  }
}

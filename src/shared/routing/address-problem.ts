/**
 * What the studio could not read in an address (its hash routes, renderer/routing/route.ts):
 * a view it does not have, a path its view does not take, an id that is not one, a query value
 * it would ignore. The router shows this in a notice that also says where the user landed, so a
 * mistyped or stale link is never ignored silently. Pure: it explains; route.ts parses (a test
 * holds the two to agreeing on which addresses are whole).
 */
import { ROUTE_ID } from '../deep-link';
import { namedTwiceReason, runNamedTwice } from '../compare/named-twice';

/** The views a user can name, as the rail lists them. */
const VIEWS = ['run', 'sessions', 'compare', 'models', 'optimize'] as const;
export type AddressView = (typeof VIEWS)[number];

/** Each first part the router knows: the view it opens, and the forms it takes (what the notice says to expect). */
const HEADS: Readonly<Record<string, { view: AddressView; form: string }>> = {
  run: { view: 'run', form: '#/run or #/run?run=<id>' },
  sessions: { view: 'sessions', form: '#/sessions' },
  runs: { view: 'sessions', form: '#/runs/<id>' },
  studies: { view: 'sessions', form: '#/studies/<id>' },
  compare: { view: 'compare', form: '#/compare/<id>,<id>… (?baseline=<id>)' },
  models: { view: 'models', form: '#/models or #/models/graph?run=<id>' },
  optimize: { view: 'optimize', form: '#/optimize or #/optimize/<study> (?workload=command)' },
};

function partsOf(hash: string): { parts: string[]; query: string } {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  return { parts: path.split('/').filter(Boolean), query };
}

/** The view an address's first part names, even where the rest is not understood (where a garbled link still lands). */
export function viewOfAddress(hash: string): AddressView | undefined {
  const head = partsOf(hash).parts[0];
  return head === undefined ? undefined : HEADS[head]?.view;
}

/** Longest piece of an address quoted back: a pasted blob must not fill the notice. */
const QUOTE_CHARS = 40;

const quoted = (text: string): string => JSON.stringify(text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text);

const notAnId = (value: string, what: string): string => (value === '' ? `it names no ${what} (empty ${what} id)` : `${quoted(value)} is not a ${what} id`);

/** Why `hash` is not wholly understood, or undefined when it is (or names nothing: the studio's start). */
export function addressProblem(hash: string): string | undefined {
  const { parts, query } = partsOf(hash);
  const [head, arg] = parts;
  if (head === undefined) return undefined;
  const form = HEADS[head]?.form;
  if (form === undefined) return `${quoted(head)} is not a view of the studio (its views: ${VIEWS.join(', ')})`;
  const expected = `expected ${form}`;
  if (parts.length > 2) return `too many parts for this view (${expected})`;
  const param = new URLSearchParams(query);
  switch (head) {
    case 'run': {
      if (arg !== undefined) return '#/run takes no path (a run in the Run view is #/run?run=<id>)';
      const runId = param.get('run');
      return runId !== null && !ROUTE_ID.test(runId) ? notAnId(runId, 'run') : undefined;
    }
    case 'sessions':
      return arg === undefined ? undefined : '#/sessions takes no path (a run is #/runs/<id>, a study #/studies/<id>)';
    case 'runs':
      return arg === undefined ? expected : ROUTE_ID.test(arg) ? undefined : notAnId(arg, 'run');
    case 'studies':
      return arg === undefined ? expected : ROUTE_ID.test(arg) ? undefined : notAnId(arg, 'study');
    case 'compare': {
      if (arg === undefined) return undefined;
      const runIds = arg.split(',').filter(Boolean);
      const bad = runIds.find((id) => !ROUTE_ID.test(id));
      if (bad !== undefined) return notAnId(bad, 'run');
      if (runIds.length < 2) return `a comparison needs at least two runs (${expected})`;
      const twice = runNamedTwice(runIds);
      if (twice !== undefined) return namedTwiceReason(twice);
      const baseline = param.get('baseline');
      return baseline !== null && !runIds.includes(baseline) ? `the baseline ${quoted(baseline)} is not one of the compared runs` : undefined;
    }
    case 'models': {
      if (arg === undefined) return undefined;
      if (arg !== 'graph') return `${quoted(arg)} is not a part of the Models view (${expected})`;
      const runId = param.get('run');
      return runId === null ? `a graph address names the run to lay over it (${expected})` : ROUTE_ID.test(runId) ? undefined : notAnId(runId, 'run');
    }
    case 'optimize': {
      if (arg !== undefined && !ROUTE_ID.test(arg)) return notAnId(arg, 'study');
      const workload = param.get('workload');
      return workload !== null && workload !== 'command' ? `${quoted(workload)} is not a workload (the one to name is command)` : undefined;
    }
    default:
      return expected;
  }
}

const cut = (hash: string): string => (hash.length > 80 ? `${hash.slice(0, 80)}…` : hash);

/** The notice's sentence: the address as given (cut), what was not understood, and the view shown instead. */
export function addressNotice(hash: string, problem: string, shownView: string): string {
  return `The address ${cut(hash)} was not understood: ${problem}. Showing the ${shownView} view instead.`;
}

/** The notice for a well-formed address whose study (or other stored thing) the host does not have (`hostMessage`: its one sentence). */
export function storedNothingNotice(hash: string, hostMessage: string, shownView: string): string {
  return `The address ${cut(hash)} names nothing stored here: ${hostMessage} Showing the ${shownView} view instead.`;
}

/**
 * `dyno://` links, which the desktop app opens in its running window: a link comes from outside
 * (another application, a browser, a chat message), so it is parsed strictly and anything not
 * exactly one of these forms is refused with one line saying why:
 *   dyno://runs/<id>                          one stored run
 *   dyno://studies/<id>                       a study's runs
 *   dyno://compare/<id>,<id>…[?baseline=<id>] a comparison (the baseline one of its runs)
 * Each maps onto the studio's own address (the renderer's hash route, routing/route.ts), so a
 * link opens exactly what pasting that address would.
 */
import { namedTwiceReason, runNamedTwice } from './compare/named-twice';

/** Run and study ids are generated (dates, letters, digits, '-', '_'): anything else is not an id. */
export const ROUTE_ID = /^[A-Za-z0-9_-]{1,100}$/;

export const DEEP_LINK_SCHEME = 'dyno';

/** Far above any real link (a comparison of a few dozen runs), far below abuse. */
const MAX_LINK_CHARS = 4096;
const MAX_COMPARED = 50;

export type DeepLink = { kind: 'run'; runId: string } | { kind: 'study'; studyId: string } | { kind: 'compare'; runIds: string[]; baselineId?: string };

export class DeepLinkError extends Error {}

/** Does this command-line argument look like a link handed to the app (Windows/Linux pass it in argv)? */
export function isDeepLinkArg(arg: string): boolean {
  return arg.slice(0, DEEP_LINK_SCHEME.length + 3).toLowerCase() === `${DEEP_LINK_SCHEME}://`;
}

function refuse(why: string): never {
  throw new DeepLinkError(`Not a Dyno link (${why}); expected dyno://runs/<id>, dyno://studies/<id> or dyno://compare/<id>,<id>?baseline=<id>.`);
}

function id(value: string, what: string): string {
  if (!ROUTE_ID.test(value)) refuse(`${what} ${JSON.stringify(value.slice(0, 40))} is not an id`);
  return value;
}

export function parseDeepLink(raw: string): DeepLink {
  if (raw.length > MAX_LINK_CHARS) refuse(`over ${MAX_LINK_CHARS} characters`);
  if (!isDeepLinkArg(raw)) refuse('it does not start with dyno://');
  const rest = raw.slice(DEEP_LINK_SCHEME.length + 3);
  if (rest.includes('#')) refuse('it has a fragment');
  const q = rest.indexOf('?');
  // Windows adds a slash to a link it hands over ("dyno://runs/x/"): one is forgiven.
  const path = (q === -1 ? rest : rest.slice(0, q)).replace(/\/$/, '');
  const query = q === -1 ? undefined : rest.slice(q + 1);
  const parts = path.split('/');
  if (parts.length !== 2) refuse('it names no single thing to open');
  const [kind = '', arg = ''] = parts;
  const params = query === undefined ? [] : query.split('&');
  switch (kind.toLowerCase()) {
    case 'runs':
      if (params.length > 0) refuse('a run link takes no query');
      return { kind: 'run', runId: id(arg, 'run') };
    case 'studies':
      if (params.length > 0) refuse('a study link takes no query');
      return { kind: 'study', studyId: id(arg, 'study') };
    case 'compare': {
      const runIds = arg.split(',');
      if (runIds.length < 2) refuse('a comparison needs at least two runs');
      if (runIds.length > MAX_COMPARED) refuse(`a comparison of over ${MAX_COMPARED} runs`);
      runIds.forEach((r) => id(r, 'run'));
      const twice = runNamedTwice(runIds);
      if (twice !== undefined) refuse(namedTwiceReason(twice));
      if (params.length === 0) return { kind: 'compare', runIds };
      const [param, ...others] = params;
      if (others.length > 0 || !param?.startsWith('baseline=')) refuse('the only query a comparison takes is ?baseline=<id>');
      const baselineId = id(param.slice('baseline='.length), 'baseline');
      if (!runIds.includes(baselineId)) refuse('the baseline is not one of the compared runs');
      return { kind: 'compare', runIds, baselineId };
    }
    default:
      return refuse(`${JSON.stringify(kind.slice(0, 40))} is not something a link opens`);
  }
}

/** The studio address (the renderer's hash route) that shows what the link names. */
export function deepLinkHash(link: DeepLink): string {
  switch (link.kind) {
    case 'run':
      return `#/runs/${link.runId}`;
    case 'study':
      return `#/studies/${link.studyId}`;
    case 'compare':
      return `#/compare/${link.runIds.join(',')}${link.baselineId ? `?baseline=${link.baselineId}` : ''}`;
  }
}

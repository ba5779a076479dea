/**
 * An address the router cannot wholly read says what was not understood (shared/routing/
 * address-problem.ts) instead of being ignored: an unknown view, a path its view does not take,
 * an id that is not one, a query value the router would drop. The explanation and the parser
 * (renderer/routing/route.ts) agree: every address the parser refuses has a reason, and every
 * address the studio writes has none.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addressNotice, addressProblem, storedNothingNotice, viewOfAddress } from '../../../src/shared/routing/address-problem';
import { formatRoute, parseRoute, type Route } from '../../../src/renderer/src/routing/route';

const RUN = '20261201171905-ju2eyq';
const OTHER = '20261201171940-tynrc9';
const STUDY = '3f6c2a9e-8d1b-4c55-9a7e-0b2d4e6f8a10';

describe('what an address the studio cannot read says', () => {
  it('names the part not understood', () => {
    expect(addressProblem('#/nosuchview')).toBe('"nosuchview" is not a view of the studio (its views: run, sessions, compare, models, optimize)');
    expect(addressProblem('#/run?run=../etc')).toBe('"../etc" is not a run id');
    expect(addressProblem('#/run?run=')).toBe('it names no run (empty run id)');
    expect(addressProblem(`#/run/${RUN}`)).toBe('#/run takes no path (a run in the Run view is #/run?run=<id>)');
    expect(addressProblem(`#/sessions/${RUN}`)).toBe('#/sessions takes no path (a run is #/runs/<id>, a study #/studies/<id>)');
    expect(addressProblem('#/runs')).toBe('expected #/runs/<id>');
    expect(addressProblem('#/studies/a b')).toBe('"a b" is not a study id');
    expect(addressProblem(`#/runs/${RUN}/extra`)).toBe('too many parts for this view (expected #/runs/<id>)');
    expect(addressProblem(`#/compare/${RUN}`)).toBe('a comparison needs at least two runs (expected #/compare/<id>,<id>… (?baseline=<id>))');
    expect(addressProblem(`#/compare/${RUN},<script>`)).toBe('"<script>" is not a run id');
    expect(addressProblem(`#/compare/${RUN},${OTHER}?baseline=elsewhere`)).toBe('the baseline "elsewhere" is not one of the compared runs');
    // What `dyno compare` says of the same (compare-sides.ts): a run is not compared with itself.
    expect(addressProblem(`#/compare/${RUN},${RUN}`)).toBe(`run ${RUN} is named twice, and a run cannot be compared with itself`);
    expect(addressProblem(`#/compare/${RUN},${OTHER},${RUN}?baseline=${OTHER}`)).toBe(`run ${RUN} is named twice, and a run cannot be compared with itself`);
    expect(addressProblem('#/models/graph')).toBe('a graph address names the run to lay over it (expected #/models or #/models/graph?run=<id>)');
    expect(addressProblem(`#/models/table?run=${RUN}`)).toBe('"table" is not a part of the Models view (expected #/models or #/models/graph?run=<id>)');
    expect(addressProblem('#/optimize?workload=other')).toBe('"other" is not a workload (the one to name is command)');
    expect(addressProblem('#/optimize/a b')).toBe('"a b" is not a study id');
  });

  it('refuses a comparison of a run with itself, where the studio shows what it showed', () => {
    expect(parseRoute(`#/compare/${RUN},${RUN}`)).toBeUndefined();
    expect(parseRoute(`#/compare/${RUN},${OTHER},${RUN}`)).toBeUndefined();
    // The router then lands on the view the address names, with what Compare held before (#/compare opens no comparison).
    expect(viewOfAddress(`#/compare/${RUN},${RUN}`)).toBe('compare');
    expect(parseRoute('#/compare')).toEqual({ view: 'compare', runIds: [] });
    const notice = addressNotice(`#/compare/${RUN},${RUN}`, addressProblem(`#/compare/${RUN},${RUN}`) ?? '', 'Compare');
    expect(notice).toBe(`The address #/compare/${RUN},${RUN} was not understood: run ${RUN} is named twice, and a run cannot be compared with itself. Showing the Compare view instead.`);
  });

  it('quotes at most 40 characters of what it did not understand, and the notice at most 80 of the address', () => {
    const blob = 'x'.repeat(500);
    expect(addressProblem(`#/${blob}`)).toBe(`"${'x'.repeat(40)}…" is not a view of the studio (its views: run, sessions, compare, models, optimize)`);
    const notice = addressNotice(`#/${blob}`, 'why', 'Run');
    expect(notice).toBe(`The address #/${'x'.repeat(78)}… was not understood: why. Showing the Run view instead.`);
  });

  it('says where a garbled address lands: the view its first part names', () => {
    expect(viewOfAddress(`#/sessions/${RUN}`)).toBe('sessions');
    expect(viewOfAddress('#/runs')).toBe('sessions');
    expect(viewOfAddress('#/studies/a b')).toBe('sessions');
    expect(viewOfAddress(`#/compare/${RUN}`)).toBe('compare');
    expect(viewOfAddress('#/models/table')).toBe('models');
    expect(viewOfAddress('#/nosuchview')).toBeUndefined();
    expect(viewOfAddress('')).toBeUndefined();
  });

  it('says when a well-formed address names a study the host has not stored, in the host\'s words', () => {
    expect(storedNothingNotice(`#/studies/${STUDY}`, `No study with id ${STUDY}.`, 'Sessions')).toBe(`The address #/studies/${STUDY} names nothing stored here: No study with id ${STUDY}. Showing the Sessions view instead.`);
  });

  it('says nothing of the studio start, or of any address the studio writes', () => {
    for (const hash of ['', '#', '#/']) expect(addressProblem(hash)).toBeUndefined();
    const routes: Route[] = [
      { view: 'run' },
      { view: 'run', runId: RUN },
      { view: 'sessions' },
      { view: 'sessions', runId: RUN },
      { view: 'sessions', studyId: STUDY },
      { view: 'compare', runIds: [] },
      { view: 'compare', runIds: [RUN, OTHER], baselineId: OTHER },
      { view: 'models' },
      { view: 'models', graph: { runId: RUN, focus: { node: 'fire2/squeeze & co?' } } },
      { view: 'optimize', studyId: STUDY, workload: 'command' },
    ];
    for (const r of routes) expect(addressProblem(formatRoute(r)), formatRoute(r)).toBeUndefined();
  });

  it('has a reason for every address the parser refuses', () => {
    const piece = fc.constantFrom('run', 'runs', 'sessions', 'studies', 'compare', 'models', 'optimize', 'graph', 'nosuch', RUN, `${RUN},${OTHER}`, `${RUN},${RUN}`, RUN.slice(0, 5), 'a b', '', '..');
    const query = fc.constantFrom('', `run=${RUN}`, 'run=', 'run=x y', 'workload=command', 'workload=x', `baseline=${RUN}`, `baseline=${OTHER}`, 'baseline=z', 'op=Conv');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 3 }), query, (parts, q) => {
        const hash = `#/${parts.join('/')}${q ? `?${q}` : ''}`;
        const route = parseRoute(hash);
        const problem = addressProblem(hash);
        // Refused: there is a reason, unless the address names nothing at all (the studio's start).
        if (route === undefined && parts.some((p) => p !== '')) expect(problem, hash).toBeDefined();
      }),
      { numRuns: 2000 },
    );
  });
});

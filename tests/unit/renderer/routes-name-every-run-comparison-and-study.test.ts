/** The studio's addresses: each names one thing, reads back to itself, and nonsense names nothing. */
import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, type Route } from '../../../src/renderer/src/routing/route';

const RUN = '20261201171905-ju2eyq';
const OTHER = '20261201171940-tynrc9';
const STUDY = '3f6c2a9e-8d1b-4c55-9a7e-0b2d4e6f8a10';

describe('studio addresses', () => {
  it('round-trips every kind of address', () => {
    const routes: Route[] = [
      { view: 'run' },
      { view: 'run', runId: RUN },
      { view: 'models' },
      { view: 'sessions' },
      { view: 'sessions', runId: RUN },
      { view: 'sessions', studyId: STUDY },
      { view: 'compare', runIds: [] },
      { view: 'compare', runIds: [RUN, OTHER] },
      { view: 'compare', runIds: [RUN, OTHER], baselineId: OTHER },
      { view: 'optimize' },
      { view: 'optimize', studyId: STUDY },
      { view: 'optimize', workload: 'command' },
      { view: 'optimize', studyId: STUDY, workload: 'command' },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual(r);
  });
  it('writes the addresses the README gives', () => {
    expect(formatRoute({ view: 'sessions', runId: RUN })).toBe(`#/runs/${RUN}`);
    expect(formatRoute({ view: 'sessions', studyId: STUDY })).toBe(`#/studies/${STUDY}`);
    expect(formatRoute({ view: 'optimize', studyId: STUDY })).toBe(`#/optimize/${STUDY}`);
    expect(formatRoute({ view: 'optimize', studyId: STUDY, workload: 'command' })).toBe(`#/optimize/${STUDY}?workload=command`);
    expect(parseRoute('#/optimize?workload=other')).toEqual({ view: 'optimize' });
    expect(formatRoute({ view: 'compare', runIds: [RUN, OTHER], baselineId: OTHER })).toBe(`#/compare/${RUN},${OTHER}?baseline=${OTHER}`);
    // The first run is the baseline unless told otherwise: no parameter for the default.
    expect(formatRoute({ view: 'compare', runIds: [RUN, OTHER], baselineId: RUN })).toBe(`#/compare/${RUN},${OTHER}`);
  });
  it('names nothing for a malformed or unknown address', () => {
    for (const hash of ['', '#', '#/nowhere', '#/runs', '#/runs/a b', `#/runs/${RUN}/extra`, `#/compare/${RUN}`, '#/compare/<script>,x', '#/run/abc', '#/optimize/a b', `#/optimize/${STUDY}/x`])
      expect(parseRoute(hash), hash).toBeUndefined();
  });
  it('ignores a baseline that is not one of the compared runs', () => {
    expect(parseRoute(`#/compare/${RUN},${OTHER}?baseline=elsewhere`)).toEqual({ view: 'compare', runIds: [RUN, OTHER] });
  });
});

describe('the Run view watching a run (#/run?run=<id>, what a reload of the Run view shows again)', () => {
  it('carries the run, and falls back to the bare Run view for a bad id', () => {
    expect(formatRoute({ view: 'run', runId: RUN })).toBe(`#/run?run=${RUN}`);
    expect(formatRoute({ view: 'run' })).toBe('#/run');
    expect(parseRoute(`#/run?run=${RUN}`)).toEqual({ view: 'run', runId: RUN });
    // A malformed id still opens the Run view (its form), with no run to watch.
    expect(parseRoute('#/run?run=../x')).toEqual({ view: 'run' });
    expect(parseRoute('#/run?run=')).toEqual({ view: 'run' });
    expect(parseRoute(`#/run/${RUN}`)).toBeUndefined();
  });
});

describe('the graph address of a profiled run (#/models/graph, "Show on graph")', () => {
  it('round-trips a run, an op focus and a node focus; refuses a bad id or an unknown sub-view', () => {
    const routes: Route[] = [
      { view: 'models', graph: { runId: RUN } },
      { view: 'models', graph: { runId: RUN, focus: { op: 'Conv' } } },
      { view: 'models', graph: { runId: RUN, focus: { node: 'fire2/squeeze1x1_1 & co?' } } },
    ];
    for (const r of routes) expect(parseRoute(formatRoute(r))).toEqual(r);
    expect(formatRoute({ view: 'models', graph: { runId: RUN, focus: { op: 'Conv' } } })).toBe(`#/models/graph?run=${RUN}&op=Conv`);
    expect(parseRoute('#/models/graph')).toBeUndefined();
    expect(parseRoute('#/models/graph?run=../x')).toBeUndefined();
    expect(parseRoute(`#/models/other?run=${RUN}`)).toBeUndefined();
    expect(parseRoute('#/models')).toEqual({ view: 'models' });
  });
});

/**
 * The desktop app's dyno:// links: each accepted form opens the studio address a user would
 * paste for the same thing (the renderer's own route parser reads it back), anything else is
 * refused with one line, links that arrive before the window are kept for it, and the window
 * applies only addresses its router knows.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DeepLinkError, deepLinkHash, isDeepLinkArg, parseDeepLink } from '../../../src/shared/deep-link';
import { parseRoute } from '../../../src/renderer/src/routing/route';
import { DeepLinkInbox } from '../../../src/main/studio/deep-link-inbox';
import { followDeepLinks } from '../../../src/renderer/src/routing/deep-links';

const RUN = '20261201171905-ju2eyq';
const OTHER = '20261201171940-tynrc9';
const STUDY = '3f6c2a9e-8d1b-4c55-9a7e-0b2d4e6f8a10';

const open = (raw: string) => parseRoute(deepLinkHash(parseDeepLink(raw)));

describe('dyno:// links', () => {
  it('open a run, a study and a comparison as their studio addresses', () => {
    expect(open(`dyno://runs/${RUN}`)).toEqual({ view: 'sessions', runId: RUN });
    expect(open(`dyno://studies/${STUDY}`)).toEqual({ view: 'sessions', studyId: STUDY });
    expect(open(`dyno://compare/${RUN},${OTHER}`)).toEqual({ view: 'compare', runIds: [RUN, OTHER] });
    expect(open(`dyno://compare/${RUN},${OTHER}?baseline=${OTHER}`)).toEqual({ view: 'compare', runIds: [RUN, OTHER], baselineId: OTHER });
    expect(deepLinkHash(parseDeepLink(`dyno://compare/${RUN},${OTHER}?baseline=${OTHER}`))).toBe(`#/compare/${RUN},${OTHER}?baseline=${OTHER}`);
  });

  it('forgive what operating systems do to a link: a trailing slash (Windows) and the scheme in capitals', () => {
    expect(open(`dyno://runs/${RUN}/`)).toEqual({ view: 'sessions', runId: RUN });
    expect(open(`DYNO://runs/${RUN}`)).toEqual({ view: 'sessions', runId: RUN });
    expect(open(`dyno://compare/${RUN},${OTHER}/?baseline=${RUN}`)).toEqual({ view: 'compare', runIds: [RUN, OTHER], baselineId: RUN });
  });

  it('refuse anything else, each in one line that names the accepted forms', () => {
    const refused: [string, string][] = [
      ['https://example.com/runs/x', 'it does not start with dyno://'],
      ['dyno:runs/x', 'it does not start with dyno://'],
      ['dyno://', 'it names no single thing to open'],
      ['dyno://runs', 'it names no single thing to open'],
      [`dyno://runs/${RUN}/samples`, 'it names no single thing to open'],
      ['dyno://runs/../../etc/passwd', 'it names no single thing to open'],
      ['dyno://runs/a%2Fb', 'run "a%2Fb" is not an id'],
      ['dyno://runs/<script>', 'run "<script>" is not an id'],
      [`dyno://runs/${RUN}?x=1`, 'a run link takes no query'],
      [`dyno://studies/${STUDY}?baseline=${RUN}`, 'a study link takes no query'],
      [`dyno://runs/${RUN}#x`, 'it has a fragment'],
      [`dyno://compare/${RUN}`, 'a comparison needs at least two runs'],
      [`dyno://compare/${RUN},`, 'run "" is not an id'],
      [`dyno://compare/${RUN},${RUN}`, `run ${RUN} is named twice, and a run cannot be compared with itself`],
      [`dyno://compare/${RUN},${OTHER}?baseline=zzz`, 'the baseline is not one of the compared runs'],
      [`dyno://compare/${RUN},${OTHER}?baseline=${RUN}&x=1`, 'the only query a comparison takes is ?baseline=<id>'],
      [`dyno://compare/${RUN},${OTHER}?base=${RUN}`, 'the only query a comparison takes is ?baseline=<id>'],
      ['dyno://settings/x', '"settings" is not something a link opens'],
      [`dyno://runs/${'a'.repeat(5000)}`, 'over 4096 characters'],
    ];
    for (const [raw, why] of refused) {
      expect(() => parseDeepLink(raw), raw).toThrow(DeepLinkError);
      expect(() => parseDeepLink(raw), raw).toThrow(`Not a Dyno link (${why}); expected dyno://runs/<id>, dyno://studies/<id> or dyno://compare/<id>,<id>?baseline=<id>.`);
    }
  });

  it('either refuse an arbitrary string or open an address the router reads back (fast-check)', () => {
    const piece = fc.constantFrom('dyno://', 'runs/', 'studies/', 'compare/', RUN, OTHER, ',', '?', 'baseline=', '&', '/', '#', '%2F', '..', '');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(piece, { maxLength: 8 }).map((p) => p.join(''))), (raw) => {
        let hash: string;
        try {
          hash = deepLinkHash(parseDeepLink(raw));
        } catch (err) {
          expect(err).toBeInstanceOf(DeepLinkError);
          return;
        }
        expect(parseRoute(hash)).toBeDefined();
      }),
      { numRuns: 2000 },
    );
  });

  it('are told apart from other arguments in a launch command line', () => {
    expect(['/opt/Dyno/dyno', '--no-sandbox', `dyno://runs/${RUN}`].filter(isDeepLinkArg)).toEqual([`dyno://runs/${RUN}`]);
    expect(isDeepLinkArg('--dyno://x')).toBe(false);
  });
});

describe('the desktop hand-off', () => {
  it('keeps the latest link that arrives before the window, delivers it once the window is ready, then delivers at once', () => {
    const delivered: string[] = [];
    const reported: string[] = [];
    const inbox = new DeepLinkInbox(
      (h) => delivered.push(h),
      (l) => reported.push(l),
    );
    inbox.receiveArgv(['/opt/Dyno/dyno', `dyno://runs/${OTHER}`]);
    inbox.receive(`dyno://runs/${RUN}`);
    expect(delivered).toEqual([]);
    inbox.windowReady();
    expect(delivered).toEqual([`#/runs/${RUN}`]);
    inbox.receiveArgv(['/opt/Dyno/dyno', '--flag', `dyno://studies/${STUDY}`]);
    inbox.receiveArgv(['/opt/Dyno/dyno']);
    expect(delivered).toEqual([`#/runs/${RUN}`, `#/studies/${STUDY}`]);
    // macOS keeps the app without a window: a link then waits for the next one.
    inbox.windowGone();
    inbox.receive(`dyno://compare/${RUN},${OTHER}`);
    expect(delivered).toHaveLength(2);
    inbox.windowReady();
    expect(delivered.at(-1)).toBe(`#/compare/${RUN},${OTHER}`);
    expect(reported).toEqual([]);
  });

  it('reports a refused link in one line and changes nothing', () => {
    const delivered: string[] = [];
    const reported: string[] = [];
    const inbox = new DeepLinkInbox(
      (h) => delivered.push(h),
      (l) => reported.push(l),
    );
    inbox.windowReady();
    inbox.receive('dyno://runs/../x');
    inbox.receiveArgv(['dyno', 'DYNO://evil/x']);
    expect(delivered).toEqual([]);
    expect(reported).toHaveLength(2);
    for (const line of reported) expect(line).not.toContain('\n');
  });

  it('in the window, sets the address the router follows, and only one it knows', () => {
    let listener: ((hash: string) => void) | undefined;
    const at = { hash: '#/run' };
    const stop = followDeepLinks(
      {
        onOpenLink: (l) => {
          listener = l;
          return () => (listener = undefined);
        },
      },
      at,
    );
    listener?.(deepLinkHash(parseDeepLink(`dyno://compare/${RUN},${OTHER}?baseline=${RUN}`)));
    // The router's own form: the first run is the baseline without saying so.
    expect(at.hash).toBe(`#/compare/${RUN},${OTHER}`);
    listener?.('#/nonsense/x');
    expect(at.hash).toBe(`#/compare/${RUN},${OTHER}`);
    stop();
    expect(listener).toBeUndefined();
    // A browser (dyno serve) has no bridge: nothing to follow, nothing breaks.
    expect(() => followDeepLinks(undefined, at)()).not.toThrow();
  });
});

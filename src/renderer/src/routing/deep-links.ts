/**
 * The desktop app's dyno:// links (shared/deep-link.ts): the host hands the running window the
 * studio address a link names, and setting it is all there is to do — the router shows what an
 * address names, as for a pasted one. Checked once more here: only an address the router knows
 * is applied.
 */
import type { PreloadBridge } from '../api/electron-client';
import { formatRoute, parseRoute } from './route';

/** `at`: the page's location (anything with a settable hash). */
export function followDeepLinks(bridge: Pick<PreloadBridge, 'onOpenLink'> | undefined, at: { hash: string }): () => void {
  return (
    bridge?.onOpenLink?.((hash) => {
      const route = parseRoute(hash);
      if (route) at.hash = formatRoute(route);
    }) ?? (() => undefined)
  );
}

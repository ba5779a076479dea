/** The layout Web Worker: dagre on a big graph takes seconds, which must not freeze the page. */
import { layoutGraph } from './layout';
import type { LayoutRequest } from './layout-types';

self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  try {
    self.postMessage({ ok: true, layout: layoutGraph(event.data) });
  } catch (err) {
    self.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};

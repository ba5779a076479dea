/**
 * Asks for a graph's layout: from this page's memory, else from the cache kept across reloads
 * (layout-cache.ts), else from dagre in the layout Web Worker, whose answer is then kept in both.
 */
import type { GraphLayout, LayoutRequest } from './layout-types';
import { readCachedLayout, saveLayout } from './layout-cache';

const memory = new Map<string, Promise<GraphLayout>>();
/** A handful of layouts: one of 2,000 nodes is a few hundred kilobytes. */
const MEMORY_SIZE = 8;

function layoutInWorker(request: LayoutRequest): Promise<GraphLayout> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ ok: true; layout: GraphLayout } | { ok: false; message: string }>) => {
      worker.terminate();
      if (event.data.ok) resolve(event.data.layout);
      else reject(new Error(`The graph layout failed: ${event.data.message}`));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`The graph layout worker failed: ${event.message || 'it could not start'}`));
    };
    worker.postMessage(request);
  });
}

async function cachedOrLaidOut(request: LayoutRequest): Promise<GraphLayout> {
  const t0 = performance.now();
  const cached = await readCachedLayout(request);
  if (cached) return { ...cached, cached: { readMs: performance.now() - t0 } };
  const layout = await layoutInWorker(request);
  void saveLayout(request, layout);
  return layout;
}

export function layoutFor(request: LayoutRequest): Promise<GraphLayout> {
  const known = memory.get(request.key);
  if (known) return known;
  const pending = cachedOrLaidOut(request);
  memory.set(request.key, pending);
  pending.catch(() => memory.delete(request.key));
  while (memory.size > MEMORY_SIZE) {
    const oldest = memory.keys().next().value;
    if (oldest === undefined) break;
    memory.delete(oldest);
  }
  return pending;
}

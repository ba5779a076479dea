/**
 * Asks the layout worker for a graph's layout, once per model hash: reopening a model, or
 * coming back to the Models view, draws at once from the cache.
 */
import type { GraphLayout, LayoutRequest } from './layout-types';

const cache = new Map<string, Promise<GraphLayout>>();
/** A handful of models: a layout of 2,000 nodes is a few hundred kilobytes. */
const CACHE_SIZE = 8;

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

export function layoutFor(request: LayoutRequest): Promise<GraphLayout> {
  const cached = cache.get(request.hash);
  if (cached) return cached;
  const pending = layoutInWorker(request);
  cache.set(request.hash, pending);
  pending.catch(() => cache.delete(request.hash));
  while (cache.size > CACHE_SIZE) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return pending;
}

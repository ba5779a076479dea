/**
 * Graph layouts kept across reloads, in this browser's IndexedDB, keyed by the layout request's
 * key (the model file's content hash, the layout version and which constant chains are folded).
 *
 * Why the browser and not the host: the layout is made in the page's Web Worker, so keeping it
 * there costs no bytes over a slow SSH tunnel (DenseNet-121's unfolded layout is 262 KiB of JSON) and adds
 * no API through which a page writes files on the host. What it costs: each browser (and the
 * desktop app) lays a model out once for itself, and clearing the site's data clears it.
 *
 * Bounded: at most MAX_ENTRIES layouts and MAX_BYTES in all; the least recently used go first.
 * An entry that does not parse, or does not fit the request (another version, other nodes), is
 * deleted and laid out again. IndexedDB that cannot be opened (a private window, a file:// page
 * that forbids it) makes the cache a no-op: the layout is then recomputed, never lost.
 */
import type { GraphLayout, LayoutRequest } from './layout-types';
import { evictions, layoutOfEntry, MAX_BYTES, UseSchema } from './layout-cache-entry';

const DB_NAME = 'dyno-graph-layouts';
const LAYOUTS = 'layouts';
/** The small records read for eviction, so trimming the cache never loads every layout. */
const USES = 'uses';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function finished(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

let opened: Promise<IDBDatabase> | undefined;
function database(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(LAYOUTS, { keyPath: 'key' });
      request.result.createObjectStore(USES, { keyPath: 'key' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
    request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
  opened.catch(() => (opened = undefined));
  return opened;
}

/** The cached layout for this request, or undefined (none, unreadable, or stale: then it is deleted). */
export async function readCachedLayout(request: LayoutRequest): Promise<GraphLayout | undefined> {
  try {
    const db = await database();
    const entry: unknown = await done(db.transaction(LAYOUTS).objectStore(LAYOUTS).get(request.key));
    if (entry === undefined) return undefined;
    const layout = layoutOfEntry(entry, request);
    const tx = db.transaction([LAYOUTS, USES], 'readwrite');
    if (layout) {
      const use = UseSchema.safeParse(await done(tx.objectStore(USES).get(request.key)));
      tx.objectStore(USES).put({ key: request.key, usedAt: Date.now(), bytes: use.success ? use.data.bytes : 0 });
    } else {
      tx.objectStore(LAYOUTS).delete(request.key);
      tx.objectStore(USES).delete(request.key);
    }
    await finished(tx);
    return layout;
  } catch {
    return undefined; // No cache this time: the layout is made again.
  }
}

/** Keeps a fresh layout for the next reload, then trims the cache to its bounds. */
export async function saveLayout(request: LayoutRequest, layout: GraphLayout): Promise<void> {
  try {
    const db = await database();
    const { cached: _cached, ...stored } = layout;
    const bytes = JSON.stringify(stored).length;
    if (bytes > MAX_BYTES) return;
    const tx = db.transaction([LAYOUTS, USES], 'readwrite');
    tx.objectStore(LAYOUTS).put({ key: request.key, layout: stored });
    tx.objectStore(USES).put({ key: request.key, usedAt: Date.now(), bytes });
    await finished(tx);
    const all: unknown[] = await done(db.transaction(USES).objectStore(USES).getAll());
    const drop = evictions(all.flatMap((u) => {
      const parsed = UseSchema.safeParse(u);
      return parsed.success ? [parsed.data] : [];
    }));
    if (drop.length === 0) return;
    const trim = db.transaction([LAYOUTS, USES], 'readwrite');
    for (const key of drop) {
      trim.objectStore(LAYOUTS).delete(key);
      trim.objectStore(USES).delete(key);
    }
    await finished(trim);
  } catch {
    // Not kept: the next reload lays it out again.
  }
}

/**
 * Sessions' filters and sort survive a reload: saved to the browser's storage on every change,
 * read back through the contract's schemas, and a stored value that does not parse (an older
 * version's, a hand edit, not JSON) is dropped rather than sent to the host.
 */
import { describe, expect, it } from 'vitest';
import { loadSavedView, SAVED_VIEW_KEY, saveView, type KeyValueStorage, type SavedView } from '../../../src/renderer/src/sessions/saved-view';

/** The Web Storage calls over a Map: what a browser's localStorage does, in memory. */
function memoryStorage(): KeyValueStorage {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

const fallback: SavedView = { filter: {}, sort: { by: 'createdAt', dir: 'desc' } };

describe('the saved Sessions view', () => {
  it('reads back the filters and sort it saved', () => {
    const store = memoryStorage();
    const view: SavedView = { filter: { text: 'resnet', provider: 'cpu', threads: 2, status: ['completed'], tag: 'nightly', from: '2026-11-01T00:00:00.000Z' }, sort: { by: 'p50', dir: 'asc' } };
    saveView(view, store);
    expect(loadSavedView(fallback, store)).toEqual(view);
  });

  it('drops what does not parse, and answers the defaults', () => {
    const store = memoryStorage();
    for (const bad of ['not json', JSON.stringify({ filter: { provider: 'tpu' }, sort: { by: 'createdAt', dir: 'desc' } }), JSON.stringify({ filter: { extra: 1 }, sort: {} })]) {
      store.setItem(SAVED_VIEW_KEY, bad);
      expect(loadSavedView(fallback, store)).toEqual(fallback);
      expect(store.getItem(SAVED_VIEW_KEY)).toBeNull();
    }
  });

  it('works without storage at all', () => {
    expect(loadSavedView(fallback, undefined)).toBe(fallback);
    expect(() => saveView(fallback, undefined)).not.toThrow();
  });
});

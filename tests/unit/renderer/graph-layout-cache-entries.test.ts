/**
 * The graph layout cache across reloads (components/graph/layout-cache-entry.ts): what a stored entry
 * must be to be drawn (else it is deleted and laid out again), and which entries go when the
 * cache is over its bounds. The IndexedDB side runs in Chromium (the model-graph e2e test).
 */
import { describe, expect, it } from 'vitest';
import { readModelGraph } from '../../../src/main/models/model-graph';
import { foldConstantChains } from '../../../src/shared/graph-folding';
import { layoutGraph } from '../../../src/renderer/src/components/graph/layout';
import { layoutRequestOf } from '../../../src/renderer/src/components/graph/layout-types';
import { evictions, layoutOfEntry, MAX_BYTES, MAX_ENTRIES } from '../../../src/renderer/src/components/graph/layout-cache-entry';
import { corpusPath } from '../../helpers/onnx-corpus';

describe('a stored layout entry', () => {
  const graph = readModelGraph(corpusPath('light/light_squeezenet.onnx'));
  const request = layoutRequestOf(graph, foldConstantChains(graph));
  // What IndexedDB hands back is a structured clone of what was put.
  const entry = structuredClone({ key: request.key, layout: layoutGraph(request) });

  it('is drawn when it is the layout of exactly the request', () => {
    const layout = layoutOfEntry(entry, request);
    expect(layout?.nodes.map((n) => n.id)).toEqual(request.nodes.map((n) => n.id));
    expect(layout?.nodes.some((n) => (n.folded ?? 0) > 0)).toBe(true);
  });

  it('is ignored when corrupt, of another version or folding, or of other nodes', () => {
    expect(layoutOfEntry(undefined, request)).toBeUndefined();
    expect(layoutOfEntry('{"key":', request)).toBeUndefined();
    expect(layoutOfEntry({ ...entry, layout: { ...entry.layout, nodes: 'garbage' } }, request)).toBeUndefined();
    expect(layoutOfEntry({ ...entry, layout: { ...entry.layout, width: Number.NaN } }, request)).toBeUndefined();
    expect(layoutOfEntry({ ...entry, layout: { ...entry.layout, nodes: entry.layout.nodes.slice(1) } }, request)).toBeUndefined();
    const unfolded = layoutRequestOf(graph);
    expect(layoutOfEntry(entry, unfolded)).toBeUndefined();
    expect(layoutOfEntry({ ...entry, key: unfolded.key }, unfolded)).toBeUndefined();
    const older = { ...request, key: request.key.replace(/:v\d+:/, ':v1:') };
    expect(older.key).not.toBe(request.key);
    expect(layoutOfEntry(entry, older)).toBeUndefined();
  });
});

describe('eviction', () => {
  it('keeps at most MAX_ENTRIES and MAX_BYTES, dropping the least recently used first', () => {
    const uses = Array.from({ length: MAX_ENTRIES + 3 }, (_, i) => ({ key: `k${i}`, usedAt: 1000 + i, bytes: 10 }));
    expect(evictions(uses).sort()).toEqual(['k0', 'k1', 'k2']);
    expect(evictions(uses.slice(0, 3))).toEqual([]);
    const big = [
      { key: 'old', usedAt: 1, bytes: MAX_BYTES / 2 },
      { key: 'mid', usedAt: 2, bytes: MAX_BYTES / 2 },
      { key: 'new', usedAt: 3, bytes: 1 },
    ];
    expect(evictions(big)).toEqual(['old']);
  });
});

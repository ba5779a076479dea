/**
 * What a cached graph layout must be to be drawn, and which cached layouts go when the cache is
 * over its bounds. Pure (no IndexedDB), so the tests run it in Node; layout-cache.ts stores.
 */
import { z } from 'zod';
import type { GraphLayout, LayoutRequest } from './layout-types';

export const MAX_ENTRIES = 24;
export const MAX_BYTES = 32 * 1024 * 1024;

const finite = z.number().finite();
const LaidNodeSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['op', 'input', 'output']),
  x: finite,
  y: finite,
  w: finite.nonnegative(),
  h: finite.nonnegative(),
  folded: z.number().int().positive().optional(),
});
const GraphLayoutSchema = z.object({
  hash: z.string(),
  width: finite.nonnegative(),
  height: finite.nonnegative(),
  nodes: z.array(LaidNodeSchema),
  edges: z.array(z.array(finite)),
  ms: finite.nonnegative(),
});
const EntrySchema = z.object({ key: z.string(), layout: GraphLayoutSchema });
export const UseSchema = z.object({ key: z.string(), usedAt: z.number(), bytes: z.number().nonnegative() });
export type Use = z.infer<typeof UseSchema>;

/** The layout a stored entry holds, when it is one and lays out exactly the request's nodes; undefined otherwise. */
export function layoutOfEntry(entry: unknown, request: LayoutRequest): GraphLayout | undefined {
  const parsed = EntrySchema.safeParse(entry);
  if (!parsed.success || parsed.data.key !== request.key) return undefined;
  const layout = parsed.data.layout as GraphLayout;
  if (layout.hash !== request.hash || layout.nodes.length !== request.nodes.length) return undefined;
  if (!layout.nodes.every((n, i) => n.id === request.nodes[i]?.id)) return undefined;
  return layout;
}

/** Which stored layouts to drop so that at most `maxEntries` and `maxBytes` remain, least recently used first. */
export function evictions(uses: readonly Use[], maxEntries = MAX_ENTRIES, maxBytes = MAX_BYTES): string[] {
  const newestFirst = [...uses].sort((a, b) => b.usedAt - a.usedAt);
  const drop: string[] = [];
  let bytes = 0;
  newestFirst.forEach((u, i) => {
    bytes += u.bytes;
    if (i >= maxEntries || bytes > maxBytes) drop.push(u.key);
  });
  return drop;
}

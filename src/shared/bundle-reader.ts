/**
 * Reads a bundle's text (bundle.ts) with one sentence for each way it can be wrong: empty, cut
 * short, another program's JSON, a newer format version, or a document that does not match.
 * Nothing is written anywhere until the whole bundle has passed.
 */
import { z } from 'zod';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, BundleSchema, type Bundle } from './bundle';
import { firstIssue } from './first-issue';

export class BundleReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleReadError';
  }
}

const HeaderSchema = z.object({ format: z.literal(BUNDLE_FORMAT), formatVersion: z.number() });

/** Whether a parsed JSON value says it is a bundle (of any version). */
export function looksLikeBundle(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && (doc as { format?: unknown }).format === BUNDLE_FORMAT;
}

export function parseBundle(doc: unknown, source: string): Bundle {
  const header = HeaderSchema.safeParse(doc);
  if (!header.success) throw new BundleReadError(`${source} is not a Dyno bundle (it has no "format": "${BUNDLE_FORMAT}" and formatVersion).`);
  const v = header.data.formatVersion;
  if (v > BUNDLE_FORMAT_VERSION) {
    throw new BundleReadError(`${source} is bundle format ${v}, written by a newer Dyno; this one reads format ${BUNDLE_FORMAT_VERSION}: upgrade Dyno to import it.`);
  }
  if (v !== BUNDLE_FORMAT_VERSION) throw new BundleReadError(`${source} is bundle format ${v}, which no Dyno wrote; this one reads format ${BUNDLE_FORMAT_VERSION}.`);
  const parsed = BundleSchema.safeParse(doc);
  if (!parsed.success) throw new BundleReadError(`${source} is not a valid Dyno bundle: ${firstIssue(parsed.error)}.`);
  const ids = new Set<string>();
  for (const r of parsed.data.runs) {
    if (ids.has(r.run.id)) throw new BundleReadError(`${source} holds run ${r.run.id} twice.`);
    ids.add(r.run.id);
  }
  return parsed.data;
}

/** JSON text as a value, or a sentence saying it is cut short. */
export function parseJsonText(text: string, source: string): unknown {
  if (text.trim() === '') throw new BundleReadError(`${source} is empty.`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new BundleReadError(`${source} is not complete JSON (${reason}): was it cut short?`);
  }
}

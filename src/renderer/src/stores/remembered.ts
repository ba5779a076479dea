/**
 * What the studio keeps across reloads, in this browser profile's localStorage: each value is
 * parsed with its schema when read back, so an entry from an older build (or edited by hand)
 * is dropped instead of trusted. Storage that is full or disabled only means nothing is kept.
 */
import type { z } from 'zod';

const PREFIX = 'dyno.';
/** The open model's path (persistence.ts); read before the app loads too (api/early-connection.ts). */
export const REMEMBERED_MODEL = 'model';

export function recall<T>(key: string, schema: z.ZodType<T>): T | undefined {
  try {
    const text = localStorage.getItem(PREFIX + key);
    if (text === null) return undefined;
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function remember(key: string, value: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Private mode or a full quota: the studio works, it just forgets on reload.
  }
}

/**
 * A remembered non-empty string, checked by hand: for code that runs before the app's bundle
 * and so has no zod (api/early-connection.ts).
 */
export function recallString(key: string): string | undefined {
  try {
    const text = localStorage.getItem(PREFIX + key);
    const value: unknown = text === null ? undefined : JSON.parse(text);
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

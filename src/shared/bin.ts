/**
 * The bin: runs deleted in Sessions stay restorable (`deleted_at` set) until the user empties
 * the bin, or, once the user has chosen a number of days, until they have been there that long
 * (purged when the studio starts). Nothing is ever purged without that setting or that action.
 */
import { z } from 'zod';

export const MAX_PURGE_AFTER_DAYS = 3650;

/** Days a deleted run stays in the bin before the studio's start purges it; null: until emptied by hand (the default). */
export const PurgeAfterDaysSchema = z.number().int().min(1).max(MAX_PURGE_AFTER_DAYS).nullable();

export const BinSummarySchema = z.object({
  /** Deleted runs still stored. */
  runs: z.number().int().nonnegative(),
  oldestDeletedAt: z.string().nullable(),
  purgeAfterDays: PurgeAfterDaysSchema,
});
export type BinSummary = z.infer<typeof BinSummarySchema>;

/** The instant before which a deleted run is purged, `days` before `now`. */
export function purgeCutoff(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

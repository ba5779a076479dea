/**
 * Deleted runs for good: emptying the bin (the user's action) and the start-up purge of runs
 * deleted longer ago than the user's setting (settings table, schema 4). A purge is one
 * transaction; the runs' samples and telemetry go with them (foreign keys, ON DELETE CASCADE).
 * Only runs in the bin (`deleted_at` set) are ever touched.
 */
import type Database from 'better-sqlite3';
import { PurgeAfterDaysSchema, purgeCutoff, type BinSummary } from '../../shared/bin';

const PURGE_SETTING = 'bin.purgeAfterDays';

export class RunBin {
  constructor(private readonly db: Database.Database) {}

  summary(): BinSummary {
    const row = this.db.prepare('SELECT COUNT(*) AS n, MIN(deleted_at) AS oldest FROM runs WHERE deleted_at IS NOT NULL').get() as { n: number; oldest: string | null };
    return { runs: row.n, oldestDeletedAt: row.oldest, purgeAfterDays: this.purgeAfterDays() };
  }

  purgeAfterDays(): number | null {
    const row = this.db.prepare('SELECT value_json FROM settings WHERE key = ?').get(PURGE_SETTING) as { value_json: string } | undefined;
    if (!row) return null;
    // A value this version cannot read (hand-edited) means: purge nothing.
    const parsed = PurgeAfterDaysSchema.safeParse(JSON.parse(row.value_json));
    return parsed.success ? parsed.data : null;
  }

  setPurgeAfterDays(days: number | null): void {
    if (days === null) this.db.prepare('DELETE FROM settings WHERE key = ?').run(PURGE_SETTING);
    else this.db.prepare('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json').run(PURGE_SETTING, JSON.stringify(days));
  }

  /** Every run in the bin, now (the user asked); answers how many. */
  empty(): number {
    return this.db.prepare('DELETE FROM runs WHERE deleted_at IS NOT NULL').run().changes;
  }

  /** Runs deleted before the setting's cutoff; none when the user has set no number of days. */
  purgeExpired(now: Date): { purged: number; days: number | null } {
    const days = this.purgeAfterDays();
    if (days === null) return { purged: 0, days };
    const purged = this.db.prepare('DELETE FROM runs WHERE deleted_at IS NOT NULL AND deleted_at < ?').run(purgeCutoff(now, days)).changes;
    return { purged, days };
  }
}

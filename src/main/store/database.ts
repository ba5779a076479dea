/**
 * Opens Dyno's SQLite file: WAL so the CLI and the studio can share it, the schema ladder of
 * `migrations.ts` keyed on PRAGMA user_version, and two rules that keep the user's data:
 * - before an upgrade the file is copied beside itself (`dyno.db.bak-v<old>-<time>`, made with
 *   `VACUUM INTO`, which reads through the connection and so includes what is still in the WAL);
 *   no copy, no upgrade. The upgrade is one transaction: if any step fails, the file stays as it
 *   was and Dyno refuses to start with the reason instead of starting on an empty database.
 * - a damaged file is set aside (never deleted) and a fresh one created, so the studio starts.
 * - another application's database (or a newer Dyno's) is refused and left as it is.
 */
import Database from 'better-sqlite3';
import { existsSync, renameSync } from 'node:fs';
import { MIGRATIONS } from './migrations';

type Db = Database.Database;

export const SCHEMA_VERSION = MIGRATIONS.length;

/** A database Dyno must not touch or could not upgrade; the message says what to do. */
export class DatabaseError extends Error {}

export interface OpenedDatabase {
  db: Db;
  /** Set when a damaged file was moved aside and a fresh one created, or the file was upgraded. */
  notice?: string;
  /** The copy made before an upgrade, when there was one. */
  backupPath?: string;
}

const stamp = (now: Date): string => now.toISOString().replace(/[:.]/g, '-');

function userVersion(db: Db): number {
  const v: unknown = db.pragma('user_version', { simple: true });
  if (typeof v !== 'number') throw new Error(`PRAGMA user_version answered ${String(v)}`);
  return v;
}

function backUp(db: Db, file: string, version: number, now: Date): string {
  const target = `${file}.bak-v${version}-${stamp(now)}`;
  try {
    db.prepare('VACUUM INTO ?').run(target);
  } catch (err) {
    throw new DatabaseError(
      `Could not back up ${file} before upgrading it (${err instanceof Error ? err.message : String(err)}); nothing was changed. Free some disk space and start Dyno again.`,
    );
  }
  return target;
}

/** Climbs the ladder; answers the backup's path when there was something to back up. */
function migrate(db: Db, file: string, now: Date): string | undefined {
  const current = userVersion(db);
  if (current === SCHEMA_VERSION) return undefined;
  // Version 0 is a file SQLite has just created: there is nothing in it to keep.
  const backup = current > 0 ? backUp(db, file, current, now) : undefined;
  try {
    // IMMEDIATE takes the write lock first, and the version is read again under it: another Dyno
    // that upgraded the file meanwhile leaves nothing to do (its backup and ours both stay).
    db.transaction(() => {
      const locked = userVersion(db);
      for (let v = locked; v < SCHEMA_VERSION; v++) MIGRATIONS[v]?.(db);
      if (locked < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new DatabaseError(
      `Upgrading ${file} from schema ${current} to ${SCHEMA_VERSION} failed (${reason}). The file is unchanged${backup ? `, and a copy of it is at ${backup}` : ''}.`,
    );
  }
  return backup;
}

/**
 * A newer Dyno's file, or another application's SQLite file (tables, but no schema version: every
 * Dyno step sets one in the transaction that creates its tables), is refused before anything is
 * written to it, even the WAL switch, which changes the file's header.
 */
function refuseForeignOrNewer(db: Db, file: string): void {
  const version = userVersion(db);
  if (version > SCHEMA_VERSION) {
    throw new DatabaseError(`The database was written by a newer Dyno (schema ${version}, this one knows ${SCHEMA_VERSION}); update Dyno to open it.`);
  }
  if (version !== 0) return;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  if (tables.length === 0) return;
  throw new DatabaseError(
    `${file} is not a Dyno database (it holds tables ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''} of another application); it was left untouched. Move it away, or set DYNO_HOME to another folder.`,
  );
}

function openAndCheck(file: string, nativeBinding: string | undefined, now: Date): { db: Db; backupPath?: string } {
  const db = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    refuseForeignOrNewer(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    const check: unknown = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
    const backupPath = migrate(db, file, now);
    return backupPath ? { db, backupPath } : { db };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** SQLite's own verdict that the file is not a (sound) database, or quick_check's. */
function isDamage(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return true; // quick_check's answer, thrown above without a code
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

export function openDatabase(file: string, options: { nativeBinding?: string; now?: () => Date } = {}): OpenedDatabase {
  const now = options.now ?? (() => new Date());
  try {
    const opened = openAndCheck(file, options.nativeBinding, now());
    return opened.backupPath
      ? { ...opened, notice: `The database was upgraded to schema ${SCHEMA_VERSION}; a copy of it as it was is kept at ${opened.backupPath}.` }
      : opened;
  } catch (err) {
    if (err instanceof DatabaseError || !existsSync(file)) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    // Only a file SQLite calls damaged is set aside; a full disk or an I/O error says nothing
    // about the file, and starting empty on it would hide the user's runs.
    if (!isDamage(err)) {
      throw new DatabaseError(`Dyno could not open ${file} (${reason}); it was left untouched. Free some disk space or check the disk, then start Dyno again.`);
    }
    const aside = `${file}.damaged-${stamp(now())}`;
    renameSync(file, aside);
    for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
    return {
      db: openAndCheck(file, options.nativeBinding, now()).db,
      notice: `The database ${file} could not be read (${reason}). It was kept as ${aside} and a new, empty one was created.`,
    };
  }
}

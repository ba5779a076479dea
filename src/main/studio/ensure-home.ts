/**
 * Makes sure Dyno's data folder exists and can be written, or says in one line what is wrong
 * with it and what to do: a raw EEXIST or EACCES from mkdir names neither DYNO_HOME nor a fix.
 */
import { accessSync, constants, mkdirSync } from 'node:fs';

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EEXIST' || code === 'ENOTDIR') return 'is a file (or lies under one), not a folder';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `cannot be written (${code}: permission denied or a read-only file system)`;
  if (code === 'ENOSPC') return 'cannot be created: the disk is full';
  return `cannot be used (${err instanceof Error ? err.message : String(err)})`;
}

export function ensureHome(home: string): void {
  try {
    mkdirSync(home, { recursive: true });
    accessSync(home, constants.W_OK);
  } catch (err) {
    throw new Error(`Dyno's data folder ${home} ${reason(err)}: set DYNO_HOME to a folder you can write.`, { cause: err });
  }
}

/**
 * Electron runs better-sqlite3 through its own ABI, while Node (tests, CLI, `dyno serve`) uses
 * the build in node_modules. scripts/electron-native.mjs puts an Electron build beside it, in
 * .native/, so neither build overwrites the other and no manual rebuild is ever needed.
 */
import { join } from 'node:path';

export function electronSqliteBinding(root: string, electronVersion: string | undefined): string | undefined {
  if (!electronVersion) return undefined;
  return join(root, '.native', `electron-${electronVersion}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
}

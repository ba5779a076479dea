/**
 * `dyno serve`'s token, kept in DYNO_HOME (owner-only) so a restarted server takes the same one
 * and an open studio tab reconnects by itself; a fresh one is made when the file is missing or
 * not a token (delete the file to revoke every open page). Whoever can read DYNO_HOME can read
 * the database itself, so the file tells them nothing more.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TOKEN_FILE = 'serve-token';
const TOKEN = /^[A-Za-z0-9_-]{32,}$/;

export function serveToken(home: string): string {
  const file = join(home, TOKEN_FILE);
  const kept = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (TOKEN.test(kept)) return kept;
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, token + '\n', { mode: 0o600 });
  chmodSync(file, 0o600); // a file that existed keeps its mode through writeFileSync
  return token;
}

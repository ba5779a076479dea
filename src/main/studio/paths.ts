/**
 * Where Dyno keeps things. DYNO_HOME wins; otherwise the platform's user data directory
 * (the same folder Electron's app.getPath('userData') gives for an app named "Dyno").
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function defaultHome(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.DYNO_HOME) return resolve(env.DYNO_HOME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Dyno');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Dyno');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Dyno');
}

/** The folder holding Dyno's package.json, found from this module whether built or run from source. */
export function appRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'dyno') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Dyno's package.json was not found above ${from}`);
    dir = parent;
  }
}

export function appVersion(root = appRoot()): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

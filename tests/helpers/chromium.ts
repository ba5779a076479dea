/**
 * The Chromium the e2e tests and the page benches drive: Debian's (no browser download here), or
 * the one DYNO_CHROMIUM names, with the flags that keep it off the closed network. One place, so
 * Playwright's config and bench/page-driver.ts cannot drift apart.
 */
import { accessSync, constants } from 'node:fs';

export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export function chromiumPath(): string {
  return process.env.DYNO_CHROMIUM ?? DEFAULT_CHROMIUM;
}

/**
 * The Chromium to start, checked first: spawning a missing one fails with an 'error' event
 * (`spawn /usr/bin/chromium ENOENT`) that, unheard, ends the process with a stack trace.
 */
export function requireChromium(): string {
  const path = chromiumPath();
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`Chromium not found at ${path}: install Debian's chromium (apt-get install chromium), or set DYNO_CHROMIUM to a Chromium binary`);
  }
  return path;
}

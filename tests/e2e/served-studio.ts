/**
 * What the e2e specs set up alike: a temp DYNO_HOME with the built `dyno serve` on it, started
 * before the file's tests (after `prepare`, e.g. runs made from the CLI) and stopped and removed
 * after; and the page's errors, which a spec asserts are none.
 */
import { test, type Page } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { tempHome } from '../helpers/temp-home';

export interface ServedStudio {
  home: string;
  serve: ServeProcess;
}

/** Registers the file's (or the describe block's) beforeAll/afterAll; read the fields inside tests. `args` go to `dyno serve` (e.g. --allow-commands). */
export function servedStudio(prefix: string, prepare?: (home: string) => void | Promise<void>, args: string[] = []): ServedStudio {
  const studio = {} as ServedStudio;
  let cleanup: (() => void) | undefined;
  test.beforeAll(async () => {
    const t = tempHome(prefix);
    cleanup = t.cleanup;
    studio.home = t.home;
    await prepare?.(t.home);
    studio.serve = await startServe(t.home, {}, args);
  });
  test.afterAll(async () => {
    await (studio.serve as ServeProcess | undefined)?.stop();
    cleanup?.();
  });
  return studio;
}

/** Uncaught errors and console errors on the page from now on. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

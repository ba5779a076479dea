/**
 * Screenshots land in the running test's output folder under test-results/, never in tracked
 * files: a test run must not rewrite the repository. `npm run screenshots`
 * (scripts/refresh-screenshots.mjs) copies the ones the README shows into docs/screenshots/.
 */
import { test, type Page } from '@playwright/test';

/** Names are unique across the suite: the refresh script finds each by its file name. */
export async function screenshot(page: Page, name: `${string}.png`): Promise<string> {
  const path = test.info().outputPath(name);
  await page.screenshot({ path });
  return path;
}

/**
 * Issue 15, promise 7, in Debian's Chromium against the built `dyno serve`: the open studio says
 * "offline — reconnecting" when the server stops, and finds it again by itself when it starts
 * on the same port (the token is kept in DYNO_HOME, so a restart does not lock the tab out).
 */
import { expect, test } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { tempHome } from '../helpers/temp-home';
import { screenshot } from './screenshot';

let t: ReturnType<typeof tempHome>;
let serve: ServeProcess;
test.beforeAll(async () => {
  t = tempHome('dyno-e2e-reconnect-');
  serve = await startServe(t.home);
});
test.afterAll(async () => {
  await serve.stop();
  t.cleanup();
});

test('the studio says it is offline while dyno serve is down and reconnects when it is back', async ({ page }) => {
  await page.goto(serve.url);
  await expect(page.getByTestId('device-status')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('connection-lost')).toHaveCount(0);

  const { port } = new URL(serve.url);
  const token = serve.token;
  await serve.stop();
  await expect(page.getByTestId('connection-lost')).toHaveText('offline — reconnecting');
  await screenshot(page, 'studio-offline-reconnecting.png');

  serve = await startServe(t.home, {}, [], Number(port));
  expect(serve.token).toBe(token);
  await expect(page.getByTestId('connection-lost')).toHaveCount(0, { timeout: 20_000 });
  // Calls work again: open the Models view, which asks the host for the sample library.
  await page.getByRole('button', { name: 'Models' }).click();
  await expect(page.getByText('SqueezeNet 1.0').first()).toBeVisible();
  await screenshot(page, 'studio-reconnected.png');
});

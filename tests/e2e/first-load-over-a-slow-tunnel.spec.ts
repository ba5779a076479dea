/**
 * The README's remote-GPU use: the studio in a browser at the far end of an SSH tunnel. With the
 * network throttled to 20 Mbit/s and 40 ms round trips (Chrome's own emulation, over CDP), a
 * cold first load — page, scripts, the WebSocket, the host's answers, the default sample opened —
 * should take at most 2 s, and the renderer arrives compressed and cacheable. The figure is
 * printed with where it went (tests/e2e/load-breakdown.ts: each request, the WebSocket, each API
 * call's round trip, the host's events, the page's CPU time), the host's answers named apart, and
 * judged against 2 s without asserting it: on a shared 2-core machine a time measures the
 * neighbours. `dyno serve` is as cold as a user's just started one: its provider probe may
 * still be running, and app.info does not wait for it (the verdict follows as an event).
 * What is asserted is the shape of the load: one socket, opened by the small early script,
 * and each of the first screen's calls sent once. Two cases, each with a browser as cold as a
 * new one's: the first start of `dyno serve` on a new DYNO_HOME (the default sample inspected
 * by a worker still starting), and a user's second start (that inspection read back from disk).
 * Times are taken in the page (load-breakdown.ts: watchMilestones), not from the test's polls.
 */
import { expect, test, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { tempHome } from '../helpers/temp-home';
import { screenshot } from './screenshot';
import { watchLoad, watchMilestones } from './load-breakdown';

let t: ReturnType<typeof tempHome>;
let serve: ServeProcess;

test.beforeAll(async () => {
  t = tempHome('dyno-e2e-load-');
  serve = await startServe(t.home);
});
test.afterAll(async () => {
  await serve.stop();
  t.cleanup();
});

const MBIT = 1_000_000 / 8;

/** Loads the studio once from `serve` as a new browser would (no cache), throttled, and prints where the time went. */
async function measureLoad(page: Page, which: string) {
  const responses: { url: string; encoding?: string; cache?: string; bytes: number }[] = [];
  page.on('response', async (r) => {
    if (!r.url().startsWith(serve.origin)) return;
    const h = await r.allHeaders();
    responses.push({ url: r.url(), encoding: h['content-encoding'], cache: h['cache-control'], bytes: Number(h['content-length'] ?? 0) });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Performance.enable');
  const breakdown = watchLoad(cdp);
  // Timed in the page, frame by frame: the shell (the Run form with its button), the devices,
  // the default sample's facts, Run enabled, and the providers' verdict.
  const milestones = await watchMilestones(page, [
    { name: 'shell', selector: '[data-testid="start-run"]' },
    { name: 'devices', selector: '[data-testid="device-status"]', text: 'ONNX Runtime' },
    { name: 'model', selector: '[data-testid="model-name"]', text: 'squeezenet.onnx' },
    { name: 'run', selector: '[data-testid="start-run"]', enabled: true },
    { name: 'providers', selector: '[data-testid="device-status"]:not(:has(.ep.checking))' },
    { name: 'charts', selector: 'html[data-charts="ready"]' },
  ]);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 20 * MBIT, uploadThroughput: 20 * MBIT });

  const started = Date.now();
  await page.goto(serve.url);
  // Generous waits: the figure is what is judged, and a loaded machine must not fail the wait itself.
  await expect(page.getByTestId('device-status')).toContainText('ONNX Runtime', { timeout: 30_000 });
  await expect(page.getByTestId('model-name')).toHaveText('squeezenet.onnx', { timeout: 30_000 });
  await expect(page.getByTestId('start-run')).toBeEnabled();
  // What this test printed before it timed in the page (its polls' slack included), for comparison with older figures.
  const polledMs = Date.now() - started;
  // plotly (the largest chunk) loads after the page is usable; charts need it ready soon after.
  await page.waitForFunction(() => document.documentElement.dataset.charts === 'ready');
  // Providers still being probed when app.info answered settle when the probe's event lands.
  await expect(page.locator('[data-testid="device-status"] .ep.checking')).toHaveCount(0, { timeout: 30_000 });
  const at = await milestones();
  const when = (name: string): number => Math.round(at[name] ?? Number.NaN);
  // Usable: devices listed, the default sample open, Run enabled (the last of the three frames).
  const usableMs = Math.max(when('devices'), when('model'), when('run'));
  // The host's own work: from the first API call the page sends to the last answer it needs
  // (app.info, answered from what is known, and the model's inspection).
  const firstCallAt = breakdown.firstCallAt() ?? 0;
  const lastAnswerAt = Math.max(breakdown.answeredAt('app.info') ?? 0, breakdown.answeredAt('models.open') ?? 0);
  const hostMs = Math.round(lastAnswerAt - firstCallAt);
  console.log(
    `${which}: first load at 20 Mbit/s, 40 ms RTT: usable in ${usableMs} ms (shell shown ${when('shell')}, devices ${when('devices')}, model facts ${when('model')}, Run enabled ${when('run')}, providers' verdict ${when('providers')}); the host answering took ${hostMs} ms of it (app.info and inspecting the model); charts ready at ${when('charts')} ms; the test's polls saw it usable at ${polledMs} ms`,
  );
  console.log(`where the time went (ms from the document's request):\n${(await breakdown.lines(usableMs)).join('\n')}`);
  const verdict = `2 s target, ${which}, cold browser, load to usable: ${usableMs <= 2000 ? 'met' : 'NOT met'} (${usableMs} ms; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`;
  return { responses, breakdown, firstCallAt, hostMs, verdict };
}

test('a cold first load at 20 Mbit/s and 40 ms RTT is compressed, cached, and its time printed against the 2 s target', async ({ page }) => {
  const { responses, breakdown, firstCallAt, hostMs, verdict } = await measureLoad(page, 'first start of dyno serve');
  await screenshot(page, 'first-load-throttled.png');

  const scripts = responses.filter((r) => r.url.endsWith('.js'));
  expect(scripts.length).toBeGreaterThanOrEqual(2);
  for (const s of scripts) {
    // Below 1 KB (the bundler's runtime helpers) a compressed copy is not worth it (scripts/vite-precompress.ts).
    if (s.bytes >= 1024 || s.encoding) expect(s.encoding, s.url).toBe('br');
    expect(s.cache, s.url).toBe('public, max-age=31536000, immutable');
  }
  expect(responses.find((r) => new URL(r.url).pathname === '/')?.cache).toBe('no-cache');
  // Everything the first load moves, compressed: well under what 2 s at 20 Mbit/s can carry.
  expect(scripts.reduce((sum, s) => sum + s.bytes, 0)).toBeLessThan(700_000);
  expect(firstCallAt).toBeGreaterThan(0);
  // The early script's socket is the app's: no second one, and no first-screen question asked twice.
  expect(breakdown.socketCount()).toBe(1);
  const counts = breakdown.callCounts();
  for (const method of ['app.info', 'models.samples', 'models.open', 'models.recent']) expect(counts.get(method), method).toBe(1);
  expect(hostMs).toBeGreaterThan(0);
  // The 2 s target is a figure to print, not to assert: the page's own work (parsing the script,
  // drawing) is CPU time, and a timed assertion on a shared 2-core machine measures its
  // neighbours (the guide's rule: speed targets are printed, then judged on a quiet machine).
  // Judged on the whole time to usable: the host's answers are part of what a user waits for.
  console.log(verdict);
});

test("a user's second start of dyno serve answers the default sample from what it kept on disk; its time printed too", async ({ page }) => {
  // The inspection the first start made is kept under DYNO_HOME; a restarted server reads it.
  expect(readdirSync(join(t.home, 'cache', 'inspections')).filter((n) => n.endsWith('.json')).length).toBeGreaterThan(0);
  await serve.stop();
  serve = await startServe(t.home);
  const { breakdown, verdict } = await measureLoad(page, 'second start of dyno serve');
  expect(breakdown.callCounts().get('models.open')).toBe(1);
  await expect(page.getByTestId('model-name')).toHaveText('squeezenet.onnx');
  console.log(verdict);
});

/**
 * The vertical slice as a user lives it, in Debian's Chromium against the real, built
 * `dyno serve`: open a sample, see its inputs and outputs, run a benchmark, watch the live
 * chart, read the results, find the run in Sessions, and find it again after a restart.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors } from './served-studio';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { tempHome } from '../helpers/temp-home';
import { screenshot } from './screenshot';
import { formatMs, formatRate } from '../../src/shared/format';
import type { LatencyStats } from '../../src/shared/stats';

let t: ReturnType<typeof tempHome>;
let serve: ServeProcess;

test.beforeAll(async () => {
  t = tempHome('dyno-e2e-');
  serve = await startServe(t.home);
});
test.afterAll(async () => {
  await serve.stop();
  t.cleanup();
});

/** How many pixels of a canvas hold something: proof that it drew, not only that it exists. */
function drawnPixels(page: Page, testId: string): Promise<number> {
  return page.evaluate((id) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="${id}"]`);
    const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let k = 3; data && k < data.length; k += 4) if ((data[k] ?? 0) > 0) n++;
    return n;
  }, testId);
}

function storedStats(runId: string): LatencyStats {
  const db = new Database(join(t.home, 'dyno.db'), { readonly: true });
  const row = db.prepare('SELECT stats_json FROM runs WHERE id = ?').get(runId) as { stats_json: string };
  db.close();
  return JSON.parse(row.stats_json) as LatencyStats;
}

test('benchmark a bundled sample and read results that match the stored run', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(serve.url);
  // The token leaves the address bar once the page holds it.
  await expect(page).not.toHaveURL(/token=/);
  await expect(page.getByTestId('device-status')).toContainText('ONNX Runtime');

  // The default sample opens by itself; its interface is shown.
  await expect(page.getByTestId('model-name')).toHaveText('squeezenet.onnx');
  const io = page.getByTestId('io-table');
  await expect(io).toContainText('data_0');
  await expect(io).toContainText('[1, 3, 224, 224]');
  await expect(io).toContainText('softmaxout_1');

  // Validation as you type: a bad value disables Run and says why.
  await page.getByTestId('field-minIterations').fill('0');
  await expect(page.getByText('Min iterations must be a whole number from 1 to 10000000')).toBeVisible();
  await expect(page.getByTestId('start-run')).toBeDisabled();

  await page.getByTestId('field-minIterations').fill('300');
  // 5 s: the live line hears samples once per 2 s batch, and at 2 s a fast CPU measured the
  // whole run between two batches, so the median so far never showed.
  await page.getByTestId('field-minDuration').fill('5');
  await expect(page.getByTestId('cli-command')).toHaveText(/npx dyno bench .*squeezenet\.onnx --min-iterations 300 --min-duration 5$/);
  await page.getByTestId('start-run').click();

  // Live: while the worker measures, a canvas chart (redrawn every few seconds), the progress and
  // the median so far; no plotly chart until the run ends.
  await expect(page.getByTestId('cancel-run')).toBeVisible();
  await expect(page.getByTestId('median-so-far')).toHaveText(/^median so far [\d.]+ ms$/, { timeout: 30_000 });
  await expect.poll(() => drawnPixels(page, 'live-canvas'), { timeout: 15_000 }).toBeGreaterThan(200);
  await expect(page.getByTestId('live-chart')).toHaveCount(0);
  await screenshot(page, 'run-live.png');

  await expect(page.getByTestId('results')).toBeVisible({ timeout: 60_000 });
  const runId = (await page.getByTestId('run-id').textContent())!.trim();
  const stats = storedStats(runId);
  expect(stats.count).toBeGreaterThanOrEqual(300);
  await expect(page.getByTestId('stat-p50')).toHaveText(formatMs(stats.percentiles.p50!.valueMs));
  await expect(page.getByTestId('stat-p90')).toHaveText(formatMs(stats.percentiles.p90!.valueMs));
  await expect(page.getByTestId('stat-p99')).toHaveText(formatMs(stats.percentiles.p99!.valueMs));
  // LoadGen's figure beside Dyno's interval is named as the upper bound it is, and explained on hover.
  const p90Card = page.locator('.stat-card', { has: page.getByTestId('stat-p90') });
  await expect(p90Card.locator('.stat-sub')).toContainText(`LoadGen's upper bound ${formatMs(stats.percentiles.p90!.earlyStoppingMs)}`);
  await expect(p90Card).toHaveAttribute('title', /upper bound|at most this/);
  await expect(page.getByTestId('stat-mean')).toHaveText(formatMs(stats.meanMs));
  await expect(page.getByTestId('stat-throughput')).toHaveText(formatRate(stats.throughputPerS));
  await expect(page.getByTestId('stat-count')).toHaveText(String(stats.count));
  // The chart holds every point of this short run (warm-up + measured).
  const points = await page.locator('[data-testid="live-chart"] .scatterlayer .trace path.js-line').getAttribute('d');
  expect(points?.length ?? 0).toBeGreaterThan(100);
  await page.setViewportSize({ width: 1440, height: 1700 });
  await screenshot(page, 'run-results.png');
  await page.setViewportSize({ width: 1440, height: 900 });

  // Sessions lists the run; its detail shows the same numbers and the stored timeline.
  await page.getByTestId('nav-sessions').click();
  await page.getByTestId(`run-row-${runId}`).click();
  await expect(page.getByTestId('run-detail').getByTestId('stat-p50')).toHaveText(formatMs(stats.percentiles.p50!.valueMs));
  await expect(page.locator('[data-testid="detail-chart"] .scatterlayer .trace')).toHaveCount(1);
  await screenshot(page, 'sessions.png');
  expect(errors).toEqual([]);
});

test('runs from the CLI appear in Sessions, and survive a restart of the studio', async ({ page }) => {
  execFileSync(process.execPath, [resolve('bin/dyno.js'), 'bench', resolve('resources/models/conv2d.onnx'), '--iterations', '20', '--json'], {
    env: { ...process.env, DYNO_HOME: t.home },
  });
  const db = new Database(join(t.home, 'dyno.db'), { readonly: true });
  const ids = (db.prepare('SELECT id FROM runs').all() as { id: string }[]).map((r) => r.id);
  db.close();
  expect(ids.length).toBeGreaterThan(0);
  await serve.stop();
  serve = await startServe(t.home);
  await page.goto(serve.url);
  await page.getByTestId('nav-sessions').click();
  for (const id of ids) await expect(page.getByTestId(`run-row-${id}`)).toBeVisible();
});

test('a dropped .onnx file opens; a bad path says what is wrong', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(serve.url);
  await expect(page.getByTestId('model-name')).toHaveText('squeezenet.onnx');

  await page.getByTestId('model-path').fill(join(t.home, 'no-such-model.onnx'));
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('model-error')).toHaveText(`Model file not found: ${join(t.home, 'no-such-model.onnx')}`);

  const bytes = [...readFileSync(resolve('resources/models/conv2d.onnx'))];
  const dataTransfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'my-conv.onnx'));
    return dt;
  }, bytes);
  await page.locator('.frame').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('model-name')).toHaveText('my-conv.onnx');
  await expect(page.getByTestId('io-table')).toContainText('[2, 3, 7, 5]');
  await expect(page.getByTestId('model-error')).toHaveCount(0);

  // Quiet mode: no chart redraws while measuring, everything drawn at the end.
  await page.getByTestId('live-charts').uncheck();
  await page.getByTestId('field-minIterations').fill('100');
  await page.getByTestId('field-minDuration').fill('1');
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('quiet-note')).toBeVisible();
  await expect(page.getByTestId('live-chart')).toHaveCount(0);
  await expect(page.getByTestId('live-canvas')).toHaveCount(0);
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('quiet-note')).toHaveCount(0);
  await expect(page.locator('[data-testid="live-chart"] .scatterlayer .trace')).toHaveCount(1);
  await page.getByTestId('live-charts').check();

  // The light theme is a toggle away, and charts follow it.
  await page.getByRole('button', { name: 'Light' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByTestId('field-minIterations').fill('200');
  await page.getByTestId('field-minDuration').fill('0');
  const previous = (await page.getByTestId('run-id').textContent())!;
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-id')).not.toHaveText(previous);
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('stat-count')).toHaveText('200');
  await expect(page.locator('[data-testid="live-chart"] .scatterlayer .trace')).toHaveCount(1);
  await page.setViewportSize({ width: 1440, height: 1800 });
  await screenshot(page, 'run-light-theme.png');
  expect(errors).toEqual([]);
});

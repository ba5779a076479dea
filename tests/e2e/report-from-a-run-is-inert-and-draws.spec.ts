/**
 * Item 6 and the Report button, in Debian's Chromium against the built `dyno serve`: a model
 * whose file name and a run whose label hold `<script>` and `<img onerror>` run no code in the
 * studio; the run's Report button downloads one HTML file; opened offline (file://) that file
 * runs none of the run's markup either, draws all five charts and logs no error (its CSP
 * would report any script it did not ship).
 */
import { expect, test } from '@playwright/test';
import { collectPageErrors } from './served-studio';
import { copyFileSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { CONV2D, tempHome } from '../helpers/temp-home';
import { screenshot } from './screenshot';

let t: ReturnType<typeof tempHome>;
let serve: ServeProcess;
test.beforeAll(async () => {
  t = tempHome('dyno-e2e-report-');
  serve = await startServe(t.home);
});
test.afterAll(async () => {
  await serve.stop();
  t.cleanup();
});

const MODEL_NAME = 'conv<img src=x onerror="window.__pwned=1">.onnx';
const LABEL = '<script>window.__pwned=2</script><img src=x onerror="window.__pwned=3">';

test("a run's report downloads, opens offline, draws its charts and runs none of the run's markup", async ({ page, context }) => {
  const dir = mkdtempSync(join(tmpdir(), 'dyno-evil-'));
  const model = join(dir, MODEL_NAME);
  copyFileSync(CONV2D, model);

  await page.goto(serve.url);
  await page.getByTestId('model-path').fill(model);
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('model-name')).toHaveText(MODEL_NAME, { timeout: 30_000 });
  await page.getByTestId('field-label').fill(LABEL);
  await page.getByTestId('field-minIterations').fill('800');
  await page.getByTestId('field-minDuration').fill('0');
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('report-button')).toBeEnabled();
  await page.getByTestId('report-actions').scrollIntoViewIfNeeded();
  await screenshot(page, 'report-button.png');
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

  const downloading = page.waitForEvent('download');
  await page.getByTestId('report-button').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^dyno-\d{14}-[a-z0-9]{6}\.html$/);
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  expect(statSync(file).size).toBeLessThan(2_000_000);
  expect(readFileSync(file, 'utf8')).toContain('&lt;script&gt;window.__pwned=2&lt;/script&gt;');

  const report = await context.newPage();
  const seen = collectPageErrors(report, 'errors-and-warnings');
  await report.goto(`file://${file}`);
  await expect(report.locator('html')).toHaveAttribute('data-charts', 'drawn', { timeout: 30_000 });
  await expect(report.locator('.js-plotly-plot')).toHaveCount(5);
  // Each chart drew its run: a CDF line, histogram bars, a box, the timeline, telemetry.
  await expect(report.locator('#chart-cdf .scatterlayer .trace')).toHaveCount(1);
  await expect(report.locator('#chart-histogram .barlayer .trace')).toHaveCount(1);
  await expect(report.locator('#chart-box .boxlayer .trace')).toHaveCount(1);
  await expect(report.locator('#chart-timeline .scatterlayer .trace .point')).not.toHaveCount(0);
  await expect(report.locator('#chart-telemetry .scatterlayer .trace')).not.toHaveCount(0);
  await expect(report.locator('#runs')).toContainText(LABEL);
  await expect(report.locator('#runs')).toContainText(MODEL_NAME);
  await expect(report.locator('#chart-cdf .legend')).toContainText('<script>window.__pwned=2</script>');
  expect(await report.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await report.locator('img').count()).toBe(0);
  expect(seen).toEqual([]);
  await report.setViewportSize({ width: 1300, height: 900 });
  await report.screenshot({ path: test.info().outputPath('html-report.png'), fullPage: true });
  await report.locator('#charts').screenshot({ path: test.info().outputPath('html-report-charts.png') });
});

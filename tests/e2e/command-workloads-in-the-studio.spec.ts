/**
 * The Command source of the Run view, in Debian's Chromium against the built `dyno serve`:
 * refused (and said so) without --allow-commands; with it, the example training script runs,
 * its output and metrics stream in, and its final metrics are shown with their spread.
 */
import { expect, test } from '@playwright/test';
import { resolve } from 'node:path';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { tempHome } from '../helpers/temp-home';
import { screenshot } from './screenshot';

const TRAIN = resolve('examples/train-logistic.mjs');

test.describe('without --allow-commands', () => {
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

  test('the Command source says why it cannot run, and the Run button stays off', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(serve.url);
    await page.getByTestId('source-command').check();
    await expect(page.getByTestId('commands-refused')).toContainText('started without --allow-commands');
    await page.getByTestId('command-line').fill(`node ${TRAIN}`);
    await expect(page.getByTestId('start-run')).toBeDisabled();
    await screenshot(page, 'command-refused.png');
  });
});

test.describe('with --allow-commands', () => {
  let t: ReturnType<typeof tempHome>;
  let serve: ServeProcess;
  test.beforeAll(async () => {
    t = tempHome('dyno-e2e-');
    serve = await startServe(t.home, {}, ['--allow-commands']);
  });
  test.afterAll(async () => {
    await serve.stop();
    t.cleanup();
  });

  test('runs the example training script, streams its output and metrics, and shows the final metrics', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(serve.url);
    await page.getByTestId('source-command').check();
    await expect(page.getByTestId('commands-refused')).toHaveCount(0);
    await page.getByTestId('command-line').fill(`node ${TRAIN} --epochs 1600 --samples 6000`);
    await page.getByTestId('command-runs').fill('3');
    await page.getByTestId('command-minDurationS').fill('0');
    await page.getByTestId('command-env').fill('DYNO_EXAMPLE=1');
    await expect(page.getByTestId('command-cli')).toHaveText(`dyno exec -r 3 --min-duration 0 --env DYNO_EXAMPLE=1 -- 'node ${TRAIN} --epochs 1600 --samples 6000'`);
    await page.getByTestId('start-run').click();

    // Live: the output tail and the metric chart fill while the runs go. The page hears a run's
    // output with its samples, once per 2 s batch, so the three runs must outlast the first
    // batches: 1600 epochs take about 2 s each on a fast Xeon (400 took 0.6 s there and the runs
    // ended before the page saw them live), some 7 s on the slower VMs.
    await expect(page.getByTestId('command-output')).toContainText('"dyno"', { timeout: 30_000 });
    await expect(page.getByTestId('metric-chart').locator('.scatterlayer .trace').first()).toBeVisible({ timeout: 30_000 });
    // Still running (the first of three runs): the chart and the output are live, not the stored result.
    await expect(page.getByTestId('cancel-run')).toBeVisible();
    // The progress line says the phase the command is in (no warm-ups: measuring from its first
    // run, before any run has ended) and counts measured runs; it used to read "warm-up · 0".
    await expect(page.getByTestId('progress-words')).toHaveText(/^measuring · (1 run|[023] runs)$/);
    await screenshot(page, 'command-live.png');

    await expect(page.getByTestId('metric-finals')).toBeVisible({ timeout: 60_000 });
    const finals = page.getByTestId('metric-finals');
    await expect(finals).toContainText('accuracy');
    await expect(finals.locator('tr', { hasText: 'accuracy' }).locator('td').nth(4)).toHaveText('3');
    await expect(page.getByTestId('command-output')).toContainText('done: acc=0.');
    // The metric chart of the last run is drawn: one trace per metric, with points.
    const traces = page.getByTestId('metric-chart').locator('.scatterlayer .trace');
    expect(await traces.count()).toBeGreaterThanOrEqual(3);
    // A command's samples are its runs, in the headline as in its warnings.
    const card = (id: string) => page.locator('.stat-card', { has: page.getByTestId(id) });
    await expect(card('stat-count').locator('.stat-label')).toHaveText('runs');
    await expect(card('stat-throughput')).toContainText('runs per second');
    await screenshot(page, 'command-headline.png');
    await page.getByTestId('command-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'command-results.png');
    expect(errors).toEqual([]);
  });
});

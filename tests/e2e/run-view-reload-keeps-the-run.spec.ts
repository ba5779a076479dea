/**
 * Issue 14's leftover: a reload of the Run view after a run shows that run again (its results,
 * its chart, and the form as the tab left it), because the Run view's address carries the run it
 * watches (#/run?run=<id>); the address opened in a fresh tab shows it too, with the form and
 * model it ran with; an unknown run says so. A command run is restored the same way: its results,
 * and the Command form (as the tab left it, or in a fresh tab with the command's settings).
 * Screenshots at 1280×720.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { collectPageErrors, servedStudio } from './served-studio';
import { screenshot } from './screenshot';

const studio = servedStudio('dyno-e2e-run-reload-', undefined, ['--allow-commands']);
test.use({ viewport: { width: 1280, height: 720 } });

/** The finished run's results, as the Run view shows them: the headline, the count and a drawn chart. */
async function expectFinishedRun(page: Page, runId: string, iterations: number, warmup: number): Promise<void> {
  await expect(page.getByTestId('run-id')).toHaveText(runId, { timeout: 30_000 });
  await expect(page.getByTestId('run-headline')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('stat-count')).toHaveText(String(iterations));
  // The latency chart is drawn from the stored series, not left empty: a marker per iteration, warm-up included.
  await expect(page.getByTestId('live-chart').locator('.scatterlayer .point')).toHaveCount(iterations + warmup, { timeout: 30_000 });
}

test('a reload of the Run view after a run shows the finished run and the form it ran with; its address opens it afresh', async ({ page, browser }) => {
  const errors = collectPageErrors(page);
  await page.goto(`${studio.serve.url}#/run`);
  await page.getByRole('button', { name: 'Conv2d (PyTorch export)' }).click();
  await expect(page.getByTestId('model-name')).toHaveText('conv2d.onnx', { timeout: 30_000 });
  await page.getByTestId('field-minIterations').fill('220');
  await page.getByTestId('field-minDuration').fill('0');
  await page.getByTestId('field-warmup').fill('5');
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-headline')).toBeVisible({ timeout: 60_000 });
  const runId = (await page.getByTestId('run-id').textContent())!.trim();
  await expect(page).toHaveURL(new RegExp(`#/run\\?run=${runId}$`));

  await page.reload();
  await expectFinishedRun(page, runId, 220, 5);
  await expect(page.getByTestId('field-minIterations')).toHaveValue('220');
  await expect(page.getByTestId('field-warmup')).toHaveValue('5');
  await expect(page).toHaveURL(new RegExp(`#/run\\?run=${runId}$`));
  await screenshot(page, 'run-view-after-a-reload.png');

  // The form is the tab's own: typed after the run, it survives a reload beside that run.
  await page.getByTestId('field-warmup').fill('9');
  await page.reload();
  await expectFinishedRun(page, runId, 220, 5);
  await expect(page.getByTestId('field-warmup')).toHaveValue('9');

  // Another view and back: the Run view still shows the run, and its address says so.
  await page.getByTestId('nav-sessions').click();
  await expect(page).toHaveURL(/#\/sessions$/);
  await page.getByTestId('nav-run').click();
  await expect(page).toHaveURL(new RegExp(`#/run\\?run=${runId}$`));

  // The address in a fresh browser context (nothing remembered): the run's results.
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const other = await fresh.newPage();
  const otherErrors = collectPageErrors(other);
  await other.goto(`${studio.serve.url}#/run?run=${runId}`);
  await expectFinishedRun(other, runId, 220, 5);
  // A tab with no form of its own gets the one the run ran with, and its model.
  await expect(other.getByTestId('model-name')).toHaveText('conv2d.onnx', { timeout: 30_000 });
  await expect(other.getByTestId('field-minIterations')).toHaveValue('220');
  await expect(other.getByTestId('field-warmup')).toHaveValue('5');
  await expect(other.getByTestId('cli-command')).toContainText('conv2d.onnx --warmup 5');
  await screenshot(other, 'run-view-link-in-a-fresh-tab.png');

  // An unknown run: one notice that names it, with the form still there.
  await other.goto(`${studio.serve.url}#/run?run=20991231235959-nosuch`);
  await expect(other.getByTestId('live-failure')).toContainText('Could not open run 20991231235959-nosuch', { timeout: 30_000 });
  await expect(other.getByTestId('start-run')).toBeVisible();
  await expect(other.getByTestId('live-chart')).toHaveCount(0);
  await expect(other).toHaveURL(/#\/run$/);
  await screenshot(other, 'run-view-unknown-run-address.png');
  await fresh.close();
  expect(otherErrors).toEqual([]);
  expect(errors).toEqual([]);
});

/** A finished command run's results: its headline in runs, its final metrics over its runs, the last run's output, a marker per run. */
async function expectFinishedCommandRun(page: Page, runId: string, runs: number, warmup: number): Promise<void> {
  await expect(page.getByTestId('run-id')).toHaveText(runId, { timeout: 30_000 });
  await expect(page.getByTestId('run-headline')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('stat-count')).toHaveText(String(runs));
  await expect(page.locator('.stat-card', { has: page.getByTestId('stat-count') }).locator('.stat-label')).toHaveText('runs');
  await expect(page.getByTestId('metric-finals').locator('tr', { hasText: 'accuracy' }).locator('td').nth(4)).toHaveText(String(runs), { timeout: 30_000 });
  await expect(page.getByTestId('command-output')).toContainText('done: acc=0.');
  await expect(page.getByTestId('live-chart').locator('.scatterlayer .point')).toHaveCount(runs + warmup, { timeout: 30_000 });
}

test('a command run is restored as a model run is: a reload keeps its results and the Command form; its address opens both afresh', async ({ page, browser }) => {
  const errors = collectPageErrors(page);
  const line = `node ${resolve('examples/train-logistic.mjs')} --epochs 20 --samples 1000`;
  await page.goto(`${studio.serve.url}#/run`);
  await page.getByTestId('source-command').check();
  await page.getByTestId('command-line').fill(line);
  await page.getByTestId('command-runs').fill('3');
  await page.getByTestId('command-warmup').fill('1');
  await page.getByTestId('command-minDurationS').fill('0');
  await page.getByTestId('command-env').fill('DYNO_EXAMPLE=1');
  const cli = `dyno exec -r 3 -w 1 --min-duration 0 --env DYNO_EXAMPLE=1 -- '${line}'`;
  await expect(page.getByTestId('command-cli')).toHaveText(cli);
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('metric-finals')).toBeVisible({ timeout: 60_000 });
  const runId = (await page.getByTestId('run-id').textContent())!.trim();
  await expect(page).toHaveURL(new RegExp(`#/run\\?run=${runId}$`));

  await page.reload();
  await expectFinishedCommandRun(page, runId, 3, 1);
  await expect(page.getByTestId('source-command')).toBeChecked();
  await expect(page.getByTestId('command-line')).toHaveValue(line);
  await expect(page.getByTestId('command-cli')).toHaveText(cli);
  await screenshot(page, 'command-run-after-a-reload.png');

  // The Command form is the tab's own: typed after the run, it survives a reload beside that run.
  await page.getByTestId('command-runs').fill('7');
  await page.reload();
  await expectFinishedCommandRun(page, runId, 3, 1);
  await expect(page.getByTestId('command-runs')).toHaveValue('7');

  // Another view and Back: the command run and its form again.
  await page.getByTestId('nav-sessions').click();
  await expect(page).toHaveURL(/#\/sessions$/);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`#/run\\?run=${runId}$`));
  await expect(page.getByTestId('source-command')).toBeChecked();
  await expect(page.getByTestId('metric-finals')).toBeVisible();

  // The address in a fresh context (nothing remembered): the results, and the Command form with the run's settings.
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const other = await fresh.newPage();
  const otherErrors = collectPageErrors(other);
  await other.goto(`${studio.serve.url}#/run?run=${runId}`);
  await expectFinishedCommandRun(other, runId, 3, 1);
  await expect(other.getByTestId('source-command')).toBeChecked();
  await expect(other.getByTestId('command-line')).toHaveValue(line);
  await expect(other.getByTestId('command-runs')).toHaveValue('3');
  await expect(other.getByTestId('command-warmup')).toHaveValue('1');
  await expect(other.getByTestId('command-env')).toHaveValue('DYNO_EXAMPLE=1');
  await expect(other.getByTestId('command-cli')).toHaveText(cli);
  await screenshot(other, 'command-run-link-in-a-fresh-tab.png');
  // The form holds all of this run's settings: nothing to say about the link.
  await expect(other.getByTestId('address-notice')).toHaveCount(0);
  await fresh.close();
  expect(otherErrors).toEqual([]);
  expect(errors).toEqual([]);
});

test('a CLI command run opened by its address says which of its settings the Command form cannot hold', async ({ browser }) => {
  // Made by `dyno exec` into the studio's own store, with a --metric and a --target the form has no field for.
  const out = execFileSync(process.execPath, [resolve('bin/dyno.js'), 'exec', '-r', '1', '-w', '0', '--min-duration', '0', '--metric', 'x=x=([0-9]+)', '--target', 'x>=1', '--json', '--', 'sh', '-c', 'echo x=1'], {
    env: { ...process.env, DYNO_HOME: studio.home },
    encoding: 'utf8',
  });
  const runId = (JSON.parse(out) as { run: { id: string } }).run.id;
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await fresh.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${studio.serve.url}#/run?run=${runId}`);
  await expect(page.getByTestId('run-id')).toHaveText(runId, { timeout: 30_000 });
  await expect(page.getByTestId('source-command')).toBeChecked();
  await expect(page.getByTestId('address-notice')).toContainText('This run was made with --metric x and --target x>=1, which the Command form has no fields for: a run started from this form measures without them (dyno exec takes them).', { timeout: 30_000 });
  await screenshot(page, 'cli-command-run-link-says-what-the-form-lacks.png');
  await fresh.close();
  expect(errors).toEqual([]);
});

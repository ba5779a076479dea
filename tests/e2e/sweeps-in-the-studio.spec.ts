/**
 * Issue 14 item 5, as a user does it against the built `dyno serve` at 1280×720 in both themes:
 * a `dyno zoo` MLP swept over batch sizes × threads from the Run view's Sweep mode, with its
 * `dyno sweep` command, live progress point by point, the scaling curve with its fitted
 * exponent per axis (two points a line: the fit says it has no quality to claim, no R²), each
 * point opening its run, and the study's own address; Cancel mid-way keeps the finished points.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { tempHome } from '../helpers/temp-home';
import { screenshot } from './screenshot';

let t: ReturnType<typeof tempHome>;
let serve: ServeProcess;
let mlp: string;

test.use({ viewport: { width: 1280, height: 720 } });
test.beforeAll(async () => {
  t = tempHome('dyno-e2e-sweep-');
  mlp = join(t.home, 'mlp-small.onnx');
  execFileSync(process.execPath, [resolve('bin/dyno.js'), 'zoo', 'mlp', '--size', 'small', '--output', mlp], { env: { ...process.env, DYNO_HOME: t.home } });
  serve = await startServe(t.home);
});
test.afterAll(async () => {
  await serve.stop();
  t.cleanup();
});

async function openMlpWithSweep(page: Page, theme: 'dark' | 'light', minDurationS: number): Promise<void> {
  await page.goto(serve.url);
  if (theme === 'light') await page.getByRole('button', { name: 'Light' }).click();
  await page.getByTestId('model-path').fill(mlp);
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('model-name')).toHaveText('mlp-small.onnx', { timeout: 30_000 });
  await page.getByTestId('field-minIterations').fill('20');
  await page.getByTestId('field-minDuration').fill(String(minDurationS));
  await page.getByTestId('sweep-on').check();
  // Batch sizes 1 and 4 (defaults are 1, 2, 4, 8); threads: every count of this machine.
  for (const b of [2, 8]) if (await page.getByTestId(`sweep-batch-${b}`).isChecked()) await page.getByTestId(`sweep-batch-${b}`).uncheck();
  for (const b of [1, 4]) await page.getByTestId(`sweep-batch-${b}`).check();
  const threads = page.getByTestId('sweep-threads').locator('input');
  for (let i = 0; i < (await threads.count()); i++) if (i < 2) await threads.nth(i).check();
  else await threads.nth(i).uncheck();
}

for (const theme of ['dark', 'light'] as const) {
  test(`${theme}: a sweep from the Run view shows its progress, its scaling curves with k per axis (two points each: no R² claimed), and opens each point`, async ({ page }) => {
    await openMlpWithSweep(page, theme, 0);
    await expect(page.getByTestId('sweep-command')).toContainText('npx dyno sweep');
    await expect(page.getByTestId('sweep-command')).toContainText('--batches 1,4 --thread-counts 1,2');
    // The grid's batch sizes replace the form's batch and the dim it sets: no second value for them.
    expect(await page.getByTestId('sweep-command').textContent()).not.toMatch(/--batch\s|--dim batch=|--threads\s/);
    await expect(page.getByTestId('start-run')).toHaveText('Run sweep (4 points)');
    await screenshot(page, `sweep-form-${theme}.png`);

    await page.getByTestId('start-run').click();
    // studies.sweep opens the model in a fresh worker first: seconds on a loaded 2-core machine.
    await expect(page.getByTestId('sweep-progress')).toContainText(/Point [1-4] of 4/, { timeout: 30_000 });
    await expect(page.getByTestId('sweep-progress')).toHaveText('Sweep done: 4 of 4 points.', { timeout: 120_000 });
    const fits = page.getByTestId('sweep-fits');
    await expect(fits).toContainText(/p50 ∝ batch\^-?\d+\.\d{3} at threads (?:auto|\d+) \(2 points: no fit quality\)/);
    await expect(fits).toContainText(/p50 ∝ threads\^-?\d+\.\d{3} at batch 1 \(2 points: no fit quality\)/);
    // A line through two points always fits exactly: an R² would claim a quality there is none of.
    await expect(fits).not.toContainText('R²');
    // Each curve draws its points: two lines of two markers for latency, as many for throughput.
    await expect(page.getByTestId('scaling-chart-batch').locator('.scatterlayer .point')).toHaveCount(8);
    await expect(page.getByTestId('sweep-points').locator('tbody tr')).toHaveCount(4);
    await screenshot(page, `sweep-done-${theme}.png`);

    // A point opens as a run, by its address.
    const link = page.getByTestId('sweep-point-link').nth(1);
    const runId = await link.getAttribute('title');
    await link.click();
    await expect(page).toHaveURL(new RegExp(`#/runs/${runId}$`));
    await expect(page.getByTestId('run-detail')).toContainText(runId!);

    // The study has an address of its own: Sessions shows its curve above its runs.
    await page.goBack();
    await page.getByTestId('sweep-study-link').click();
    await expect(page).toHaveURL(/#\/studies\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('sweep-results')).toBeVisible();
    await expect(page.getByTestId('sweep-fits')).toContainText('no fit quality');
    await expect(page.getByTestId('sweep-fits')).not.toContainText('R²');
    await expect(page.getByTestId('scaling-chart-threads').locator('.scatterlayer .point')).toHaveCount(8);
    await screenshot(page, `sweep-study-${theme}.png`);
  });
}

test('Cancel mid-way stops the sweep and keeps its finished points', async ({ page }) => {
  await openMlpWithSweep(page, 'dark', 3);
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('sweep-progress')).toContainText('Point 2 of 4', { timeout: 60_000 });
  // One Cancel: the live panel's button ends the sweep, as the sweep panel's does.
  await expect(page.getByTestId('cancel-run')).toHaveText('Cancel sweep');
  await page.getByTestId('cancel-sweep').click();
  await expect(page.getByTestId('sweep-progress')).toHaveText('Sweep cancelled: 1 of 4 points completed and kept, the rest not run.', { timeout: 30_000 });
  await expect(page.getByTestId('sweep-points').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('sweep-points')).toContainText('aborted');
  await screenshot(page, 'sweep-cancelled-dark.png');
});

for (const theme of ['dark', 'light'] as const) {
  test(`${theme}: a profiled run's trace downloads in one click, and its operator tables sort by any column from the keyboard`, async ({ page }) => {
    await page.goto(serve.url);
    if (theme === 'light') await page.getByRole('button', { name: 'Light' }).click();
    await page.getByTestId('model-path').fill(mlp);
    await page.getByRole('button', { name: 'Open' }).click();
    await expect(page.getByTestId('model-name')).toHaveText('mlp-small.onnx', { timeout: 30_000 });
    if (await page.getByTestId('sweep-on').isChecked()) await page.getByTestId('sweep-on').uncheck();
    await page.getByTestId('field-minIterations').fill('50');
    await page.getByTestId('field-minDuration').fill('0');
    await page.getByTestId('field-profile').check();
    await page.getByTestId('start-run').click();
    const byOp = page.getByTestId('profile-by-op');
    await expect(byOp).toBeVisible({ timeout: 60_000 });

    // By time, slowest first, to begin with; the sort is shown on the header.
    const timeHeader = byOp.locator('th', { has: page.getByTestId('profile-by-op-sort-ms') });
    await expect(timeHeader).toHaveAttribute('aria-sort', 'descending');
    const times = async (): Promise<string[]> => byOp.locator('tbody tr td:nth-child(1)').allTextContents();
    const names = await times();
    // Enter on a focused header sorts (a header is a button): operator A→Z, then Z→A.
    await page.getByTestId('profile-by-op-sort-opType').focus();
    await page.keyboard.press('Enter');
    const opHeader = byOp.locator('th', { has: page.getByTestId('profile-by-op-sort-opType') });
    await expect(opHeader).toHaveAttribute('aria-sort', 'ascending');
    await expect(timeHeader).toHaveAttribute('aria-sort', 'none');
    expect(await times()).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    await page.keyboard.press('Enter');
    await expect(opHeader).toHaveAttribute('aria-sort', 'descending');
    expect(await times()).toEqual([...names].sort((a, b) => b.localeCompare(a)));
    await expect(page.getByTestId('profile-by-op-sort-opType')).toContainText('▼');

    // Kernel time is a part of the profiling pass's own mean, never set against the run's.
    await expect(page.getByTestId('profile-pass')).toHaveText(/^profiling pass \(20 iterations, apart from the measured run\): mean \S+ [µm]?s per iteration, \S+ [µm]?s of it in kernels \((\d|[1-9]\d|100) %\)$/);
    await expect(page.getByTestId('perfetto-note')).toContainText('ui.perfetto.dev');
    await expect(page.getByTestId('perfetto-note')).toContainText('Dyno uploads nothing');
    await page.getByTestId('profile').scrollIntoViewIfNeeded();
    await screenshot(page, `profile-trace-${theme}.png`);
    const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-trace').click()]);
    expect(saved.suggestedFilename()).toMatch(/\.json$/);
    const trace = JSON.parse(readFileSync((await saved.path())!, 'utf8')) as unknown;
    // ORT writes Chrome trace events: an array of them, operator calls as complete ("X") events.
    const events = Array.isArray(trace) ? trace : (trace as { traceEvents: unknown[] }).traceEvents;
    expect(events.some((e) => (e as { ph?: string; cat?: string }).ph === 'X' && (e as { cat?: string }).cat === 'Node')).toBe(true);
  });
}

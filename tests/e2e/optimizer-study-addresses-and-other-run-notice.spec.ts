/**
 * Review findings on the optimizer wizard, in Debian's Chromium against the built `dyno serve`:
 * - `#/optimize/<study>` stays on the study: opened directly, on reload of a finished study, and
 *   an id that names no study says so there (not a silent move to another view);
 * - while a wizard study measures, the Run view says the form is not what runs.
 */
import { expect, test } from '@playwright/test';
import { resolve } from 'node:path';
import { FACTOR_IDS } from '../../src/shared/optimizer/factors';
import { screenshot } from './screenshot';
import { collectPageErrors, servedStudio } from './served-studio';

const CONV2D = resolve('resources/models/conv2d.onnx');
const studio = servedStudio('dyno-e2e-opt-addr-');

test('a wizard study: the Run view says what runs; its address survives a reload; an unknown study says so', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectPageErrors(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(studio.serve.url);
  await page.getByTestId('model-path').fill(CONV2D);
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('model-name')).toHaveText('conv2d.onnx', { timeout: 30_000 });
  await page.goto(`${studio.serve.url}#/optimize`);
  await expect(page.getByTestId('opt-model')).toHaveValue(CONV2D);
  for (const id of FACTOR_IDS) if (id !== 'threads') await page.getByTestId(`opt-factor-${id}`).uncheck();
  await page.getByTestId('opt-time-budget').fill('3m');
  await page.getByTestId('opt-trial-duration').fill('0.5');
  await page.getByTestId('opt-start').click();
  await expect(page).toHaveURL(/#\/optimize\/[\w-]+$/);
  const studyId = new URL(page.url()).hash.split('/').at(-1) as string;

  // The Run view while the study measures: the form is the next run, not the trials.
  await page.goto(`${studio.serve.url}#/run`);
  const notice = page.getByTestId('other-run-notice');
  await expect(notice).toContainText(`Running now: optimizer study ${studyId.slice(0, 8)} on conv2d.onnx`, { timeout: 30_000 });
  await expect(notice).toContainText('is not what runs: it is for your next run.');
  await screenshot(page, 'run-view-while-the-optimizer-measures.png');
  await notice.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`#/optimize/${studyId}$`));

  await expect(page.getByTestId('optimizer-result')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('other-run-notice')).toHaveCount(0);

  // A finished study's address, reloaded: the same study, the same address.
  await page.reload();
  await expect(page.getByTestId('optimizer-result')).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(new RegExp(`#/optimize/${studyId}$`));
  // Opened afresh from its address.
  await page.goto(`${studio.serve.origin}/`);
  await page.goto(`${studio.serve.url}#/optimize/${studyId}`);
  await expect(page.getByTestId('optimizer-result')).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(new RegExp(`#/optimize/${studyId}$`));

  // An id that names no study: said in the Optimize view, at its address.
  await page.goto(`${studio.serve.url}#/optimize/no-such-study-0000`);
  const missing = page.getByTestId('opt-open-failure');
  await expect(missing).toContainText('No optimizer study no-such-study-0000 is stored here', { timeout: 30_000 });
  await expect(page.getByTestId('optimize-view')).toBeVisible();
  await expect(page).toHaveURL(/#\/optimize\/no-such-study-0000$/);
  // Asking again cannot find it: no Retry.
  await expect(page.getByTestId('opt-open-failure-retry')).toHaveCount(0);
  await screenshot(page, 'optimizer-no-such-study.png');
  // The Command workload's address says the same, in the same words.
  await page.goto(`${studio.serve.url}#/optimize/no-such-study-0000?workload=command`);
  await expect(missing).toContainText('No optimizer study no-such-study-0000 is stored here', { timeout: 30_000 });
  await expect(page.getByTestId('opt-open-failure-retry')).toHaveCount(0);
  expect(errors.filter((e) => !/Failed to load resource|404/.test(e))).toEqual([]);
});

/**
 * Issue 12, item 9: while a "Try it" run waits and measures, the Run view says what runs (the
 * Try it, the run it changes, linked, and its model) and that the form is not it: the form
 * stays the user's next run. The notice goes once the comparison opens. The advice here is
 * oversubscribed threads (more intra-op threads than the worker's cores), which needs no idle
 * core, so a loaded machine does not hold it back.
 */
import { expect, test } from '@playwright/test';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { corpusPath } from '../helpers/onnx-corpus';
import { screenshot } from './screenshot';
import { collectPageErrors, servedStudio } from './served-studio';

const studio = servedStudio('dyno-e2e-try-notice-');
const model = join(corpusPath('pytorch-converted/test_Conv2d'), 'model.onnx');

test('"Try it" shows what runs above the Run form until its comparison opens', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  const errors = collectPageErrors(page);
  await page.goto(studio.serve.url);
  await page.getByTestId('model-path').fill(model);
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('model-name')).toHaveText('model.onnx', { timeout: 30_000 });
  await page.getByTestId('field-threads').fill(String(cpus().length + 2));
  await page.getByTestId('field-minIterations').fill('200');
  await page.getByTestId('field-minDuration').fill('0');
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('try-threads-oversubscribed')).toBeEnabled({ timeout: 60_000 });
  const firstId = (await page.getByTestId('run-id').textContent())?.trim() ?? '';
  expect(firstId).not.toBe('');
  await expect(page.getByTestId('other-run-notice')).toHaveCount(0);

  // A long run from another tab holds the host's queue, so the tried run waits behind it while
  // the notice is read (alone it is over in a moment); cancelling it then lets the tried run go.
  const other = await page.context().newPage();
  await other.goto(studio.serve.url);
  await other.getByTestId('model-path').fill(model);
  await other.getByRole('button', { name: 'Open' }).click();
  await expect(other.getByTestId('model-name')).toHaveText('model.onnx', { timeout: 30_000 });
  await other.getByTestId('field-minDuration').fill('90');
  await other.getByTestId('field-maxIterations').fill('10000000');
  await other.getByTestId('start-run').click();
  await expect(other.getByTestId('cancel-run')).toBeVisible({ timeout: 30_000 });

  await page.getByTestId('try-threads-oversubscribed').click();
  const notice = page.getByTestId('other-run-notice');
  await expect(notice).toContainText('model.onnx with that one change', { timeout: 30_000 });
  await expect(notice).toContainText(`Running now: Try it (threads-oversubscribed) on run ${firstId}, model.onnx`);
  await expect(notice).toContainText('The form below is not what runs: it is for your next run.');
  await expect(notice).toHaveAttribute('role', 'status');
  await expect(notice.getByRole('link')).toHaveAttribute('href', `#/runs/${firstId}`);
  // The form's column was scrolled down to its stop rule: the notice at its top comes into view.
  await expect(notice).toBeInViewport();
  await screenshot(page, 'try-it-running-notice.png');
  await other.getByTestId('cancel-run').click();

  await expect(page.getByTestId('compare-view')).toBeVisible({ timeout: 90_000 });
  expect(new URL(page.url()).hash).toMatch(new RegExp(`^#/compare/[\\w-]+,${firstId}\\?baseline=${firstId}$`));
  await expect(notice).toHaveCount(0);
  await other.close();
  // Back in the Run view nothing else runs: no notice. And no page error on the way (a selector
  // that returns a new object each call never settles: React's maximum update depth, #185).
  await page.goto(`${studio.serve.url}#/run`);
  await expect(page.getByTestId('start-run')).toBeVisible();
  await expect(page.getByTestId('other-run-notice')).toHaveCount(0);
  expect(errors).toEqual([]);
});

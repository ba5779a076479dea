/**
 * Issue 12, item 9 in the studio: a finished run lists what to try next with its evidence,
 * right below the headline; "Try it" runs the same configuration with only that change and
 * opens the comparison of the two, the original as baseline, so the verdict is measured.
 */
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { corpusPath } from '../helpers/onnx-corpus';
import { screenshot } from './screenshot';
import { servedStudio } from './served-studio';

const studio = servedStudio('dyno-e2e-advice-');

test('one intra-op thread on two cores: "Try it" runs two threads and lands on the comparison', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(studio.serve.url);
  await page.getByTestId('model-path').fill(join(corpusPath('pytorch-converted/test_Conv2d'), 'model.onnx'));
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('model-name')).toHaveText('model.onnx', { timeout: 30_000 });
  await page.getByTestId('field-threads').fill('1');
  await page.getByTestId('field-minIterations').fill('200');
  await page.getByTestId('field-minDuration').fill('0');
  await page.getByTestId('start-run').click();

  const advice = page.getByTestId('advice-idle-cores');
  await expect(advice).toBeVisible({ timeout: 60_000 });
  await expect(advice).toContainText("Use 2 intra-op threads");
  await expect(advice).toContainText("Ran with 1 intra-op thread on the worker's 2 cores");
  // Below the headline, and the headline stays where it was: in view at 1280×720.
  const headline = await page.getByTestId('run-headline').boundingBox();
  const tryNext = await page.getByTestId('try-next').boundingBox();
  expect(headline && tryNext && tryNext.y >= headline.y + headline.height - 1).toBe(true);
  await expect(page.getByTestId('run-headline')).toBeInViewport({ ratio: 1 });
  await screenshot(page, 'advice-try-next-below-the-headline.png');
  const firstId = (await page.getByTestId('run-id').textContent())?.trim();

  await page.getByTestId('try-idle-cores').click();
  await expect(page.getByTestId('compare-view')).toBeVisible({ timeout: 90_000 });
  const hash = new URL(page.url()).hash;
  const m = /^#\/compare\/([\w-]+),([\w-]+)\?baseline=([\w-]+)$/.exec(hash);
  expect(m, hash).not.toBeNull();
  expect(m?.[3]).toBe(m?.[2]);
  if (firstId) expect(m?.[2]).toBe(firstId);
  // The two runs differ in that knob alone.
  const diff = page.getByTestId('config-diff');
  await expect(diff).toContainText('Intra-op threads');
  await expect(diff.locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('compare-verdicts')).toBeVisible();
  await screenshot(page, 'advice-try-it-comparison.png');

  // Sessions shows the same advice for the first run, below the same headline.
  await page.goto(`${studio.serve.url}#/runs/${m?.[2] ?? ''}`);
  await expect(page.getByTestId('advice-idle-cores')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('try-idle-cores')).toBeEnabled();
  await screenshot(page, 'advice-try-next-in-sessions.png');
});

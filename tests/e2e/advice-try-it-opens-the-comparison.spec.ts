/**
 * Issue 12, item 9 in the studio: a finished run lists what to try next with its evidence,
 * right below the headline; "Try it" runs the same configuration with only that change and
 * opens the comparison of the two, the original as baseline, so the verdict is measured.
 *
 * The advice tried is oversubscribed threads: more intra-op threads than the machine has CPUs
 * is a premise the test sets up on any machine, busy or quiet. (The idle-cores advice this spec
 * used is rightly withheld while other processes keep the cores busy, so on a loaded CI machine
 * its premise failed; tests/integration/advice-on-a-real-run-and-try-it.test.ts covers it.)
 */
import { expect, test } from '@playwright/test';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { corpusPath } from '../helpers/onnx-corpus';
import { screenshot } from './screenshot';
import { servedStudio } from './served-studio';

const studio = servedStudio('dyno-e2e-advice-');

test('more intra-op threads than cores: "Try it" runs as many threads as cores and lands on the comparison', async ({ page }) => {
  // More than every CPU of the machine: more than the worker's cores, whatever its affinity.
  const threads = cpus().length + 2;
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(studio.serve.url);
  await page.getByTestId('model-path').fill(join(corpusPath('pytorch-converted/test_Conv2d'), 'model.onnx'));
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('model-name')).toHaveText('model.onnx', { timeout: 30_000 });
  await page.getByTestId('field-threads').fill(String(threads));
  await page.getByTestId('field-minIterations').fill('200');
  await page.getByTestId('field-minDuration').fill('0');
  await page.getByTestId('start-run').click();

  const advice = page.getByTestId('advice-threads-oversubscribed');
  await expect(advice).toBeVisible({ timeout: 60_000 });
  await expect(advice).toContainText(`Ran with ${threads} intra-op threads on the worker's`);
  await expect(advice).toContainText('the threads took turns on the cores');
  const cores = Number(/Use at most (\d+) intra-op threads?/.exec((await advice.textContent()) ?? '')?.[1]);
  expect(cores).toBeGreaterThanOrEqual(1);
  expect(cores).toBeLessThan(threads);
  // Below the headline, and the headline stays where it was: in view at 1280×720.
  const headline = await page.getByTestId('run-headline').boundingBox();
  const tryNext = await page.getByTestId('try-next').boundingBox();
  expect(headline && tryNext && tryNext.y >= headline.y + headline.height - 1).toBe(true);
  await expect(page.getByTestId('run-headline')).toBeInViewport({ ratio: 1 });
  await screenshot(page, 'advice-try-next-below-the-headline.png');
  const firstId = (await page.getByTestId('run-id').textContent())?.trim();

  await page.getByTestId('try-threads-oversubscribed').click();
  await expect(page.getByTestId('compare-view')).toBeVisible({ timeout: 90_000 });
  const hash = new URL(page.url()).hash;
  const m = /^#\/compare\/([\w-]+),([\w-]+)\?baseline=([\w-]+)$/.exec(hash);
  expect(m, hash).not.toBeNull();
  expect(m?.[3]).toBe(m?.[2]);
  if (firstId) expect(m?.[2]).toBe(firstId);
  // The two runs differ in that knob alone, set to the worker's cores.
  const diff = page.getByTestId('config-diff');
  await expect(diff).toContainText('Intra-op threads');
  await expect(diff.locator('tbody tr')).toHaveCount(1);
  await expect(diff.locator('tbody tr')).toContainText(String(cores));
  await expect(page.getByTestId('compare-verdicts')).toBeVisible();
  await screenshot(page, 'advice-try-it-comparison.png');

  // Sessions shows the same advice for the first run, below the same headline.
  await page.goto(`${studio.serve.url}#/runs/${m?.[2] ?? ''}`);
  await expect(page.getByTestId('advice-threads-oversubscribed')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('try-threads-oversubscribed')).toBeEnabled();
  await screenshot(page, 'advice-try-next-in-sessions.png');
});

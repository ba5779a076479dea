/**
 * A run queued behind another (two tabs on one `dyno serve`: the queue runs one at a time) shows
 * what it waits for, named and linked, with its own Cancel, instead of an empty latency chart;
 * cancelled while queued it leaves no empty chart; when the run ahead ends it runs and charts as
 * any run does. 1280×720, dark and light.
 */
import { expect, test, type Page } from '@playwright/test';
import { screenshot } from './screenshot';
import { collectPageErrors, servedStudio } from './served-studio';

test.use({ viewport: { width: 1280, height: 720 } });
const studio = servedStudio('dyno-e2e-queued-');

/** Starts a run of a bundled sample from the Run view's form; its id, once the view watches it. */
async function startRun(page: Page, sample: { button: string; file: string }, iterations: number, minDurationS: number): Promise<string> {
  await page.goto(`${studio.serve.url}#/run`);
  await page.getByRole('button', { name: sample.button }).click();
  await expect(page.getByTestId('model-name')).toHaveText(sample.file, { timeout: 30_000 });
  // One thread and no live charts: the other core stays free for the second tab on a 2-core machine.
  await page.getByTestId('field-threads').fill('1');
  await page.getByTestId('live-charts').setChecked(false);
  await page.getByTestId('field-minIterations').fill(String(iterations));
  await page.getByTestId('field-minDuration').fill(String(minDurationS));
  await page.getByTestId('field-warmup').fill('2');
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-id')).toHaveText(/\S/, { timeout: 30_000 });
  return (await page.getByTestId('run-id').textContent())!.trim();
}

test('a queued run says which run it waits for instead of drawing an empty chart, then runs', async ({ page, context }) => {
  const errors = collectPageErrors(page);
  // The run ahead: long enough (a minimum of 110 s of SqueezeNet, under the 120 s cap) to still be
  // measuring while the second tab queues behind it; it is cancelled once that is checked.
  const aheadId = await startRun(page, { button: 'SqueezeNet 1.0', file: 'squeezenet.onnx' }, 10, 110);
  await expect(page.getByTestId('cancel-run')).toBeVisible({ timeout: 30_000 });

  const second = await context.newPage();
  const secondErrors = collectPageErrors(second);
  const queuedId = await startRun(second, { button: 'Conv2d (PyTorch export)', file: 'conv2d.onnx' }, 30, 0);
  expect(queuedId).not.toBe(aheadId);
  const note = second.getByTestId('queued-note');
  await expect(note).toContainText(`Queued behind run ${aheadId} (squeezenet.onnx), which is running; it starts on its own when the queue reaches it.`, { timeout: 30_000 });
  await expect(note.getByTestId('cancel-queued')).toBeVisible();
  await expect(note.getByRole('link', { name: aheadId })).toHaveAttribute('href', `#/runs/${aheadId}`);
  await expect(second.getByTestId('live-chart')).toHaveCount(0);
  await expect(second.getByTestId('live-canvas')).toHaveCount(0);
  await expect(note).toBeInViewport();
  await screenshot(second, 'run-queued-behind-another-dark.png');
  await second.getByRole('button', { name: 'Light' }).click();
  await screenshot(second, 'run-queued-behind-another-light.png');

  // Cancelled while still queued: it ends aborted, with no empty chart frame for samples it never had.
  await note.getByTestId('cancel-queued').click();
  await expect(second.locator('.run-title ~ .badge')).toHaveText('aborted', { timeout: 30_000 });
  await expect(note).toHaveCount(0);
  await expect(second.getByTestId('live-chart')).toHaveCount(0);
  await expect(second.getByTestId('live-canvas')).toHaveCount(0);
  await screenshot(second, 'run-cancelled-while-queued-light.png');
  // Queued again, to run once the run ahead ends.
  expect(await startRun(second, { button: 'Conv2d (PyTorch export)', file: 'conv2d.onnx' }, 30, 0)).not.toBe(queuedId);
  await expect(note).toContainText(`Queued behind run ${aheadId}`, { timeout: 30_000 });

  // The run ahead ends: the queued one runs, and its results chart as any run's do.
  await page.getByTestId('cancel-run').click();
  await expect(second.getByTestId('run-headline')).toBeVisible({ timeout: 60_000 });
  await expect(note).toHaveCount(0);
  await expect(second.getByTestId('stat-count')).toHaveText('30');
  await expect(second.getByTestId('live-chart').locator('.scatterlayer .point')).toHaveCount(32, { timeout: 30_000 });
  expect(secondErrors).toEqual([]);
  expect(errors).toEqual([]);
});

/**
 * What remains of issue 11 in the studio, in Debian's Chromium against the real, built `dyno
 * serve`, at 1280×720: the run form's targets panel (the CLI's syntax, validated as typed, in
 * the command line shown), the verdicts on the finished run and in Sessions. Screenshots of
 * each state.
 */
import { expect, test, type Page } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { CONV2D, tempHome } from '../helpers/temp-home';
import { screenshot } from './screenshot';

test.use({ viewport: { width: 1280, height: 720 } });
test.describe.configure({ mode: 'serial' });

let t: ReturnType<typeof tempHome>;
let serve: ServeProcess;

test.beforeAll(async () => {
  t = tempHome('dyno-e2e-targets-');
  serve = await startServe(t.home);
});
test.afterAll(async () => {
  await serve.stop();
  t.cleanup();
});

function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

test('targets: added and removed in the run form, validated as typed, judged on the finished run and shown in Sessions', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(serve.url);
  await page.getByTestId('model-path').fill(CONV2D);
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('model-name')).toHaveText('conv2d.onnx');
  await page.getByTestId('field-minIterations').fill('200');
  await page.getByTestId('field-minDuration').fill('0');

  await page.getByTestId('target-add').click();
  await page.getByTestId('target-0').fill('p99 15ms');
  await expect(page.getByTestId('target-hint-0')).toHaveText(/^'p99 15ms' is not a target: give a metric, <= or >=/);
  await expect(page.getByTestId('start-run')).toBeDisabled();
  await page.getByTestId('targets-panel').scrollIntoViewIfNeeded();
  await screenshot(page, 'targets-invalid.png');

  await page.getByTestId('target-0').fill('p50<=10s');
  await page.getByTestId('target-add').click();
  await page.getByTestId('target-1').fill('median < 1 ns');
  await page.getByTestId('target-add').click();
  await page.getByTestId('target-2').fill('memory<=1GiB');
  await page.getByTestId('target-remove-2').click();
  await expect(page.getByTestId('target-2')).toHaveCount(0);
  await expect(page.getByTestId('cli-command')).toHaveText(/ --target 'p50<=10s' --target 'p50<=1ns'$/);
  await expect(page.getByTestId('start-run')).toBeEnabled();
  await screenshot(page, 'targets-panel.png');

  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 60_000 });
  const verdicts = page.getByTestId('results').getByTestId('target-verdicts').locator('li');
  await expect(verdicts).toHaveCount(2);
  await expect(verdicts.nth(0)).toHaveAttribute('data-outcome', 'pass');
  await expect(verdicts.nth(0)).toContainText('p50 ≤ 10 s: pass (');
  await expect(verdicts.nth(1)).toHaveAttribute('data-outcome', 'fail');
  await expect(verdicts.nth(1)).toContainText('p50 ≤ 1 ns: fail (');
  const runId = (await page.getByTestId('run-id').textContent())!.trim();
  await page.getByTestId('results').getByTestId('target-verdicts').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'targets-verdicts-on-the-run.png');

  await page.getByTestId('nav-sessions').click();
  const row = page.getByTestId(`run-row-${runId}`);
  await expect(row.locator('.cell.targets')).toHaveText('✗ 1/2');
  await row.click();
  await expect(page.getByTestId('run-detail').getByTestId('target-verdicts').locator('li')).toHaveCount(2);
  await screenshot(page, 'targets-in-sessions.png');
  expect(errors).toEqual([]);
});

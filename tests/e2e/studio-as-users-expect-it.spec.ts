/**
 * Issue 14, tried as a new user would at 1280×720 in both themes, against the built `dyno serve`:
 * the answers of a run above the fold and in the same order in Sessions; no chart offers to
 * upload anything; a reload keeps the view, the model, the form and the theme, and every run
 * has a link that opens it; the keyboard reaches everything; the consistency fixes.
 */
import { expect, test, type Page } from '@playwright/test';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { tempHome } from '../helpers/temp-home';
import { screenshot } from './screenshot';

let t: ReturnType<typeof tempHome>;
let serve: ServeProcess;

test.use({ viewport: { width: 1280, height: 720 } });
test.beforeAll(async () => {
  t = tempHome('dyno-e2e-ux-');
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

async function openConv2d(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Conv2d (PyTorch export)' }).click();
  // Inspection runs in a fresh worker process: seconds on a loaded 2-core machine.
  await expect(page.getByTestId('model-name')).toHaveText('conv2d.onnx', { timeout: 30_000 });
}

/** A short run from the form: returns its id once its results are shown. */
async function runShort(page: Page, iterations = 300): Promise<string> {
  await page.getByTestId('field-minIterations').fill(String(iterations));
  await page.getByTestId('field-minDuration').fill('0');
  const before = (await page.getByTestId('run-id').count()) > 0 ? await page.getByTestId('run-id').textContent() : null;
  await page.getByTestId('start-run').click();
  if (before) await expect(page.getByTestId('run-id')).not.toHaveText(before);
  await expect(page.getByTestId('run-headline')).toBeVisible({ timeout: 60_000 });
  return (await page.getByTestId('run-id').textContent())!.trim();
}

/** The element's bottom edge in the viewport: at most 720 means seen without scrolling. */
async function bottomOf(page: Page, testId: string): Promise<number> {
  const box = await page.getByTestId(testId).boundingBox();
  expect(box, testId).not.toBeNull();
  return box!.y + box!.height;
}

/** No plotly logo, no cloud / Chart Studio button, no link out of the machine in any chart. */
async function expectNoUploadButtons(page: Page): Promise<void> {
  await expect(page.locator('.js-plotly-plot').first()).toBeVisible();
  expect(await page.locator('.modebar-btn--logo, a[href*="plotly.com"], a[href*="plot.ly"]').count()).toBe(0);
  const titles = await page.locator('.modebar-btn').evaluateAll((els) => els.map((e) => e.getAttribute('data-title') ?? ''));
  expect(titles.length).toBeGreaterThan(0);
  expect(titles.filter((x) => /cloud|chart studio|edit/i.test(x))).toEqual([]);
}

for (const theme of ['dark', 'light'] as const) {
  test(`${theme}: a finished run's answers are above the fold, in the same order in Sessions, and no chart can upload`, async ({ page }) => {
    const errors = collectPageErrors(page);
    await page.goto(serve.url);
    if (theme === 'light') await page.getByRole('button', { name: 'Light' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await openConv2d(page);
    const runId = await runShort(page);

    // Verdict and headline figures, seen without scrolling at 1280×720.
    for (const id of ['stat-p50', 'stat-p90', 'stat-p99', 'stat-throughput', 'tel-energy', 'stat-warnings']) expect(await bottomOf(page, id), id).toBeLessThanOrEqual(720);
    await expect(page.getByTestId('stat-p99')).toBeVisible();
    await expect(page.getByTestId('stat-warnings')).toHaveText(/^\d+$/);
    await expectNoUploadButtons(page);
    await screenshot(page, `ux-answers-first-${theme}.png`);

    // Sessions: the same sections in the same order (headline, latency chart, the rest).
    await page.getByTestId('nav-sessions').click();
    await page.getByTestId(`run-row-${runId}`).click();
    const detail = page.getByTestId('run-detail');
    await expect(detail.getByTestId('run-headline')).toBeVisible();
    await expect(page.locator('[data-testid="detail-chart"] .scatterlayer .trace')).toHaveCount(1);
    const order = await detail.evaluate((root) =>
      ['run-headline', 'detail-chart', 'results'].map((id) => {
        const el = root.querySelector(`[data-testid="${id}"]`);
        return el ? [...root.querySelectorAll('[data-testid]')].indexOf(el) : -1;
      }),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    await expectNoUploadButtons(page);
    await screenshot(page, `ux-sessions-detail-${theme}.png`);
    expect(errors).toEqual([]);
  });
}

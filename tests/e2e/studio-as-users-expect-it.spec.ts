/**
 * Issue 14, tried as a new user would at 1280×720 in both themes, against the built `dyno serve`:
 * the answers of a run above the fold and in the same order in Sessions; no chart offers to
 * upload anything; a reload keeps the view, the model, the form and the theme, and every run
 * has a link that opens it; the keyboard reaches everything; the consistency fixes.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors } from './served-studio';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
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

test('a reload keeps the view, the model, the form, the theme and the zoo choice; links open a run, a comparison and a study', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(serve.url);
  await page.getByRole('button', { name: 'Light' }).click();
  await openConv2d(page);
  await page.getByTestId('field-warmup').fill('7');
  await page.getByTestId('nav-models').click();
  await page.getByTestId('zoo-family').selectOption('mlp');
  await page.getByTestId('zoo-seed').fill('42');
  await expect(page).toHaveURL(/#\/models$/);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.getByTestId('zoo-family')).toHaveValue('mlp');
  await expect(page.getByTestId('zoo-seed')).toHaveValue('42');
  await page.getByTestId('nav-run').click();
  await expect(page.getByTestId('model-name')).toHaveText('conv2d.onnx', { timeout: 30_000 });
  await expect(page.getByTestId('field-warmup')).toHaveValue('7');
  await expect(page.getByTestId('cli-command')).toContainText('conv2d.onnx --warmup 7');

  // Two runs, the second started from the keyboard (Ctrl+Enter in a field of the form).
  const first = await runShort(page, 200);
  await page.getByTestId('field-minIterations').fill('250');
  await page.getByTestId('field-minIterations').press('Control+Enter');
  await expect(page.getByTestId('run-id')).not.toHaveText(first);
  await expect(page.getByTestId('stat-count')).toHaveText('250', { timeout: 60_000 });
  const second = (await page.getByTestId('run-id').textContent())!.trim();

  // The run's id is its link; the address opens it again after a reload.
  await page.getByTestId('run-id').click();
  await expect(page).toHaveURL(new RegExp(`#/runs/${second}$`));
  await expect(page.getByTestId('run-detail')).toContainText(second);
  await page.reload();
  await expect(page.getByTestId('run-detail')).toContainText(second, { timeout: 30_000 });
  await expect(page.getByTestId(`run-row-${second}`)).toHaveAttribute('aria-selected', 'true');

  // A comparison's address, baseline included.
  await page.goto(`${serve.origin}/#/compare/${first},${second}?baseline=${second}`);
  await expect(page.getByTestId('compare-view')).toContainText('Compare 2 runs', { timeout: 30_000 });
  await expect(page).toHaveURL(new RegExp(`#/compare/${first},${second}\\?baseline=${second}$`));
  await screenshot(page, 'ux-compare-link-light.png');

  // A study's address selects its runs in Sessions.
  execFileSync(process.execPath, [resolve('bin/dyno.js'), 'sweep', resolve('resources/models/conv2d.onnx'), '--thread-counts', '1,2', '-n', '20', '--json'], {
    env: { ...process.env, DYNO_HOME: t.home },
  });
  const db = new Database(join(t.home, 'dyno.db'), { readonly: true });
  const study = db.prepare("SELECT id FROM studies WHERE kind = 'sweep'").get() as { id: string };
  db.close();
  await page.goto(`${serve.origin}/#/studies/${study.id}`);
  await expect(page.getByText('2 runs selected').or(page.getByText(/2 of \d+ selected/))).toBeVisible({ timeout: 30_000 });
  await expect(page).toHaveURL(new RegExp(`#/studies/${study.id}$`));
  await screenshot(page, 'ux-study-link-light.png');

  // Back goes to the previous view.
  await page.goBack();
  await expect(page.getByTestId('compare-view')).toBeVisible();
  expect(errors).toEqual([]);
});

test('keyboard: the shortcut list, view keys, Sessions rows by arrow keys, a visible focus', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(serve.url);
  await expect(page.getByTestId('device-status')).toContainText('ONNX Runtime', { timeout: 30_000 });
  await page.locator('body').press('?');
  const dialog = page.getByTestId('shortcuts');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Ctrl+Enter');
  await expect(dialog).toContainText('Shift+↑');
  await screenshot(page, 'ux-shortcuts-dark.png');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await page.locator('body').press('2');
  await expect(page).toHaveURL(/#\/sessions$/);
  const scroller = page.getByTestId('runs-scroller');
  await expect(page.locator('[data-testid^="run-row-"]').nth(1)).toBeVisible({ timeout: 30_000 });
  await scroller.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const selected = page.locator('[data-testid^="run-row-"][aria-selected="true"]');
  await expect(selected).toHaveCount(1);
  const id = (await selected.getAttribute('data-testid'))!.replace('run-row-', '');
  await expect(page.getByTestId('run-detail')).toContainText(id);
  await expect(page).toHaveURL(new RegExp(`#/runs/${id}$`));
  // The focused list is outlined (focus-visible after keyboard use).
  expect(await scroller.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
  await screenshot(page, 'ux-sessions-keyboard-dark.png');

  // Tab reaches the rail's buttons, and the focused one is outlined.
  await page.getByTestId('nav-run').focus();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
  expect(errors).toEqual([]);
});

test('a failed open closes the previous model and disables Run; a dropped file says the command names its copy', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(serve.url);
  await openConv2d(page);
  await page.getByTestId('model-path').fill(join(t.home, 'missing.onnx'));
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('model-error')).toContainText('Model file not found', { timeout: 30_000 });
  await expect(page.getByTestId('model-name')).toHaveCount(0);
  await expect(page.getByTestId('start-run')).toBeDisabled();
  await expect(page.getByTestId('cli-command')).toHaveCount(0);

  const bytes = [...readFileSync(resolve('resources/models/conv2d.onnx'))];
  const dataTransfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'dropped-conv.onnx'));
    return dt;
  }, bytes);
  await page.locator('.frame').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('model-name')).toHaveText('dropped-conv.onnx', { timeout: 30_000 });
  const note = page.getByTestId('model-copy-note');
  await expect(note).toContainText('A copy of the dropped dropped-conv.onnx');
  const copyPath = (await note.locator('.mono').textContent())!;
  expect(copyPath.startsWith(join(t.home, 'models'))).toBe(true);
  expect(readFileSync(copyPath).equals(readFileSync(resolve('resources/models/conv2d.onnx')))).toBe(true);
  await expect(page.getByTestId('cli-command')).toContainText(copyPath);
  await screenshot(page, 'ux-dropped-copy-dark.png');
  expect(errors).toEqual([]);
});

test('Batch size and a `batch` dim: the batch size wins visibly and the command sets it once', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(serve.url);
  await page.getByTestId('nav-models').click();
  await page.getByTestId('zoo-family').selectOption('bert');
  await page.getByTestId('zoo-build').click();
  await expect(page.getByTestId('model-name')).toHaveText('bert-small-seed1.onnx', { timeout: 30_000 });
  await expect(page.getByTestId('io-table')).toContainText('[batch, seq]');
  const dim = page.getByTestId('dim-batch');
  await expect(dim).toBeEnabled();
  await page.getByTestId('field-batch').fill('4');
  await expect(dim).toBeDisabled();
  await expect(dim).toHaveValue('4');
  const command = page.getByTestId('cli-command');
  await expect(command).toContainText('--batch 4');
  await expect(command).not.toContainText('--dim batch=');
  // The zoo records its dims in the model's metadata: the form starts from them and says so.
  const seq = page.getByTestId('dim-seq');
  await expect(seq).toHaveValue('128');
  await expect(page.locator('.field', { has: seq })).toContainText('model default 128 (from its metadata)');
  await expect(command).toContainText('--dim seq=128');
  await seq.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await screenshot(page, 'ux-zoo-default-dims-dark.png');
  await page.getByTestId('field-batch').fill('');
  await expect(dim).toBeEnabled();
  await expect(command).toContainText('--dim batch=1');
  await page.getByTestId('field-batch').fill('4');
  await dim.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await screenshot(page, 'ux-batch-dim-dark.png');
  expect(errors).toEqual([]);
});

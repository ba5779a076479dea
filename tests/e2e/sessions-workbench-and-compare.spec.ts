/**
 * Sessions as a workbench and Compare, in Debian's Chromium against the real, built `dyno
 * serve`, at 1280×720: 10,000 stored runs in a real database scroll and select at once; search
 * and filters narrow them; click, Shift-click, Ctrl-click and the keyboard select; a label,
 * tags and notes are saved (and stay inert HTML) across a reload; a delete is undone from the
 * toast; a sweep is one group; two real runs of conv2d (1 and 2 threads) compare with their
 * charts overlaid in one colour per run. Screenshots of each state.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectPageErrors } from './served-studio';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { CONV2D, tempHome } from '../helpers/temp-home';
import { seedRuns } from '../helpers/seed-runs';
import { openDatabase } from '../../src/main/store/database';
import { StudiesRepository } from '../../src/main/store/studies-repository';
import { screenshot } from './screenshot';

test.use({ viewport: { width: 1280, height: 720 } });
test.describe.configure({ mode: 'serial' });

const N = 10_000;
let t: ReturnType<typeof tempHome>;
let serve: ServeProcess;
const realRuns: string[] = [];
const pad = (i: number): string => `seed-${String(i).padStart(5, '0')}`;

test.beforeAll(async () => {
  t = tempHome('dyno-e2e-sessions-');
  const file = join(t.home, 'dyno.db');
  seedRuns(file, N, 100);
  // A sweep of six seeded runs: one study, shown as one group.
  const { db } = openDatabase(file);
  const studies = new StudiesRepository(db);
  const sweep = studies.create({ kind: 'sweep', name: 'batches 1–8', spec: {} }, '2026-11-07T00:00:00.000Z');
  studies.addRuns(sweep.id, [9990, 9991, 9992, 9993, 9994, 9995].map(pad));
  db.close();
  for (const threads of ['1', '2']) {
    const out = execFileSync(process.execPath, [resolve('bin/dyno.js'), 'bench', CONV2D, '--iterations', '300', '--threads', threads, '--label', `conv2d ${threads}t`, '--json'], {
      env: { ...process.env, DYNO_HOME: t.home },
    });
    realRuns.push((JSON.parse(out.toString()) as { run: { id: string } }).run.id);
  }
  serve = await startServe(t.home);
});
test.afterAll(async () => {
  await serve.stop();
  t.cleanup();
});

async function openSessions(page: Page): Promise<void> {
  await page.goto(serve.url);
  await page.getByTestId('nav-sessions').click();
  await expect(page.getByTestId('runs-count')).toHaveText(`${(N + 2).toLocaleString('en-US')} runs`);
}

const count = (page: Page) => page.getByTestId('selection-count');

test('10,000 runs: the list scrolls to the end and selects at once, by mouse and keyboard', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openSessions(page);
  await expect(page.getByTestId(`run-row-${realRuns[1]}`)).toContainText('conv2d 2t');
  await screenshot(page, 'sessions-list.png');
  // The DOM holds the rows in view, not 10,002.
  expect(await page.locator('[data-testid^="run-row-"]').count()).toBeLessThan(60);

  const scroller = page.getByTestId('runs-scroller');
  const started = Date.now();
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.getByTestId(`run-row-${pad(0)}`)).toContainText('squeezenet.onnx');
  // Scrolling to the far end: the last page fetched and drawn within a second on a busy 2-core machine.
  expect(Date.now() - started).toBeLessThan(1500);
  await screenshot(page, 'sessions-scrolled-to-the-end.png');

  // Mouse: click, Ctrl-click, Shift-click.
  await page.getByTestId(`run-row-${pad(3)}`).click();
  await expect(count(page)).toHaveText(`1 of 10,002 selected`);
  await page.getByTestId(`run-row-${pad(0)}`).click({ modifiers: ['Control'] });
  await expect(count(page)).toHaveText(`2 of 10,002 selected`);
  await page.getByTestId(`run-row-${pad(6)}`).click({ modifiers: ['Shift'] });
  await expect(count(page)).toHaveText(`7 of 10,002 selected`); // from the anchor (run 0) up to run 6
  await screenshot(page, 'sessions-multi-select.png');

  // Keyboard: Home, arrows, Shift+arrows, Space, Ctrl+A, Escape.
  await scroller.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId(`run-row-${realRuns[1]}`)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(count(page)).toHaveText(`3 of 10,002 selected`);
  await page.keyboard.press('Control+ArrowDown');
  await page.keyboard.press('Control+ArrowDown');
  await page.keyboard.press(' ');
  await expect(count(page)).toHaveText(`4 of 10,002 selected`);
  const started2 = Date.now();
  await page.keyboard.press('Control+a');
  await expect(count(page)).toHaveText(`10,002 of 10,002 selected`);
  expect(Date.now() - started2).toBeLessThan(1000);
  await page.keyboard.press('Escape');
  await expect(count(page)).toContainText('Click, Shift-click');
  await page.keyboard.press('End');
  await expect(page.getByTestId(`run-row-${pad(0)}`)).toHaveAttribute('aria-selected', 'true');
  expect(errors).toEqual([]);
});

test('search and filters narrow the list; a sweep is one group that selects together', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openSessions(page);
  await page.getByTestId('runs-search').fill('nightly 9990');
  await expect(page.getByTestId('runs-count')).toHaveText('1 run');
  await expect(page.getByTestId(`run-row-${pad(9990)}`)).toBeVisible();
  await page.getByTestId('filters-clear').click();
  await page.getByTestId('filter-provider').selectOption('webgpu');
  await page.getByTestId('filter-threads').selectOption('1');
  await expect(page.getByTestId('runs-count')).toHaveText('834 runs'); // i % 4 === 3 and i % 3 === 0
  await screenshot(page, 'sessions-filters.png');
  await page.getByTestId('filters-clear').click();
  await expect(page.getByTestId('runs-count')).toHaveText('10,002 runs');

  // A model's history: its measured runs over time (the newest 2,000), trends and regressions.
  await page.getByTestId('filter-model').selectOption('resnet50.onnx');
  await expect(page.getByTestId('runs-count')).toHaveText('2,500 runs');
  const history = page.getByTestId('model-history');
  await expect(history.locator('summary')).toContainText('History of resnet50.onnx: 2,000 measured runs');
  await history.locator('summary').click();
  await expect(page.locator('[data-testid="model-history-chart"] .scatterlayer .trace').first()).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 1100 });
  await screenshot(page, 'sessions-model-history.png');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByTestId('filters-clear').click();

  const chips = page.locator('[data-testid^="study-chip-"]');
  await expect(chips).toHaveCount(1);
  await chips.first().click();
  await expect(count(page)).toHaveText('6 of 10,002 selected');
  await screenshot(page, 'sessions-study-group.png');
  expect(errors).toEqual([]);
});

test('a label, tags and notes are saved, survive a reload and stay text; copy the command', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openSessions(page);
  const row = page.getByTestId(`run-row-${realRuns[0]}`);
  await row.click();
  await expect(page.getByTestId('meta-label')).toHaveValue('conv2d 1t');
  const hostile = '<img src=x onerror="window.__pwned=1">';
  await page.getByTestId('meta-label').fill(`before fusion ${hostile}`);
  await page.getByTestId('meta-tags').fill('baseline, fp32');
  await page.getByTestId('meta-notes').fill(`one thread <script>window.__pwned=1</script>`);
  await page.getByTestId('meta-save').click();
  await expect(row).toContainText(`before fusion ${hostile}`);
  await expect(row).toContainText('baseline, fp32');
  await screenshot(page, 'sessions-edit.png');

  await page.reload();
  await page.getByTestId('nav-sessions').click();
  await page.getByTestId(`run-row-${realRuns[0]}`).click();
  await expect(page.getByTestId('meta-label')).toHaveValue(`before fusion ${hostile}`);
  await expect(page.getByTestId('meta-notes')).toHaveValue('one thread <script>window.__pwned=1</script>');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await page.getByTestId('filter-tag').selectOption('fp32');
  await expect(page.getByTestId('runs-count')).toHaveText('1 run');
  await page.getByTestId('filters-clear').click();

  await page.getByTestId(`run-row-${realRuns[0]}`).click();
  await page.getByTestId('copy-command').click();
  await expect(page.getByTestId('toast')).toContainText(`npx dyno bench ${CONV2D}`);
  await expect(page.getByTestId('toast')).toContainText('--threads 1');
  expect(errors).toEqual([]);
});

test('a delete is undone from the toast, nothing lost', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openSessions(page);
  await page.getByTestId(`run-row-${pad(9999)}`).click();
  await page.getByTestId(`run-row-${pad(9998)}`).click({ modifiers: ['Shift'] });
  await page.getByTestId('runs-scroller').press('Delete');
  await expect(page.getByTestId('toast')).toContainText('Deleted 2 runs.');
  await expect(page.getByTestId('runs-count')).toHaveText('10,000 runs');
  await expect(page.getByTestId(`run-row-${pad(9999)}`)).toHaveCount(0);
  await screenshot(page, 'sessions-undo-toast.png');
  await page.getByTestId('toast-action').click();
  await expect(page.getByTestId('runs-count')).toHaveText('10,002 runs');
  await expect(page.getByTestId(`run-row-${pad(9999)}`)).toHaveAttribute('aria-selected', 'true');
  await expect(count(page)).toHaveText('2 of 10,002 selected');
  expect(errors).toEqual([]);
});

test('two real runs compare: every chart overlays both, one colour per run', async ({ page }) => {
  const errors = collectPageErrors(page);
  await openSessions(page);
  await page.getByTestId(`run-row-${realRuns[1]}`).click();
  await page.getByTestId(`run-row-${realRuns[0]}`).click({ modifiers: ['Control'] });
  // A report of the selection, from Sessions: the host renders it, the browser saves it.
  const download = page.waitForEvent('download');
  await page.getByTestId('selection-actions').getByTestId('report-button').click();
  expect((await download).suggestedFilename()).toMatch(/\.html$/);
  await page.getByTestId('compare-selected').click();
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await expect(page.getByTestId('compare-view').getByTestId('report-button')).toBeVisible();
  await expect(page.locator('[data-testid="compare-cdf"] .scatterlayer .trace')).toHaveCount(2);
  await expect(page.locator('[data-testid="compare-histogram"] .barlayer .trace')).toHaveCount(2);
  await expect(page.locator('[data-testid="compare-box"] .boxlayer .trace')).toHaveCount(2);
  await expect(page.locator('[data-testid="compare-timeline"] .scatterlayer .trace').first()).toBeVisible();
  // One colour per run: the CDF's line and the box of each run share it.
  const cdfColors = await page.locator('[data-testid="compare-cdf"] .scatterlayer .trace path.js-line').evaluateAll((ps) => ps.map((p) => getComputedStyle(p).stroke));
  const boxColors = await page.locator('[data-testid="compare-box"] .boxlayer .trace path.box').evaluateAll((ps) => ps.map((p) => getComputedStyle(p).stroke));
  expect(new Set(cdfColors).size).toBe(2);
  expect(boxColors).toEqual(cdfColors);
  // The host's verdict for the other run against the baseline (the first selected: 2 threads).
  const verdict = page.getByTestId(`verdict-${realRuns[0]}`);
  await expect(verdict).toContainText(/faster|slower|no meaningful difference|inconclusive|not enough samples/);
  await expect(page.getByTestId(`verdict-${realRuns[1]}`)).toHaveCount(0);
  await expect(page.getByTestId('config-diff')).toContainText('Intra-op threads');
  await expect(page.getByTestId('config-diff')).not.toContainText('Model');
  await expect(page.getByTestId('compare-failure')).toHaveCount(0);
  await page.setViewportSize({ width: 1280, height: 2000 });
  await screenshot(page, 'compare.png');
  await page.setViewportSize({ width: 1280, height: 720 });
  await screenshot(page, 'compare-top.png');
  // Interleaved A/B: both configurations re-measured in alternating rounds, judged round by round.
  await page.getByTestId('interleave-rounds').fill('3');
  await page.getByTestId('interleave-start').click();
  await expect(page.getByTestId('interleave-progress')).toContainText('Interleaved A/B: round');
  await screenshot(page, 'compare-interleaving.png');
  await expect(page.getByTestId(`verdict-${realRuns[0]}`)).toContainText('interleaved, 3 rounds paired', { timeout: 90_000 });
  await expect(page.getByTestId('interleave-failure')).toHaveCount(0);
  await screenshot(page, 'compare-interleaved.png');

  // Another baseline: the verdict is now about the 2-thread run (the original runs compared again).
  await page.getByTestId(`baseline-${realRuns[0]}`).check();
  await expect(page.getByTestId(`verdict-${realRuns[1]}`)).toBeVisible();
  await expect(page.getByTestId(`verdict-${realRuns[0]}`)).toHaveCount(0);
  expect(errors).toEqual([]);
});

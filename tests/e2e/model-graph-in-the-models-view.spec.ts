/**
 * Issue 14, item 6, against the built `dyno serve` at 1280×720 in both themes: the Models view
 * draws the open model's graph (laid out in a Web Worker), a click or the search opens a node's
 * panel, the keyboard walks the search results, a profiled run colours the nodes by their share
 * of time; and a 1,746-node model (DenseNet-121) renders with its layout time printed.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { SQUEEZENET } from '../helpers/temp-home';
import { corpusPath } from '../helpers/onnx-corpus';
import { screenshot } from './screenshot';
import { collectPageErrors, servedStudio } from './served-studio';

test.use({ viewport: { width: 1280, height: 720 } });
const studio = servedStudio('dyno-e2e-graph-', (home) => {
  // A stored profiled run of the sample SqueezeNet, made as a user would from the CLI.
  execFileSync(process.execPath, [resolve('bin/dyno.js'), 'bench', SQUEEZENET, '-n', '10', '-w', '2', '--profile', '--json'], { env: { ...process.env, DYNO_HOME: home }, stdio: 'pipe' });
});

async function openInModels(page: Page, path: string, fileName: string): Promise<void> {
  await page.getByTestId('model-path').fill(path);
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('model-name')).toHaveText(fileName, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Models' }).click();
  await page.getByTestId('model-graph').scrollIntoViewIfNeeded();
}

const drawnNodes = async (page: Page): Promise<number> => Number(await page.getByTestId('graph-canvas').getAttribute('data-drawn-nodes'));

for (const theme of ['dark', 'light'] as const) {
  test(`${theme}: the graph renders, a node opens its panel, search and keys walk the results, a profiled run colours it`, async ({ page }) => {
    const errors = collectPageErrors(page);
    await page.goto(studio.serve.url);
    if (theme === 'light') await page.getByRole('button', { name: 'Light' }).click();
    await openInModels(page, SQUEEZENET, 'squeezenet.onnx');
    await expect(page.getByTestId('graph-status')).toContainText('105 nodes', { timeout: 60_000 });
    await expect.poll(() => drawnNodes(page)).toBeGreaterThan(10);
    await expect(page.getByTestId('graph-legend')).toContainText('layer');

    // The search centres its first result; a click there opens that node's panel.
    await page.getByRole('searchbox', { name: 'Find a node by name or op' }).fill('concat');
    await expect(page.getByTestId('graph-results')).toHaveText('1 of 8');
    await page.getByTestId('graph-box').scrollIntoViewIfNeeded();
    const box = (await page.getByTestId('graph-canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByTestId('node-panel')).toContainText('Concat');
    await expect(page.getByTestId('node-panel')).toContainText('axis');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('node-panel')).toHaveCount(0);

    // Keyboard: focus the graph, Tab and arrows move through results, Enter opens, Esc closes.
    await page.getByTestId('graph-box').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('graph-results')).toHaveText('3 of 8');
    await page.keyboard.press('ArrowUp');
    await expect(page.getByTestId('graph-results')).toHaveText('2 of 8');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('node-panel')).toContainText('Concat');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('node-panel')).toHaveCount(0);

    // Wheel zoom changes the drawn scale; Fit brings the whole graph back.
    const zoomBefore = Number(await page.getByTestId('graph-canvas').getAttribute('data-zoom'));
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 400);
    await expect.poll(async () => Number(await page.getByTestId('graph-canvas').getAttribute('data-zoom'))).toBeLessThan(zoomBefore);
    await page.getByRole('button', { name: 'Fit' }).click();

    // The profiled run: nodes coloured by share of time, the legend's scale and fall-back count.
    const picker = page.getByTestId('graph-run-picker');
    await expect(picker.locator('option')).toHaveCount(2);
    await picker.selectOption({ index: 1 });
    await expect(page.getByTestId('graph-legend')).toContainText('share of kernel time');
    await expect(page.getByTestId('graph-fallbacks')).toContainText('0 CPU fall-backs (a CPU run: none possible)');
    await page.getByRole('searchbox', { name: 'Find a node by name or op' }).fill('conv');
    await page.getByTestId('graph-box').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('node-time')).toContainText('% of kernel time');
    await expect(page.getByTestId('node-time')).toContainText('CPU');
    await expect(page.getByTestId('node-time')).toContainText('FLOP');
    await page.getByTestId('model-graph').scrollIntoViewIfNeeded();
    await screenshot(page, `model-graph-profiled-${theme}.png`);
    expect(errors).toEqual([]);
  });
}

test('a 1,746-node model (DenseNet-121) is laid out off the main thread and drawn', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(studio.serve.url);
  const started = Date.now();
  await openInModels(page, corpusPath('light/light_densenet121.onnx'), 'light_densenet121.onnx');
  // While the worker lays it out the page answers: the search field is there and the status says why.
  await expect(page.getByTestId('graph-status')).toContainText('Laying out 1,746 nodes', { timeout: 60_000 });
  await expect(page.getByRole('searchbox', { name: 'Find a node by name or op' })).toBeVisible();
  await expect(page.getByTestId('graph-status')).toContainText('1,746 nodes · ', { timeout: 110_000 });
  const status = await page.getByTestId('graph-status').textContent();
  console.log(`DenseNet-121 in the graph view: ${status} (open to drawn: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  await expect.poll(() => drawnNodes(page)).toBeGreaterThan(20);
  // Zoomed out past the label threshold the whole graph is drawn as boxes.
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect.poll(() => drawnNodes(page)).toBe(Number(await page.getByTestId('graph-canvas').getAttribute('data-node-count')));
  await page.getByTestId('model-graph').scrollIntoViewIfNeeded();
  await screenshot(page, 'model-graph-densenet-fit.png');
  expect(errors).toEqual([]);
});

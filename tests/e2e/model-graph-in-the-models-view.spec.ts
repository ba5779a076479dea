/**
 * Issue 14, item 6, against the built `dyno serve` at 1280×720 in both themes: the Models view
 * draws the open model's graph (laid out in a Web Worker), a click or the search opens a node's
 * panel, the keyboard walks the search results, a profiled run colours the nodes by their share
 * of time; "Show on graph" in a run's operator table opens that view at an address a reload
 * keeps; and a 1,746-node model (DenseNet-121) renders with its constant generators folded, its
 * layout read from the cache on a reload (times printed), a corrupt cache entry laid out again.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { SQUEEZENET } from '../helpers/temp-home';
import { corpusPath } from '../helpers/onnx-corpus';
import { screenshot } from './screenshot';
import { collectPageErrors, servedStudio } from './served-studio';

test.use({ viewport: { width: 1280, height: 720 } });
let profiledRunId = '';
const studio = servedStudio('dyno-e2e-graph-', (home) => {
  // A stored profiled run of the sample SqueezeNet, made as a user would from the CLI.
  const out = execFileSync(process.execPath, [resolve('bin/dyno.js'), 'bench', SQUEEZENET, '-n', '10', '-w', '2', '--profile', '--json'], { env: { ...process.env, DYNO_HOME: home }, stdio: 'pipe' });
  profiledRunId = (JSON.parse(out.toString()) as { run: { id: string } }).run.id;
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

test('"Show on graph" in a run\'s operator table opens its model\'s graph with the run laid over it, at an address a reload keeps', async ({ page }) => {
  const errors = collectPageErrors(page);
  await page.goto(`${studio.serve.url}#/runs/${profiledRunId}`);
  await expect(page.getByTestId('profile')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('profile').scrollIntoViewIfNeeded();
  await screenshot(page, 'run-detail-show-on-graph.png');
  await page.getByTestId('show-on-graph').click();
  await expect(page).toHaveURL(new RegExp(`#/models/graph\\?run=${profiledRunId}$`));
  await expect(page.getByTestId('graph-legend')).toContainText('share of kernel time', { timeout: 60_000 });
  await expect(page.getByTestId('graph-run-picker')).toHaveValue(profiledRunId);
  await expect(page.getByTestId('model-graph')).toBeInViewport();
  await screenshot(page, 'model-graph-shown-from-a-run.png');

  // A reload opens the same model, run and overlay from the address alone.
  await page.reload();
  await expect(page.getByTestId('graph-legend')).toContainText('share of kernel time', { timeout: 60_000 });
  await expect(page.getByTestId('graph-run-picker')).toHaveValue(profiledRunId);
  await expect(page).toHaveURL(new RegExp(`#/models/graph\\?run=${profiledRunId}$`));

  // An operator's name marks and centres that op's nodes; the results walk them.
  await page.goto(`${studio.serve.url}#/runs/${profiledRunId}`);
  await page.getByTestId('profile-by-op').getByRole('button', { name: 'Conv', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/models/graph\\?run=${profiledRunId}&op=Conv$`));
  await expect(page.getByTestId('graph-results')).toHaveText(/^Conv: 1 of \d+$/, { timeout: 60_000 });
  await expect(page.getByTestId('graph-legend')).toContainText('share of kernel time');
  await expect.poll(() => drawnNodes(page)).toBeGreaterThan(3);
  await screenshot(page, 'model-graph-op-focus.png');

  // The slowest node's name opens that node's panel with this run's time on it.
  await page.goto(`${studio.serve.url}#/runs/${profiledRunId}`);
  const slowest = page.getByTestId('profile-top-nodes').locator('tbody tr').first().getByRole('button');
  const kernel = (await slowest.textContent())!;
  await slowest.click();
  expect(new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('node')).toBe(kernel);
  await expect(page.getByTestId('node-time')).toContainText(kernel, { timeout: 60_000 });
  await expect(page.getByTestId('node-time')).toContainText('% of kernel time');
  // Centred on it: the node (one of the last Convs) is on screen, not the graph's top.
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-selected-on-screen', 'true');
  await screenshot(page, 'model-graph-node-focus.png');
  expect(errors).toEqual([]);
});

test('a 1,746-node model (DenseNet-121): its constant generators fold, its layout is cached across reloads, a corrupt entry is laid out again', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectPageErrors(page);
  await page.goto(studio.serve.url);
  let started = Date.now();
  await openInModels(page, corpusPath('light/light_densenet121.onnx'), 'light_densenet121.onnx');
  // While the worker lays it out the page answers: the search field is there and the status says why.
  await expect(page.getByTestId('graph-status')).toContainText('Laying out 1,746 nodes', { timeout: 60_000 });
  await expect(page.getByRole('searchbox', { name: 'Find a node by name or op' })).toBeVisible();
  await expect(page.getByTestId('graph-status')).toContainText('1,746 nodes (1,078 constant nodes folded into 482) · ', { timeout: 110_000 });
  await expect(page.getByTestId('graph-status')).toContainText('laid out in');
  console.log(`DenseNet-121, first open (folded): ${await page.getByTestId('graph-status').textContent()} (open to drawn: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  await expect.poll(() => drawnNodes(page)).toBeGreaterThan(5);
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-node-count', '670');
  await page.getByTestId('model-graph').scrollIntoViewIfNeeded();
  await screenshot(page, 'model-graph-densenet-folded.png');
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect.poll(() => drawnNodes(page)).toBe(670);
  await screenshot(page, 'model-graph-densenet-folded-fit.png');

  // The search still finds folded nodes: a ConstantOfShape opens its panel, which names its host and expands it.
  await page.getByRole('searchbox', { name: 'Find a node by name or op' }).fill('ConstantOfShape');
  await expect(page.getByTestId('graph-results')).toHaveText('1 of 500+');
  await page.getByTestId('graph-box').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('node-folded-into')).toContainText('Folded into Conv');
  await page.getByTestId('node-folded-into').getByRole('button', { name: /^Conv/ }).click();
  await expect(page.getByTestId('node-folds')).toContainText('+1 constant node folded in');
  await page.getByTestId('node-folds').getByTestId('node-expand').click();
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-node-count', '671', { timeout: 110_000 });
  await page.keyboard.press('Escape');
  await page.getByRole('searchbox', { name: 'Find a node by name or op' }).fill('');

  // A reload (which starts folded, nothing expanded) draws the first layout from the cache: no dagre.
  started = Date.now();
  await page.reload();
  await expect(page.getByTestId('graph-status')).toContainText("layout read from this browser's cache", { timeout: 110_000 });
  console.log(`DenseNet-121, after a reload: ${await page.getByTestId('graph-status').textContent()} (reload to drawn: ${((Date.now() - started) / 1000).toFixed(1)} s)`);

  // A corrupt entry is ignored and laid out again.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('dyno-graph-layouts');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const tx = db.transaction('layouts', 'readwrite');
    const store = tx.objectStore('layouts');
    const keys = await new Promise<IDBValidKey[]>((ok) => {
      const r = store.getAllKeys();
      r.onsuccess = () => ok(r.result);
    });
    for (const key of keys) store.put({ key, layout: { nodes: 'not a layout' } });
    await new Promise((ok) => (tx.oncomplete = ok));
    db.close();
  });
  await page.reload();
  await expect(page.getByTestId('graph-status')).toContainText('1,746 nodes (1,078 constant nodes folded into 482) · ', { timeout: 110_000 });
  await expect(page.getByTestId('graph-status')).toContainText('laid out in');

  // Unfolded (the switch off): every node drawn, the staircase the folding removes.
  started = Date.now();
  await page.getByTestId('graph-fold').uncheck();
  await expect(page.getByTestId('graph-status')).toContainText('1,746 nodes · ', { timeout: 110_000 });
  console.log(`DenseNet-121 unfolded: ${await page.getByTestId('graph-status').textContent()} (switch to drawn: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('data-node-count', String(1746 + 2));
  // Zoomed out past the label threshold the whole graph is drawn as boxes.
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect.poll(() => drawnNodes(page)).toBe(Number(await page.getByTestId('graph-canvas').getAttribute('data-node-count')));
  await page.getByTestId('model-graph').scrollIntoViewIfNeeded();
  await screenshot(page, 'model-graph-densenet-fit.png');
  expect(errors).toEqual([]);
});

/**
 * The optimizer wizard in Debian's Chromium against the built `dyno serve`, end to end on the
 * small conv2d sample with one factor (threads) and short trials: the goal with its CLI line →
 * trials streaming in → the result (recommendation, exports) → a Pareto slider re-ranks the
 * stored candidates with no re-run → a reload reopens the study by its address → Compare opens
 * the baseline against a trial. Screenshots at 1280×720, dark and light. Also the goal form's
 * inputs on a zoo model with symbolic dims: the dims prefilled, an inputs folder, a min accuracy
 * (refused on a feature map's folder, with the output's shape).
 */
import { expect, test } from '@playwright/test';
import { resolve } from 'node:path';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { tempHome } from '../helpers/temp-home';
import { screenshot } from './screenshot';
import { FACTOR_IDS } from '../../src/shared/optimizer/factors';

const CONV2D = resolve('resources/models/conv2d.onnx');
const TEST_DATA_SET = resolve('../shared/onnx-corpus/pytorch-converted/test_Softmax/test_data_set_0');
const FEATURE_MAP_SET = resolve('../shared/onnx-corpus/pytorch-converted/test_Conv2d/test_data_set_0');

let t: ReturnType<typeof tempHome>;
let serve: ServeProcess;
test.beforeAll(async () => {
  t = tempHome('dyno-e2e-');
  serve = await startServe(t.home);
});
test.afterAll(async () => {
  await serve.stop();
  t.cleanup();
});

test('goal → live trials → result → Pareto slider re-ranks → reload → Compare', async ({ page }) => {
  // A real search of a dozen short runs on a shared 2-core machine.
  test.setTimeout(420_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(serve.url);
  await page.getByTestId('model-path').fill(CONV2D);
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByTestId('model-name')).toHaveText('conv2d.onnx');

  // Reachable by keyboard like the other views.
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await page.keyboard.press('5');
  await expect(page.getByTestId('optimize-view')).toBeVisible();
  await expect(page).toHaveURL(/#\/optimize$/);
  await expect(page.getByTestId('opt-model')).toHaveValue(CONV2D);

  for (const id of FACTOR_IDS) if (id !== 'threads') await page.getByTestId(`opt-factor-${id}`).uncheck();
  await page.getByTestId('opt-objective').selectOption('throughput');
  await page.getByTestId('opt-time-budget').fill('3m');
  await page.getByTestId('opt-trial-duration').fill('0.2');
  await page.getByTestId('opt-max-error').fill('1e-4');
  await expect(page.getByTestId('opt-cli-command')).toHaveText(`npx dyno optimize ${CONV2D} --objective throughput --max-error 0.0001 --time-budget 180s --trial-duration 0.2 --factors threads`);
  await page.getByTestId('opt-time-budget').fill('2s');
  await expect(page.getByTestId('opt-start')).toBeEnabled();
  await page.getByTestId('opt-time-budget').fill('soon');
  await expect(page.getByTestId('opt-start')).toBeDisabled();
  await expect(page.getByTestId('optimizer-goal')).toContainText("The time budget takes a duration such as 10m, 90s or 1h (got 'soon')");
  await page.getByTestId('opt-time-budget').fill('3m');
  await screenshot(page, 'optimizer-goal-dark.png');

  await page.getByTestId('opt-start').click();
  await expect(page).toHaveURL(/#\/optimize\/[0-9a-f-]{36}$/);
  const studyUrl = page.url();
  // Live: trials arrive while the search still runs (Cancel is offered), the skipped factors with their reason.
  await expect(page.getByTestId('opt-trial')).toHaveCount(2, { timeout: 120_000 });
  await expect(page.getByTestId('opt-cancel')).toBeVisible();
  await expect(page.getByTestId('opt-trial').first()).toContainText('baseline');
  await expect(page.getByTestId('opt-skipped').locator('summary')).toHaveText(/^(1 factor|\d+ factors) not tried$/);
  await screenshot(page, 'optimizer-live-dark.png');

  await expect(page.getByTestId('optimizer-result')).toBeVisible({ timeout: 360_000 });
  await expect(page.getByTestId('opt-cancel')).toHaveCount(0);
  await expect(page.getByTestId('opt-recommendation')).toHaveText(/better than the baseline|keep them/);
  await page.getByTestId('opt-recommendation').scrollIntoViewIfNeeded();
  await screenshot(page, 'optimizer-recommendation-dark.png');
  const trials = await page.getByTestId('opt-trial').count();
  expect(trials).toBeGreaterThanOrEqual(4);
  // Single trials carry the study's verdicts once it has them.
  await expect(page.getByTestId('opt-trials')).toContainText(/× (faster|slower|no meaningful difference|inconclusive|better|worse)/);
  await expect(page.getByTestId('opt-export-text')).toContainText('"graphOptimizationLevel"');
  await page.getByTestId('opt-export-python').click();
  await expect(page.getByTestId('opt-export-text')).toContainText('import onnxruntime as ort');
  await page.getByTestId('opt-export-perf-test').click();
  await expect(page.getByTestId('opt-export-text')).toContainText('onnxruntime_perf_test -I -e cpu');
  const download = page.waitForEvent('download');
  await page.getByTestId('opt-export-download').click();
  expect((await download).suggestedFilename()).toBe('perf_test.sh');
  await page.getByTestId('optimizer-result').scrollIntoViewIfNeeded();
  await screenshot(page, 'optimizer-result-dark.png');

  // The explorer: every stored candidate ranked; a minimum throughput above them all leaves none, and says which limit.
  const explorer = page.getByTestId('pareto-explorer');
  await explorer.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('pareto-chart').locator('.scatterlayer .trace .point').first()).toBeVisible();
  const rows = page.getByTestId('explorer-row');
  const candidates = await rows.count();
  // The baseline and each thread count tried (on 2 cores: threads=1 only).
  expect(candidates).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('explorer-best')).toContainText('Best within these limits for throughput');
  const eligibleBefore = await page.locator('[data-testid=explorer-row][data-eligible=true]').count();
  expect(eligibleBefore).toBeGreaterThanOrEqual(1);
  const max = Number(await page.getByTestId('slider-throughput').getAttribute('max'));
  await page.getByTestId('slider-throughput').fill(String(max));
  await expect(page.getByTestId('explorer-best')).toContainText('No stored candidate keeps these limits; the closest is out because throughput');
  await expect(page.locator('[data-testid=explorer-row][data-eligible=true]')).toHaveCount(0);
  await expect(rows.first()).toContainText('is under the minimum');
  await screenshot(page, 'optimizer-pareto-dark.png');
  await page.getByTestId('slider-throughput').fill('0');
  await expect(page.locator('[data-testid=explorer-row][data-eligible=true]')).toHaveCount(eligibleBefore);
  await expect(rows).toHaveCount(candidates);

  await page.getByRole('button', { name: 'Light' }).click();
  await page.getByTestId('optimize-view').evaluate((el) => el.closest('.view')?.scrollTo(0, 0));
  await screenshot(page, 'optimizer-result-light.png');
  await explorer.scrollIntoViewIfNeeded();
  await screenshot(page, 'optimizer-pareto-light.png');

  // The study's address reopens it after a reload, from the host's stored state.
  await page.reload();
  await expect(page).toHaveURL(studyUrl);
  await expect(page.getByTestId('optimizer-result')).toBeVisible();
  await expect(page.getByTestId('opt-trial')).toHaveCount(trials);

  // Compare: the baseline against the recommended configuration (or a trial when the defaults won).
  const direct = page.getByTestId('opt-open-compare');
  if ((await direct.count()) > 0) await direct.click();
  else await page.getByTestId('opt-trial').nth(1).getByRole('button', { name: 'compare' }).click();
  await expect(page).toHaveURL(/#\/compare\/[^,]+,[^,?]+$/);
  await expect(page.getByTestId('compare-verdicts')).toBeVisible();
  await expect(page.getByTestId('compare-verdicts')).not.toContainText('Comparing…', { timeout: 30_000 });
  expect(errors).toEqual([]);
});

test('the goal takes the symbolic dims, an inputs folder and a min accuracy, checked as typed', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(serve.url);
  await page.getByTestId('nav-models').click();
  await page.getByTestId('zoo-family').selectOption('bert');
  await page.getByTestId('zoo-build').click();
  await expect(page.getByTestId('model-name')).toHaveText('bert-small-seed1.onnx', { timeout: 30_000 });
  await page.getByTestId('nav-optimize').click();
  // One field per symbolic dim of the open model, 1 to begin with, as in the Run form.
  await expect(page.getByTestId('opt-dim-batch')).toHaveValue('1');
  await expect(page.getByTestId('opt-dim-seq')).toHaveValue('1');
  await page.getByTestId('opt-dim-seq').fill('0');
  await expect(page.getByTestId('optimizer-goal')).toContainText("dim seq must be a whole number > 0 (got '0')");
  await expect(page.getByTestId('opt-start')).toBeDisabled();
  await page.getByTestId('opt-dim-seq').fill('32');
  await expect(page.getByTestId('opt-cli-command')).toContainText('--dim batch=1 --dim seq=32');

  // A min accuracy needs the labels of an inputs folder.
  await page.getByTestId('opt-min-accuracy').fill('0.99');
  await expect(page.getByTestId('optimizer-goal')).toContainText('The min accuracy needs an inputs folder');
  await expect(page.getByTestId('opt-start')).toBeDisabled();
  await page.getByTestId('opt-inputs-dir').fill(TEST_DATA_SET);
  await expect(page.getByTestId('opt-start')).toBeEnabled();
  // The folder gives the shapes: the dims are set aside, not sent.
  await expect(page.getByTestId('opt-dim-seq')).toBeDisabled();
  await expect(page.getByTestId('opt-cli-command')).toContainText(`--min-accuracy 0.99 --time-budget 300s --inputs ${TEST_DATA_SET}`);
  await expect(page.getByTestId('opt-cli-command')).not.toContainText('--dim');
  await screenshot(page, 'optimizer-goal-inputs-dark.png');
  await page.getByTestId('opt-min-accuracy').fill('2');
  await expect(page.getByTestId('optimizer-goal')).toContainText("The min accuracy takes a share from 0 to 1, e.g. 0.99 (got '2')");
  await expect(page.getByTestId('opt-start')).toBeDisabled();

  // A feature map's labels (test_Conv2d's outputs, [2, 4, 5, 4]) have no classes: Start is
  // refused on the goal step, naming the output and its shape and the gate that does fit.
  await page.getByTestId('opt-min-accuracy').fill('0.99');
  await page.getByTestId('opt-inputs-dir').fill(FEATURE_MAP_SET);
  await page.getByTestId('opt-start').click();
  const refused = page.getByTestId('opt-start-failure');
  await expect(refused).toContainText("top-1 agreement is an accuracy only for a classifier's scores");
  await expect(refused).toContainText('has shape [2, 4, 5, 4]; for such outputs use the Max output error (maxError) instead');
  await expect(page.getByTestId('optimizer-goal')).toBeVisible();
  await screenshot(page, 'optimizer-goal-min-accuracy-refused-dark.png');
  expect(errors).toEqual([]);
});

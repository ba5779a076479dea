/**
 * The engine's knobs and reports through the UI: inputs from a folder with an output check and
 * an operator profile, the Server scenario's verdict, the inspector with FLOPs, and an
 * unavailable execution provider explaining itself.
 */
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { corpusPath } from '../helpers/onnx-corpus';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { tempHome } from '../helpers/temp-home';
import { screenshot } from './screenshot';


let t: ReturnType<typeof tempHome>;
let serve: ServeProcess;
test.beforeAll(async () => {
  t = tempHome('dyno-e2e-engine-');
  serve = await startServe(t.home);
});
test.afterAll(async () => {
  await serve.stop();
  t.cleanup();
});

test('inputs from a folder, outputs checked, operators profiled', async ({ page }) => {
  // Fails (does not skip) without ../shared/onnx-corpus: a skipped conformance test looks green.
  const CONV2D_CASE = corpusPath('pytorch-converted/test_Conv2d');
  await page.goto(serve.url);
  await page.getByTestId('model-path').fill(join(CONV2D_CASE, 'model.onnx'));
  await page.getByRole('button', { name: 'Open' }).click();
  // Opening inspects the model on the host, which shares a small CI machine: allow it time.
  await expect(page.getByTestId('model-name')).toHaveText('model.onnx', { timeout: 30_000 });

  await page.getByTestId('field-inputSource').selectOption('files');
  await expect(page.getByText('Folder is needed')).toBeVisible();
  await page.getByTestId('field-inputs').fill(join(CONV2D_CASE, 'test_data_set_0'));
  await page.getByTestId('field-checkOutputs').check();
  await page.getByTestId('field-profile').check();
  await page.getByTestId('field-minIterations').fill('700');
  await page.getByTestId('field-minDuration').fill('0');
  await expect(page.getByTestId('cli-command')).toContainText('--inputs');
  await expect(page.getByTestId('cli-command')).toContainText('--check-outputs --profile');
  await page.getByTestId('start-run').click();

  const results = page.getByTestId('results');
  await expect(results).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('check-verdict')).toContainText('Outputs match the expected values');
  await expect(page.getByTestId('profile-by-op')).toContainText('Conv');
  await expect(page.locator('[data-testid="distribution-chart"] .barlayer .point').first()).toBeVisible();
  // 700 iterations back p99: its card is no longer dimmed.
  await expect(page.locator('.stat-card.dim')).toHaveCount(0);
  // The results scroll inside the panel: a tall window shows them whole.
  await page.setViewportSize({ width: 1440, height: 2000 });
  await screenshot(page, 'run-profile-and-check.png');
});

test('the Server scenario judges a percentile against a budget', async ({ page }) => {
  await page.goto(serve.url);
  await expect(page.getByTestId('model-name')).toHaveText('squeezenet.onnx');
  await page.getByTestId('field-scenario').selectOption('server');
  await page.getByTestId('field-qps').fill('20');
  await page.getByTestId('field-latencyBudget').fill('2000');
  // The percentile is a form field now, with the CLI's default.
  await expect(page.getByTestId('field-percentile')).toHaveValue('0.99');
  await page.getByTestId('field-percentile').fill('0.95');
  // LoadGen's early-stopping estimate of p95 needs at least 130 queries (README).
  await page.getByTestId('field-minIterations').fill('150');
  await page.getByTestId('field-minDuration').fill('1');
  await expect(page.getByTestId('cli-command')).toContainText('--scenario server --qps 20 --latency-budget 2000 --percentile 0.95');
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('server-verdict')).toContainText(/p95 [\d.]+ ms \(LoadGen early-stopping estimate; interpolated [\d.]+ ms\) against a 2.00 s budget at [\d.]+ of 20 QPS — PASS/, { timeout: 60_000 });
});

test('the inspector shows opsets, operators and FLOPs', async ({ page }) => {
  await page.goto(serve.url);
  await expect(page.getByTestId('model-name')).toHaveText('squeezenet.onnx');
  await page.getByTestId('nav-models').click();
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toContainText('ai.onnx');
  await expect(page.getByTestId('op-histogram')).toContainText('Conv');
  await page.getByTestId('count-flops').click();
  await expect(page.getByTestId('model-flops')).toHaveText(/^(6[5-9]\d|7[0-4]\d) MFLOP per inference$/, { timeout: 30_000 });
  await page.setViewportSize({ width: 1440, height: 1300 });
  await screenshot(page, 'inspector.png');
});

test('a zoo model with symbolic dims: build it, set batch and sequence, run it', async ({ page }) => {
  await page.goto(serve.url);
  await page.getByTestId('nav-models').click();
  await page.getByTestId('zoo-family').selectOption('bert');
  await page.getByTestId('zoo-build').click();
  await expect(page.getByTestId('model-name')).toHaveText('bert-small-seed1.onnx', { timeout: 30_000 });
  await expect(page.getByTestId('io-table')).toContainText('[batch, seq]');
  await page.getByTestId('dim-seq').fill('');
  await expect(page.getByText('seq must be a whole number')).toBeVisible();
  await page.getByTestId('dim-seq').fill('32');
  await page.getByTestId('field-batch').fill('2');
  await page.getByTestId('field-minIterations').fill('20');
  await page.getByTestId('field-minDuration').fill('0');
  await expect(page.getByTestId('cli-command')).toContainText('--dim seq=32 --batch 2');
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('run-facts')).toContainText('input_ids [2×32] int64', { timeout: 60_000 });
});

test('an unavailable execution provider says why, and the run is refused with that reason', async ({ page }) => {
  await page.goto(serve.url);
  await expect(page.getByTestId('model-name')).toHaveText('squeezenet.onnx');
  const unavailable = page.getByTestId('field-ep').locator('option', { hasText: '(unavailable)' });
  await expect(page.getByTestId('field-ep').locator('option')).toHaveCount(4);
  const count = await unavailable.count();
  test.skip(count === 0, 'every execution provider works on this machine');
  const name = (await unavailable.first().getAttribute('value'))!;
  const reason = (await unavailable.first().getAttribute('title'))!;
  await page.getByTestId('field-ep').selectOption(name);
  await expect(page.locator('.field-hint', { hasText: reason })).toBeVisible();
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('start-failure')).toHaveText(`Could not start the run: Execution provider ${name} is not available: ${reason}`);
});

test('telemetry: a time-aligned timeline and telemetry cards once the run ends (nothing plotly while it measures)', async ({ page }) => {
  await page.goto(serve.url);
  await expect(page.getByTestId('model-name')).toHaveText('squeezenet.onnx');
  await page.getByTestId('field-minIterations').fill('100');
  await page.getByTestId('field-minDuration').fill('2');
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('cancel-run')).toBeVisible();
  await expect(page.getByTestId('live-timeline')).toHaveCount(0);
  // Latency and CPU panels share one x-axis; hovering shows every series at that instant.
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('[data-testid="live-timeline"] .xy').first()).toBeVisible();
  // The run says what it was measured under.
  await expect(page.getByTestId('conditions')).toContainText('Measured with live charts drawn while measuring · worker on');
  await expect(page.locator('[data-testid="live-timeline"] .scatterlayer .trace')).toHaveCount(3);
  await expect(page.getByTestId('tel-cpu')).toHaveText(/^\d+ %$/);
  await expect(page.getByTestId('tel-gpu')).toHaveText('not sampled');
  await expect(page.getByTestId('telemetry-cards')).toContainText('nvidia-smi not found on PATH');
  await page.setViewportSize({ width: 1440, height: 2200 });
  await screenshot(page, 'run-telemetry.png');
});

test('the run form starts from the CLI defaults and fits a 1280×720 window', async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(serve.url);
  await expect(page.getByTestId('model-name')).toHaveText('squeezenet.onnx');
  // The same defaults as `dyno bench` (RUN_DEFAULTS and the schemas), so the command is bare.
  await expect(page.getByTestId('field-minDuration')).toHaveValue('3');
  await expect(page.getByTestId('field-maxIterations')).toHaveValue('100000');
  await expect(page.getByTestId('field-idleBaseline')).toHaveValue('1000');
  await expect(page.getByTestId('cli-command')).toHaveText(/^npx dyno bench \S+squeezenet\.onnx$/);
  await page.getByTestId('field-warmup').scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath('run-form-1280x720-top.png') });
  await page.getByTestId('field-scenario').selectOption('server');
  await page.getByTestId('field-percentile').scrollIntoViewIfNeeded();
  await page.screenshot({ path: info.outputPath('run-form-1280x720-server.png') });
});

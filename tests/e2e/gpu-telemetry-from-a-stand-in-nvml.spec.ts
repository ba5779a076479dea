/**
 * The studio with GPU telemetry read from NVML in `dyno serve` (no nvidia-smi on PATH), through
 * the stand-in libnvidia-ml built from C for the test and replaying the real H100 capture on two
 * GPUs: the GPU panels fill, the cards say the figures came from NVML and how the GPU joules were
 * measured, and another process on the GPU is warned about.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { tempHome } from '../helpers/temp-home';
import { fakeNvmlBuilder, fakeNvmlUnavailable } from '../helpers/fake-nvml';
import { screenshot } from './screenshot';

let t: ReturnType<typeof tempHome>;
let lib: ReturnType<typeof fakeNvmlBuilder>;
let serve: ServeProcess;
test.beforeAll(async () => {
  test.skip(fakeNvmlUnavailable !== undefined, fakeNvmlUnavailable);
  t = tempHome('dyno-e2e-nvml-');
  const bin = join(t.home, 'bin');
  mkdirSync(bin);
  lib = fakeNvmlBuilder();
  serve = await startServe(t.home, {
    PATH: `${bin}:/usr/bin:/bin`,
    DYNO_NVML_LIBRARY: lib.fresh(),
    DYNO_FAKE_NVML_GPUS: '2',
    DYNO_FAKE_NVML_PERIOD_MS: '300',
    // This test runner stands for another tenant holding memory on GPU 0.
    DYNO_FAKE_NVML_OTHER_PID: String(process.pid),
  });
});
test.afterAll(async () => {
  await serve?.stop();
  t?.cleanup();
  lib?.cleanup();
});

test('GPU figures from NVML, with the energy method and the other tenant', async ({ page }) => {
  await page.goto(serve.url);
  await expect(page.getByTestId('model-name')).toHaveText('squeezenet.onnx', { timeout: 60_000 });
  await page.getByTestId('field-minIterations').fill('100');
  await page.getByTestId('field-minDuration').fill('2');
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 60_000 });
  // A card is the figure's parent: its label, the figure, the line under it.
  const card = (id: string) => page.locator('.stat-card', { has: page.getByTestId(id) });
  await expect(page.getByTestId('tel-gpu-power')).toHaveText(/^\d+\.\d W$/);
  await expect(card('tel-gpu-power')).toContainText(/\d+\.\d\d J whole devices \(NVML counter\) · worker holds 15690 MiB · via NVML/);
  await expect(card('tel-gpu-0')).toContainText('(NVML counter)');
  await expect(card('tel-gpu-1')).toContainText('NVIDIA H100 80GB HBM3');
  await expect(card('tel-gpu-util')).toContainText(/worker \d+ % SM/);
  await expect(page.getByTestId('warnings')).toContainText(/Other processes held GPU memory while this run measured \(.*on GPU 0 \(512 MiB\)/);
  await page.setViewportSize({ width: 1280, height: 720 });
  await card('tel-gpu-util').scrollIntoViewIfNeeded();
  await screenshot(page, 'run-nvml-telemetry-cards.png');
  await page.setViewportSize({ width: 1440, height: 2600 });
  await screenshot(page, 'run-nvml-telemetry.png');
});

/**
 * The GPU panels of the studio, fed by the stand-in nvidia-smi replaying a real H100 capture
 * (no GPU on CI machines): power, utilisation, temperature, memory and clocks on the shared
 * time axis, and the GPU and energy cards after the run.
 */
import { expect, test } from '@playwright/test';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { tempHome } from '../helpers/temp-home';
import { screenshot } from './screenshot';

let t: ReturnType<typeof tempHome>;
let serve: ServeProcess;
test.beforeAll(async () => {
  test.skip(process.platform === 'win32', 'the stand-in is a POSIX executable');
  t = tempHome('dyno-e2e-gpu-');
  const bin = join(t.home, 'bin');
  mkdirSync(bin);
  const fake = resolve('tests/fixtures/nvidia-smi/fake-nvidia-smi.mjs');
  chmodSync(fake, 0o755);
  symlinkSync(fake, join(bin, 'nvidia-smi'));
  serve = await startServe(t.home, { PATH: `${bin}:${process.env.PATH}` });
});
test.afterAll(async () => {
  await serve?.stop();
  t?.cleanup();
});

test('GPU telemetry panels and cards', async ({ page }) => {
  await page.goto(serve.url);
  // The sample is inspected in a fresh worker process: seconds on a loaded 2-core machine.
  await expect(page.getByTestId('model-name')).toHaveText('squeezenet.onnx', { timeout: 30_000 });
  await page.getByTestId('field-minIterations').fill('100');
  await page.getByTestId('field-minDuration').fill('2');
  await page.getByTestId('start-run').click();
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 60_000 });
  // latency, CPU (2), power, GPU util (2), temperature, memory, clocks (2)
  await expect(page.locator('[data-testid="live-timeline"] .scatterlayer .trace')).toHaveCount(10);
  await expect(page.getByTestId('tel-gpu-power')).toHaveText(/^\d+\.\d W$/);
  await expect(page.getByTestId('telemetry-cards')).toContainText(/\d+\.\d\d J whole device/);
  // A CPU-provider run is charged CPU (RAPL) energy only, never the GPU's: with no RAPL here, none.
  await expect(page.getByTestId('tel-energy')).toHaveText('not measured');
  // Energy is in the run's headline (issue 14: answers first), with why it was not measured.
  await expect(page.getByTestId('run-headline')).toContainText('a CPU-provider run is not charged GPU power');
  await page.setViewportSize({ width: 1440, height: 2600 });
  await screenshot(page, 'run-gpu-telemetry.png');
});

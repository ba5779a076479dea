/**
 * The optimizer wizard's Command workload, in Debian's Chromium against the built `dyno serve`,
 * on the real example training script: refused (and said so) without --allow-commands; with it,
 * the goal is checked as typed with the `dyno optimize-exec` line shown → trials stream in, the
 * early stop rejected by its gate with the numbers → the result (recommendation, exports) →
 * a reload reopens the study by its address. Screenshots at 1280×720, dark and light.
 */
import { expect, test, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { collectPageErrors, servedStudio } from './served-studio';
import { screenshot } from './screenshot';

const TRAIN = resolve('examples/train-logistic.mjs');
const COMMAND = `node ${TRAIN} --samples 2000 --epochs 20 --batch {batch}`;

async function openCommandGoal(page: Page, url: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(url);
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await page.keyboard.press('5');
  await page.getByTestId('opt-workload-command').click();
  await expect(page).toHaveURL(/#\/optimize\?workload=command$/);
  await expect(page.getByTestId('optimizer-command-goal')).toBeVisible();
}

/** Both themes of what is on screen now, back in dark after. */
async function bothThemes(page: Page, name: string): Promise<void> {
  await screenshot(page, `${name}-dark.png`);
  await page.getByRole('button', { name: 'Light' }).click();
  await screenshot(page, `${name}-light.png`);
  await page.getByRole('button', { name: 'Dark' }).click();
}

test.describe('without --allow-commands', () => {
  const studio = servedStudio('dyno-e2e-');
  test('the Command workload says why it cannot run, and Start stays off', async ({ page }) => {
    const errors = collectPageErrors(page);
    await openCommandGoal(page, studio.serve.url);
    await expect(page.getByTestId('opt-commands-refused')).toContainText('started without --allow-commands');
    await page.getByTestId('optc-command').fill(COMMAND);
    await page.getByTestId('optc-params').fill('batch=32,64');
    await expect(page.getByTestId('optc-cli-command')).toContainText('dyno optimize-exec');
    await expect(page.getByTestId('optc-start')).toBeDisabled();
    await screenshot(page, 'optimizer-command-refused-dark.png');
    expect(errors).toEqual([]);
  });
});

test.describe('with --allow-commands', () => {
  const studio = servedStudio('dyno-e2e-', undefined, ['--allow-commands']);
  test('goal → live trials → a gate rejects with its numbers → result and exports → reload', async ({ page }) => {
    // A real search of a dozen short runs of a real program on a shared 2-core machine.
    test.setTimeout(300_000);
    const errors = collectPageErrors(page);
    await openCommandGoal(page, studio.serve.url);
    await expect(page.getByTestId('opt-commands-refused')).toHaveCount(0);

    // Checked as typed, by the CLI flags' own parsers.
    await page.getByTestId('optc-command').fill(`${COMMAND} | tee log`);
    await expect(page.getByTestId('optimizer-command-goal')).toContainText("'|' is shell syntax, and the command runs without a shell");
    await page.getByTestId('optc-command').fill(COMMAND);
    await expect(page.getByTestId('optimizer-command-goal')).toContainText('The command uses {batch} but no --param gives it a value');
    await expect(page.getByTestId('optc-start')).toBeDisabled();
    await page.getByTestId('optc-params').fill('batch=32,64');
    await page.getByTestId('optc-flags').fill('early=--max-steps 3');
    await page.getByTestId('optc-gates').fill('accuracy about baseline');
    await expect(page.getByTestId('optimizer-command-goal')).toContainText("'accuracy about baseline' is not a gate");
    await expect(page.getByTestId('optc-start')).toBeDisabled();
    await page.getByTestId('optc-gates').fill('accuracy>=baseline-0.01');
    await page.getByTestId('optc-runs').fill('1');
    await page.getByTestId('optc-timeoutS').fill('60');
    await page.getByTestId('optc-timeBudget').fill('4m');
    await expect(page.getByTestId('optc-argv').locator('.argv-chip')).toHaveCount(8);
    await expect(page.getByTestId('optc-cli-command')).toHaveText(
      `dyno optimize-exec -r 1 --min-duration 0 --timeout 60 --factor 'early=--max-steps 3' --param batch=32,64 --gate 'accuracy>=baseline-0.01' --time-budget 240s -- node ${TRAIN} --samples 2000 --epochs 20 --batch '{batch}'`,
    );
    await expect(page.getByTestId('optc-start')).toBeEnabled();
    await page.getByTestId('optimize-view').evaluate((el) => el.closest('.view')?.scrollTo(0, 0));
    await bothThemes(page, 'optimizer-command-goal');
    await page.getByTestId('optc-start').scrollIntoViewIfNeeded();
    await screenshot(page, 'optimizer-command-goal-end-dark.png');

    await page.getByTestId('optc-start').click();
    await expect(page).toHaveURL(/#\/optimize\/[0-9a-f-]{36}\?workload=command$/);
    const studyUrl = page.url();
    await expect(page.getByTestId('opt-trial').first()).toContainText('baseline', { timeout: 60_000 });
    await expect(page.getByTestId('opt-command')).toContainText('--factor early=--max-steps 3 · --param batch=32,64');
    await bothThemes(page, 'optimizer-command-live');

    await expect(page.getByTestId('optimizer-result')).toBeVisible({ timeout: 240_000 });
    await expect(page.getByTestId('opt-cancel')).toHaveCount(0);
    await expect(page.getByTestId('opt-recommendation')).toHaveText(/better than the baseline|keep it/);
    // The early stop learns too little: rejected by the gate, with the numbers.
    await expect(page.getByTestId('opt-trial').filter({ hasText: 'early=on' }).first()).toContainText(/rejected: gate accuracy>=baseline-0\.01: accuracy 0\.\d+ is past the limit 0\.\d+ by/);
    const trials = await page.getByTestId('opt-trial').count();
    expect(trials).toBeGreaterThanOrEqual(3);
    await expect(page.getByTestId('opt-export-text')).toContainText(`${TRAIN} --samples 2000 --epochs 20 --batch`);
    await page.getByTestId('opt-export-parameters').click();
    await expect(page.getByTestId('opt-export-text')).toContainText('"early": false');
    const download = page.waitForEvent('download');
    await page.getByTestId('opt-export-download').click();
    expect((await download).suggestedFilename()).toBe('parameters.json');
    await page.getByTestId('opt-recommendation').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await bothThemes(page, 'optimizer-command-result');
    await page.getByTestId('opt-export-text').scrollIntoViewIfNeeded();
    await screenshot(page, 'optimizer-command-exports-dark.png');

    // The study's address reopens it after a reload, from the host's stored state.
    await page.reload();
    await expect(page).toHaveURL(studyUrl);
    await expect(page.getByTestId('optimizer-result')).toBeVisible();
    await expect(page.getByTestId('opt-trial')).toHaveCount(trials);
    await expect(page.getByTestId('opt-recommendation')).toHaveText(/better than the baseline|keep it/);

    // Sessions lists the trials as command runs: the command, its runs, memory and metrics, no model settings.
    const studyId = /#\/optimize\/([0-9a-f-]{36})/.exec(studyUrl)?.[1] ?? '';
    await page.goto(`${studio.serve.url.split('#')[0]}#/studies/${studyId}`);
    const row = page.locator('[data-testid^="run-row-"]').first();
    await expect(row.locator('.cell.model')).toContainText('train-logistic.mjs');
    await expect(row.locator('.cell.provider')).toHaveText('command');
    await expect(row.locator('.cell.threads')).toHaveText('—');
    await expect(row.locator('.cell.batch')).toHaveText('—');
    await expect(row.locator('.cell.scenario')).toHaveText('1 run');
    const metrics = row.locator('.cell.metrics');
    await expect(metrics).toHaveText(/^[\d.]+ MiB · /);
    for (const m of [/accuracy 0\.\d+/, /epoch 20\b/, /loss 0\.\d+/]) await expect(metrics).toHaveAttribute('title', m);
    await bothThemes(page, 'sessions-command-trials');
    expect(errors).toEqual([]);
  });
});

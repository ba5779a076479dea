/**
 * Issue 14's graph deep links (`#/models/graph?run=<id>&node=<name>`), mistyped or stale, at
 * 1280×720 in both themes: a run that is not stored, and a node the model's graph does not have
 * (nor a kernel of the run's profile), each say so in a visible notice instead of silently
 * showing the plain graph; a run never profiled says to run with profiling on, with no Retry (it
 * cannot help); a good link beside them still opens its node, and Dismiss clears the notice and
 * the address's node.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { SQUEEZENET } from '../helpers/temp-home';
import { screenshot } from './screenshot';
import { collectPageErrors, servedStudio } from './served-studio';

test.use({ viewport: { width: 1280, height: 720 } });
let profiledRunId = '';
let plainRunId = '';
const studio = servedStudio('dyno-e2e-graph-links-', (home) => {
  // Stored runs of the sample SqueezeNet, made as a user would from the CLI: one profiled, one not.
  const bench = (...args: string[]): string => {
    const out = execFileSync(process.execPath, [resolve('bin/dyno.js'), 'bench', SQUEEZENET, '-n', '10', '-w', '2', ...args, '--json'], { env: { ...process.env, DYNO_HOME: home }, stdio: 'pipe' });
    return (JSON.parse(out.toString()) as { run: { id: string } }).run.id;
  };
  profiledRunId = bench('--profile');
  plainRunId = bench();
});

for (const theme of ['dark', 'light'] as const) {
  test(`${theme}: a link to an unknown run or node says so; a good one opens its node`, async ({ page }) => {
    const errors = collectPageErrors(page);
    await page.goto(studio.serve.url);
    await expect(page.getByTestId('model-name')).toHaveText('squeezenet.onnx', { timeout: 60_000 });
    if (theme === 'light') await page.getByRole('button', { name: 'Light' }).click();

    // A run id of the right form that is stored nowhere: the notice names it.
    const missing = `${profiledRunId.slice(0, -6)}zzzzzz`;
    await page.goto(`${studio.serve.url}#/models/graph?run=${missing}`);
    const runNotice = page.getByTestId('graph-profile-failure');
    await expect(runNotice).toContainText(`No run with id ${missing}`, { timeout: 60_000 });
    await expect(runNotice).toBeInViewport();
    await screenshot(page, `graph-link-unknown-run-${theme}.png`);

    // A stored run that was never profiled: the notice says what would help, and offers no Retry (asking again cannot).
    await page.goto(`${studio.serve.url}#/models/graph?run=${plainRunId}`);
    await expect(runNotice).toContainText(`Run ${plainRunId} was not profiled (run it with profiling on to see time per node)`, { timeout: 60_000 });
    await expect(runNotice).toBeInViewport();
    await expect(page.getByTestId('graph-profile-failure-retry')).toHaveCount(0);
    // The plain graph is drawn beneath the notice (the model's graph does not need the profile).
    await expect(page.getByTestId('graph-status')).toContainText(' edges · ', { timeout: 60_000 });
    await screenshot(page, `graph-link-unprofiled-run-${theme}.png`);

    // The stored run, with a node no graph of this model has.
    await page.goto(`${studio.serve.url}#/models/graph?run=${profiledRunId}&node=conv_typo`);
    const nodeNotice = page.getByTestId('graph-unknown-node');
    await expect(nodeNotice).toContainText('The link names node conv_typo, which this graph of squeezenet.onnx does not have (nor is it a kernel of the run laid over it)', { timeout: 60_000 });
    await expect(nodeNotice).toBeInViewport();
    await expect(page.getByTestId('graph-profile-failure')).toHaveCount(0);
    await expect(page.getByTestId('graph-run-picker')).toHaveValue(profiledRunId);
    await screenshot(page, `graph-link-unknown-node-${theme}.png`);
    await nodeNotice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(nodeNotice).toHaveCount(0);
    await expect(page).toHaveURL(new RegExp(`#/models/graph\\?run=${profiledRunId}$`));

    // A node the graph has: it opens, and no notice shows.
    const node = await firstNodeId(page);
    expect(node).not.toBe('');
    await page.keyboard.press('Escape');
    await page.goto(`${studio.serve.url}#/models/graph?run=${profiledRunId}&node=${encodeURIComponent(node)}`);
    await expect(page.getByTestId('node-panel')).toHaveAttribute('aria-label', `Node ${node}`, { timeout: 60_000 });
    await expect(page.getByTestId('graph-unknown-node')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
}

/** The id of a node the drawn graph has (the search's first Conv, opened with Enter), read from its panel. */
async function firstNodeId(page: Page): Promise<string> {
  const search = page.getByPlaceholder('Find a node by name or op');
  await search.fill('Conv');
  await search.press('Enter');
  const label = (await page.getByTestId('node-panel').getAttribute('aria-label')) ?? '';
  await search.fill('');
  return label.replace(/^Node /, '');
}

/**
 * Issue 14's "truncated labels" leftover, at 1280×720: in every view (Run with a finished
 * profiled run, Sessions with a run open, Compare, Models with the graph, Optimize) no toolbar
 * wraps onto a second line, no label is cut off with an ellipsis, and nothing runs past the
 * window's right edge. Screenshots of each view.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { CONV2D, SQUEEZENET } from '../helpers/temp-home';
import { screenshot } from './screenshot';
import { collectPageErrors, servedStudio } from './served-studio';

test.use({ viewport: { width: 1280, height: 720 } });
const ids: string[] = [];
const studio = servedStudio('dyno-e2e-toolbars-', (home) => {
  const bench = (...args: string[]): string =>
    (JSON.parse(execFileSync(process.execPath, [resolve('bin/dyno.js'), 'bench', ...args, '--json'], { env: { ...process.env, DYNO_HOME: home }, stdio: 'pipe' }).toString()) as { run: { id: string } }).run.id;
  ids.push(bench(SQUEEZENET, '-n', '10', '-w', '2', '--profile'), bench(CONV2D, '-n', '50', '-w', '2'), bench(CONV2D, '-n', '50', '-w', '2', '--threads', '1'));
});

interface LayoutProblem {
  what: 'wraps' | 'truncated' | 'past the right edge';
  where: string;
  text: string;
}

/**
 * The rows of controls that must stay one line at 1280 px (lists of chips or check boxes may
 * wrap: that is their layout, not a squeeze).
 */
const TOOLBARS = ['.run-actions', '.graph-toolbar', '.sessions-filters', '.selection-actions', '.report-actions', '.interleave', '.live-header', '.top-bar'];

/** What in the page's visible layout wraps (a toolbar), is cut off with an ellipsis, or runs past the window. */
async function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  return page.evaluate((toolbars) => {
    const problems: { what: 'wraps' | 'truncated' | 'past the right edge'; where: string; text: string }[] = [];
    const visible = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const name = (el: Element): string => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}`;
    for (const el of document.querySelectorAll('body *')) {
      if (!visible(el)) continue;
      const s = getComputedStyle(el);
      if (toolbars.some((t) => el.matches(t)) && s.display.endsWith('flex') && s.flexDirection === 'row') {
        const kids = [...el.children].filter(visible).map((k) => k.getBoundingClientRect());
        const first = kids[0];
        if (first && kids.some((k) => k.top >= first.bottom - 1)) problems.push({ what: 'wraps', where: name(el), text: (el as HTMLElement).innerText.slice(0, 120) });
      }
      if (s.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) problems.push({ what: 'truncated', where: name(el), text: (el as HTMLElement).innerText.slice(0, 120) });
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 && s.position !== 'fixed') problems.push({ what: 'past the right edge', where: name(el), text: (el as HTMLElement).innerText.slice(0, 60) });
    }
    // A field's own text: a placeholder wider than its box, a date field narrower than its mm/dd/yyyy.
    const ctx = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
    for (const input of document.querySelectorAll('input')) {
      if (!visible(input)) continue;
      const s = getComputedStyle(input);
      const inner = input.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
      if (input.placeholder && !input.value) {
        ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
        if (ctx.measureText(input.placeholder).width > inner + 1) problems.push({ what: 'truncated', where: name(input), text: input.placeholder });
      }
      if (input.type === 'date') {
        const width = input.style.width;
        input.style.width = 'max-content';
        const needed = input.offsetWidth;
        input.style.width = width;
        if (needed > input.offsetWidth + 1) problems.push({ what: 'truncated', where: name(input), text: `date field ${input.offsetWidth}px of ${needed}px` });
      }
    }
    return problems;
  }, TOOLBARS);
}

test('no toolbar wraps, no label is cut off, nothing runs past the right edge: Run, Sessions, Compare, Models with the graph, Optimize', async ({ page }) => {
  const errors = collectPageErrors(page);
  const [profiled, a, b] = ids as [string, string, string];
  const views: [string, string, string][] = [
    ['run', `#/run?run=${profiled}`, 'profile-by-op'],
    ['sessions', `#/runs/${profiled}`, 'profile-by-op'],
    ['compare', `#/compare/${a},${b}`, 'compare-view'],
    ['models', `#/models/graph?run=${profiled}`, 'graph-fallbacks'],
    ['optimize', '#/optimize', 'opt-start'],
  ];
  for (const [view, hash, ready] of views) {
    await page.goto(`${studio.serve.url}${hash}`);
    await expect(page.getByTestId(ready).first()).toBeVisible({ timeout: 60_000 });
    // The device line fills in after the provider probe: measure once it has its final width.
    await expect(page.getByTestId('device-status')).toContainText('ONNX Runtime', { timeout: 30_000 });
    await expect.poll(() => layoutProblems(page), { message: view, timeout: 10_000 }).toEqual([]);
    await screenshot(page, `toolbars-${view}-1280.png`);
    if (view === 'run' || view === 'sessions') {
      await page.getByTestId('profile-by-op').first().scrollIntoViewIfNeeded();
      await screenshot(page, `toolbars-${view}-profile-1280.png`);
    }
  }
  expect(errors).toEqual([]);
});

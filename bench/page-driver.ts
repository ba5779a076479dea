/**
 * The studio's page in Debian's Chromium, driven the way a bench needs it: over a bare Chrome
 * DevTools Protocol socket with no domain enabled (what a user's browser does while a run
 * measures: nothing), or through Playwright to compare. Playwright enables the Network, Page and
 * Runtime domains for every page, so Chromium forwards each WebSocket frame and console event to
 * it: page-cost measured that at 3 × the renderer's wake-ups (74/s against 16/s, ResNet-50 at
 * all threads), a cost of the bench, not of the studio. Shared by bench:page-cost and
 * bench:studio; plus the /proc process-tree reading both use.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_FLAGS, requireChromium } from '../tests/helpers/chromium';


export interface ProcInfo {
  pid: number;
  ppid: number;
  comm: string;
  cmdline: string;
}

export function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    return { pid, ppid: Number(fields[1]), comm: stat.slice(stat.indexOf('(') + 1, close), cmdline };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** Every process under `root` (itself included). */
export function descendants(root: number): ProcInfo[] {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => readProc(Number(d)) ?? []);
  const out: ProcInfo[] = [];
  const todo = [root];
  while (todo.length > 0) {
    const pid = todo.pop() as number;
    const p = all.find((q) => q.pid === pid);
    if (p) out.push(p);
    for (const c of all) if (c.ppid === pid) todo.push(c.pid);
  }
  return out;
}

export interface PageDriver {
  /** Evaluates `expression` in the page and answers its (JSON) value. */
  evaluate(expression: string): Promise<unknown>;
  /** A real mouse click in the middle of the element: focus moves to it, as a user's click does. */
  click(testId: string): Promise<void>;
  /** Focuses the field and presses Ctrl+Enter in it (the form's run shortcut): the caret stays there. */
  runFromField(testId: string): Promise<void>;
  /** Focuses the field and presses Enter in it (submits its form, as a user's Enter does). */
  pressEnter(testId: string): Promise<void>;
  /** A PNG of the viewport. */
  screenshot(): Promise<Buffer>;
  /** The processes whose descendants are the browser's. */
  root: number;
  close(): Promise<void>;
}

/** Chromium started here and driven over a bare CDP socket: only the calls below, no domains enabled. */
export async function cdpDriver(url: string): Promise<PageDriver> {
  const executable = requireChromium();
  const profile = mkdtempSync(join(tmpdir(), 'dyno-page-cost-chromium-'));
  const child: ChildProcess = spawn(executable, ['--headless=new', ...CHROMIUM_FLAGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, '--window-size=1280,720', url], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const port = await new Promise<string>((done, fail) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m?.[1]) done(m[1]);
    });
    child.once('exit', (code) => fail(new Error(`chromium exited with ${code}: ${err.slice(-500)}`)));
    // A start that fails anyway (a binary that cannot run here) is an 'error' event: unheard, it would crash the bench.
    child.once('error', (e) => fail(new Error(`Chromium did not start: ${e.message}`)));
  });
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { type: string; webSocketDebuggerUrl: string }[];
  const target = targets.find((t) => t.type === 'page');
  if (!target) throw new Error('chromium shows no page');
  const socket = new WebSocket(target.webSocketDebuggerUrl, { perMessageDeflate: false });
  await new Promise((done, fail) => socket.once('open', done).once('error', fail));
  let nextId = 1;
  const pending = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  socket.on('message', (data: Buffer) => {
    const m = JSON.parse(data.toString('utf8')) as { id?: number; result?: unknown; error?: { message: string } };
    if (m.id !== undefined) pending.get(m.id)?.(m);
  });
  const send = (method: string, params: object): Promise<unknown> =>
    new Promise((done, fail) => {
      const id = nextId++;
      pending.set(id, (m) => {
        pending.delete(id);
        if (m.error) fail(new Error(`${method}: ${m.error.message}`));
        else done(m.result);
      });
      socket.send(JSON.stringify({ id, method, params }));
    });
  await send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 720, deviceScaleFactor: 1, mobile: false });
  const evaluate = async (expression: string): Promise<unknown> => {
    const r = (await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as { result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } };
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  };
  return {
    evaluate,
    async click(testId) {
      const box = (await evaluate(`(() => { const r = document.querySelector('[data-testid="${testId}"]').getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`)) as { x: number; y: number };
      for (const type of ['mousePressed', 'mouseReleased']) await send('Input.dispatchMouseEvent', { type, x: box.x, y: box.y, button: 'left', clickCount: 1 });
    },
    async runFromField(testId) {
      // As the user's window is: focused (a text field's caret blinks only in a focused page).
      // From here on for every phase: put live-keys last to compare the others with earlier runs.
      await send('Emulation.setFocusEmulationEnabled', { enabled: true });
      await evaluate(`(document.querySelector('[data-testid="${testId}"]').focus(), true)`);
      for (const type of ['keyDown', 'keyUp']) await send('Input.dispatchKeyEvent', { type, key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, modifiers: 2 });
    },
    async pressEnter(testId) {
      await evaluate(`(document.querySelector('[data-testid="${testId}"]').focus(), true)`);
      // 'char' carries the text a keypress types: Enter submits a form only with it.
      for (const type of ['keyDown', 'char', 'keyUp']) await send('Input.dispatchKeyEvent', { type, key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, ...(type === 'char' ? { text: '\r' } : {}) });
    },
    async screenshot() {
      const { data } = (await send('Page.captureScreenshot', { format: 'png' })) as { data: string };
      return Buffer.from(data, 'base64');
    },
    root: child.pid ?? -1,
    async close() {
      socket.close();
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
      // Chromium's helper processes can still be writing the profile after the browser has
      // exited (ENOTEMPTY): retry, and a temporary folder left behind must not end the bench
      // (bench:studio lost its summary to it after 16 rounds).
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      } catch (err) {
        console.error(`warning: could not remove the Chromium profile ${profile}: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };
}

/** The page driven as bench:studio drives it (Playwright's own Chromium connection). */
export async function playwrightDriver(url: string): Promise<PageDriver> {
  const before = new Set(descendants(process.pid).map((p) => p.pid));
  const browser: Browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_FLAGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(url);
  const root = descendants(process.pid).find((p) => !before.has(p.pid) && /chrom/i.test(p.comm) && !/--type=/.test(p.cmdline));
  if (!root) throw new Error("cannot find Playwright's Chromium among this process's children");
  return {
    evaluate: (expression) => page.evaluate(expression),
    click: (testId) => page.getByTestId(testId).click(),
    async runFromField(testId) {
      await page.getByTestId(testId).focus();
      await page.keyboard.press('Control+Enter');
    },
    pressEnter: (testId) => page.getByTestId(testId).press('Enter'),
    screenshot: () => page.screenshot(),
    root: root.pid,
    close: () => browser.close(),
  };
}

export const text = (testId: string): string => `(document.querySelector('[data-testid="${testId}"]')?.textContent ?? '')`;

export async function until(page: PageDriver, expression: string, what: string, timeoutS = 180): Promise<void> {
  const end = Date.now() + timeoutS * 1000;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

/** Sets a React-controlled input's value as typing would. */
export const fill = (testId: string, value: string): string => `(() => {
  const el = document.querySelector('[data-testid="${testId}"]');
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, ${JSON.stringify(value)});
  el.dispatchEvent(new Event('input', { bubbles: true }));
  return true;
})()`;


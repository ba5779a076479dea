/**
 * Issue 15, promise 7: the browser studio's API client (the renderer's real ws-client, over the
 * `ws` package's WebSocket, which has the browser's interface) finds `dyno serve` again by itself
 * after it stops and starts on the same port (a restart, or an SSH tunnel that drops and comes
 * back), says "offline — reconnecting" meanwhile, fails calls at once while offline instead of
 * hanging, and hears live events again afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import { startServer, type RunningServer } from '../../src/main/serve/server';
import { createWsApi, reconnectDelayMs, RECONNECTING } from '../../src/renderer/src/api/ws-client';
import type { StudioEvent } from '../../src/shared/contract';
import { CONV2D, tempHome } from '../helpers/temp-home';

let t: ReturnType<typeof tempHome>;
let handle: StudioHandle;
let rendererDir: string;
const TOKEN = 'reconnect-test-token-0123456789abcdef';

beforeAll(() => {
  t = tempHome('dyno-reconnect-');
  rendererDir = join(t.home, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Dyno</title>');
  handle = createStudio({ home: t.home });
  // The browser's WebSocket, as a tab has it (Node 20 has none built in).
  Object.assign(globalThis, { WebSocket });
});
afterAll(() => {
  handle.close();
  t.cleanup();
});

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the browser client', () => {
  it('backs off from 0.5 s to at most 10 s (±25 %)', () => {
    expect(reconnectDelayMs(0, () => 0.5)).toBe(500);
    expect(reconnectDelayMs(1, () => 0.5)).toBe(1000);
    expect(reconnectDelayMs(20, () => 0.5)).toBe(10_000);
    expect(reconnectDelayMs(20, () => 1)).toBe(12_500);
    expect(reconnectDelayMs(0, () => 0)).toBe(375);
  });

  it('reconnects after dyno serve restarts on the same port, saying so while offline, and hears events again', async () => {
    let server: RunningServer = await startServer({ studio: handle.studio, rendererDir, port: 0, token: TOKEN });
    const port = server.port;
    const states: { up: boolean; reason?: string }[] = [];
    const api = createWsApi(`ws://127.0.0.1:${port}/api?token=${TOKEN}`, (up, reason) => states.push({ up, ...(reason ? { reason } : {}) }));
    const events: StudioEvent[] = [];
    api.onEvent((e) => events.push(e));

    await until('the first connect', () => states.at(-1)?.up === true);
    expect(await api.call('models.samples', {})).not.toHaveLength(0);

    await server.close();
    await until('the drop to be noticed', () => states.at(-1)?.up === false);
    expect(states.at(-1)?.reason).toBe(RECONNECTING);
    await expect(api.call('models.samples', {})).rejects.toThrow(/offline — reconnecting/);
    // Down for a few attempts (the back-off grows), then back on the same port.
    await new Promise((r) => setTimeout(r, 2_500));
    server = await startServer({ studio: handle.studio, rendererDir, port, token: TOKEN });
    const downFor = states.length;
    await until('the reconnect', () => states.at(-1)?.up === true, 15_000);
    expect(states.slice(downFor - 1).map((s) => s.up)).toEqual([false, true]);
    expect(await api.call('models.samples', {})).not.toHaveLength(0);

    // Live events flow again: a run started now is heard to its end.
    const { runId } = await api.call('runs.start', {
      config: { modelPath: CONV2D, stop: { warmupIterations: 1, minIterations: 20, maxIterations: 20, minDurationMs: 0, maxDurationMs: 30_000 } },
    });
    await until('the run to be heard ending', () => events.some((e) => e.type === 'run.updated' && e.run.id === runId && e.run.status === 'completed'), 60_000);
    await server.close();
  }, 120_000);
});

/** `dyno serve`'s host: the real HTTP + WebSocket server over a real studio. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import { startServer, type RunningServer } from '../../src/main/serve/server';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import { CONV2D, tempHome } from '../helpers/temp-home';
import { eventsOf, isEventMessage, ServerMessageSchema } from '../../src/shared/contract';

let t: ReturnType<typeof tempHome>;
let handle: StudioHandle;
let server: RunningServer;

beforeAll(async () => {
  t = tempHome();
  const rendererDir = join(t.home, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Dyno</title>');
  writeFileSync(join(t.home, 'secret.txt'), 'outside the renderer');
  handle = createStudio({ home: t.home });
  server = await startServer({ studio: handle.studio, rendererDir, port: 0 });
});
afterAll(async () => {
  await server.close();
  handle.close();
  t.cleanup();
});

const base = () => `127.0.0.1:${server.port}`;

/** Opens a socket and reports the HTTP status of a refused upgrade, or the open socket. */
function connect(query: string, origin?: string): Promise<{ status: number; ws?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://${base()}/api${query}`, origin ? { origin } : {});
    ws.on('open', () => resolve({ status: 101, ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('error', () => undefined);
  });
}

function call(ws: WebSocket, id: number, method: string, params: unknown): Promise<{ kind: string; result?: unknown; error?: { message: string } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const m = JSON.parse(String(data));
      if (m.id === id) {
        ws.off('message', onMessage);
        resolve(m);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, params }));
  });
}

describe('dyno serve', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses the API without the token, with a wrong token, or from a foreign origin', async () => {
    expect((await connect('')).status).toBe(401);
    expect((await connect('?token=wrong')).status).toBe(401);
    expect((await connect(`?token=${server.token}`, 'http://evil.example')).status).toBe(403);
  });

  it('serves the contract to its own page: calls, errors and live events', async () => {
    const { status, ws } = await connect(`?token=${server.token}`, `http://${base()}`);
    expect(status).toBe(101);
    const info = await call(ws!, 1, 'app.info', {});
    expect(info.kind).toBe('result');
    expect(info.result).toMatchObject({ home: t.home, executionProviders: expect.arrayContaining([expect.objectContaining({ name: 'cpu', available: true })]) });

    const bad = await call(ws!, 2, 'models.open', { path: join(t.home, 'nope.onnx') });
    expect(bad).toMatchObject({ kind: 'error', error: { message: `Model file not found: ${join(t.home, 'nope.onnx')}` } });

    const events: { type: string }[] = [];
    ws!.on('message', (d) => {
      // A live batch comes as one message of several events.
      const m = ServerMessageSchema.parse(JSON.parse(String(d)));
      if (isEventMessage(m)) events.push(...(eventsOf(m) as { type: string }[]));
    });
    const config = { modelPath: CONV2D, stop: { warmupIterations: 1, minIterations: 5, maxIterations: 5, minDurationMs: 0, maxDurationMs: 10_000 } };
    const started = await call(ws!, 3, 'runs.start', { config });
    expect(started.kind).toBe('result');
    // Waiting for the end is part of the contract, so the socket serves it like any method.
    const ended = await call(ws!, 4, 'runs.wait', { runId: (started.result as { runId: string }).runId });
    expect(ended).toMatchObject({ kind: 'result', result: { run: { status: 'completed' } } });
    await new Promise((r) => setTimeout(r, 50));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['run.updated', 'run.progress', 'run.samples']));
    ws!.close();
  });

  it('serves the UI with a CSP and nothing outside the renderer folder', async () => {
    const page = await fetch(`http://${base()}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await fetch(`http://${base()}/..%2fsecret.txt`)).status).toBe(403);
    expect((await fetch(`http://${base()}/missing.js`)).status).toBe(404);
  });
});

/**
 * Issue 15, promise 4: `dyno serve`'s real HTTP + WebSocket host over a real studio refuses what
 * a hostile client or page sends (missing or wrong tokens, foreign Origins and Hosts, path
 * traversal in every encoding, oversized messages, floods of sockets) and survives property-based
 * fuzzing of its API with fast-check: every message gets an answer or a clean close, and the host
 * answers a normal call afterwards. The IPC handler of the desktop app is fuzzed the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import fc from 'fast-check';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import { startServer, type RunningServer } from '../../src/main/serve/server';
import { ipcCallHandler } from '../../src/main/studio/ipc-call';
import { METHOD_NAMES } from '../../src/shared/method-names';
import { tempHome } from '../helpers/temp-home';

const MAX_MESSAGE = 64 * 1024;
const MAX_SOCKETS = 6;
const SECRET = 'outside the renderer';
/** Fuzz cases per property; the README quotes the total. */
const WS_RUNS = 1000;
const IPC_RUNS = 1000;

let t: ReturnType<typeof tempHome>;
let handle: StudioHandle;
let server: RunningServer;

beforeAll(async () => {
  t = tempHome('dyno-serve-hostile-');
  const rendererDir = join(t.home, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Dyno</title>');
  writeFileSync(join(t.home, 'secret.txt'), SECRET);
  handle = createStudio({ home: t.home });
  server = await startServer({ studio: handle.studio, rendererDir, port: 0, maxMessageBytes: MAX_MESSAGE, maxConnections: MAX_SOCKETS });
});
afterAll(async () => {
  await server.close();
  handle.close();
  t.cleanup();
});

const hostPort = () => `127.0.0.1:${server.port}`;

/** A raw GET, path sent byte for byte (no client-side normalisation of `..`). */
function get(path: string, host = hostPort()): Promise<{ status: number; body: string }> {
  return new Promise((resolveGet, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolveGet({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(query = `?token=${server.token}`, headers: Record<string, string> = {}): Promise<{ status: number; ws?: WebSocket }> {
  return new Promise((resolveConnect) => {
    const ws = new WebSocket(`ws://${hostPort()}/api${query}`, { headers });
    ws.on('open', () => resolveConnect({ status: 101, ws }));
    ws.on('unexpected-response', (_req, res) => resolveConnect({ status: res.statusCode ?? 0 }));
    ws.on('error', () => resolveConnect({ status: 0 }));
  });
}

async function open(): Promise<WebSocket> {
  const { ws } = await connect();
  if (!ws) throw new Error('the API socket did not open');
  return ws;
}

/** Sends one frame and waits for the reply with `id`, or for the socket to close. */
function exchange(ws: WebSocket, frame: string | Buffer, id?: number): Promise<{ reply?: { kind: string; id: number }; closed?: number }> {
  return new Promise((resolveExchange) => {
    const timer = setTimeout(() => resolveExchange({}), 30_000);
    const done = (r: { reply?: { kind: string; id: number }; closed?: number }): void => {
      clearTimeout(timer);
      ws.off('message', onMessage);
      ws.off('close', onClose);
      resolveExchange(r);
    };
    const onMessage = (data: WebSocket.RawData): void => {
      const m = JSON.parse(String(data)) as { kind: string; id: number };
      if (m.kind !== 'event' && (id === undefined || m.id === id)) done({ reply: m });
    };
    const onClose = (code: number): void => done({ closed: code });
    ws.on('message', onMessage);
    ws.on('close', onClose);
    ws.send(frame);
  });
}

async function answersAppInfo(): Promise<boolean> {
  const ws = await open();
  const { reply } = await exchange(ws, JSON.stringify({ id: 1, method: 'models.samples', params: {} }), 1);
  ws.close();
  return reply?.kind === 'result';
}

describe('dyno serve refuses', () => {
  it('a missing or wrong token (401), a foreign Origin or a rebinding Host (403)', async () => {
    expect((await connect('')).status).toBe(401);
    expect((await connect(`?token=${'x'.repeat(server.token.length)}`)).status).toBe(401);
    expect((await connect(`?token=${server.token}`, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await connect(`?token=${server.token}`, { host: `evil.example:${server.port}` })).status).toBe(403);
    // The UI's files too: a page on a rebound name gets nothing.
    expect((await get('/', `evil.example:${server.port}`)).status).toBe(403);
    expect((await get('/')).status).toBe(200);
  });

  it('path traversal, plain, percent-encoded, double-encoded and malformed', async () => {
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/..%2fsecret.txt',
      '/%252e%252e/secret.txt',
      '/%252e%252e%252fsecret.txt',
      '/..%5csecret.txt',
      '/....//secret.txt',
      '/%c0%ae%c0%ae/secret.txt',
      '/%e0%a4%a',
      '/index.html%00.txt',
    ];
    for (const path of attempts) {
      const r = await get(path);
      expect(r.status, path).not.toBe(200);
      expect(r.body, path).not.toContain(SECRET);
    }
    expect((await get('/')).status).toBe(200);
  });

  it('an oversized message: that socket is closed with 1009, the host goes on', async () => {
    const ws = await open();
    const r = await exchange(ws, JSON.stringify({ id: 1, method: 'models.samples', params: { pad: 'x'.repeat(MAX_MESSAGE) } }));
    expect(r.closed).toBe(1009);
    expect(await answersAppInfo()).toBe(true);
  });

  it('a flood of sockets: bounded, refused with 503, admitted again once some close', async () => {
    const held: WebSocket[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < MAX_SOCKETS + 4; i++) {
      const c = await connect();
      statuses.push(c.status);
      if (c.ws) held.push(c.ws);
    }
    expect(statuses.filter((s) => s === 101)).toHaveLength(MAX_SOCKETS);
    expect(statuses.filter((s) => s === 503)).toHaveLength(4);
    for (const ws of held) ws.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(await answersAppInfo()).toBe(true);
  });

  it('to listen beyond loopback without a warning (the CLI names the risk)', async () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    const child = spawn(process.execPath, [resolve('bin/dyno.js'), 'serve', '--host', '0.0.0.0', '--port', '0'], {
      env: { ...process.env, DYNO_HOME: join(t.home, 'any-interface') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((resolveUrl) => child.stdout.on('data', (d: Buffer) => /Dyno studio:/.test(d.toString()) && resolveUrl()));
    child.kill('SIGTERM');
    expect(err).toMatch(/warning: listening on 0\.0\.0\.0; anyone who can reach it and has the token can run models here/);
  });
});

/** Any JSON a client could send; the envelope's shape right or wrong. */
const jsonFrame = fc.oneof(
  fc.record({ id: fc.integer(), method: fc.constantFrom(...METHOD_NAMES), params: fc.jsonValue() }),
  fc.record({ id: fc.integer(), method: fc.string(), params: fc.jsonValue() }),
  fc.jsonValue(),
  fc.string(),
);

describe('fuzzing with fast-check', () => {
  it(`the WebSocket API: ${WS_RUNS} frames, each answered or cleanly closed, zero host crashes`, async () => {
    let ws = await open();
    let closes = 0;
    await fc.assert(
      fc.asyncProperty(jsonFrame, async (frame) => {
        const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
        const envelope = typeof frame === 'object' && frame !== null && !Array.isArray(frame) && 'id' in frame && typeof frame.method === 'string';
        const r = await exchange(ws, text, envelope ? (frame as { id: number }).id : undefined);
        if (r.closed !== undefined) {
          // A malformed frame closes its socket with 1003 ("unsupported data"), nothing else.
          expect(r.closed).toBe(1003);
          closes++;
          ws = await open();
          return;
        }
        expect(r.reply?.kind === 'result' || r.reply?.kind === 'error').toBe(true);
      }),
      { numRuns: WS_RUNS, seed: 15 },
    );
    ws.close();
    expect(closes).toBeGreaterThan(0);
    expect(await answersAppInfo()).toBe(true);
  }, 300_000);

  it(`the desktop IPC handler: ${IPC_RUNS} calls with any structured-clone value, every refusal one JSON line with a code`, async () => {
    const call = ipcCallHandler(handle.studio, undefined);
    const page = { senderFrame: { url: 'file:///opt/dyno/out/renderer/index.html' } };
    await expect(call({ senderFrame: { url: 'https://evil.example/' } }, 'models.samples', {})).rejects.toThrow(/untrusted frame/);
    await expect(call({ senderFrame: null }, 'models.samples', {})).rejects.toThrow(/untrusted frame/);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...METHOD_NAMES), fc.anything()), fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }), async (method, params) => {
        try {
          await call(page, method, params);
        } catch (err) {
          expect(err).toBeInstanceOf(Error);
          const parsed = JSON.parse((err as Error).message) as { message: string; code: string };
          expect(typeof parsed.code).toBe('string');
          expect(parsed.message).not.toMatch(/\n\s+at /);
        }
      }),
      { numRuns: IPC_RUNS, seed: 15 },
    );
    await expect(call(page, 'models.samples', {})).resolves.toBeInstanceOf(Array);
  }, 300_000);
});

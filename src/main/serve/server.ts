/**
 * `dyno serve`: the studio in a browser. Serves the built renderer over HTTP and the API
 * contract over a WebSocket at /api, on 127.0.0.1 unless told otherwise, guarded by a
 * token that the printed URL carries (kept in DYNO_HOME: serve-token.ts) (see security.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiCallError, RequestEnvelopeSchema, type ServerMessage } from '../../shared/contract';
import type { Studio } from '../studio/studio';
import { batchLiveEvents } from '../studio/live-event-batcher';
import { allowedHosts, checkApiRequest } from './security';
import { serveStatic } from './static-files';

export interface ServeOptions {
  studio: Studio;
  rendererDir: string;
  host?: string;
  port?: number;
  token?: string;
  /** The largest WebSocket message taken; a bigger one closes that socket (1009) and nothing else. */
  maxMessageBytes?: number;
  /** How many API sockets may be open at once; more are refused with 503 until some close. */
  maxConnections?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Large enough for a model uploaded from the browser as base64 (models.import takes up to 1 GiB). */
const MAX_MESSAGE_BYTES = 1536 * 1024 * 1024;
/** A studio is a handful of tabs; a flood of sockets is refused before it costs the host memory. */
const MAX_API_CONNECTIONS = 32;
/** Plain HTTP sockets (the UI's files), and how long a slow client may take to send its headers. */
const MAX_HTTP_CONNECTIONS = 256;
const HEADERS_TIMEOUT_MS = 10_000;

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`Port ${port} on ${host} is in use: choose another with --port.`) : err),
    );
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Calls and their answers; events reach every socket through `broadcastEvents`. */
function attach(socket: WebSocket, studio: Studio): void {
  const send = (m: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
  };
  // An oversized or broken frame closes this socket (1009, 1002); unheard, ws's 'error' would crash the host.
  socket.on('error', () => undefined);
  socket.on('message', async (data) => {
    let envelope;
    try {
      envelope = RequestEnvelopeSchema.parse(JSON.parse(String(data)));
    } catch {
      socket.close(1003, 'malformed request');
      return;
    }
    try {
      send({ kind: 'result', id: envelope.id, result: await studio.call(envelope.method, envelope.params) });
    } catch (err) {
      const e = err instanceof ApiCallError ? err : new ApiCallError(String(err), 'failed');
      send({ kind: 'error', id: envelope.id, error: { message: e.message, code: e.code } });
    }
  });
}

/**
 * Every event goes to every connected client, serialised once however many watch, and live
 * events batched (see live-event-batcher.ts): the host's work per watcher stays small while a
 * run measures.
 */
function broadcastEvents(wss: WebSocketServer, studio: Studio): () => void {
  const batcher = batchLiveEvents((events) => {
    if (wss.clients.size === 0) return;
    // A batch as one message: the page wakes once for it (live-event-batcher.ts).
    const message: ServerMessage = events.length === 1 ? { kind: 'event', event: events[0] } : { kind: 'events', events };
    const text = JSON.stringify(message);
    for (const socket of wss.clients) if (socket.readyState === socket.OPEN) socket.send(text);
  });
  const unsubscribe = studio.onEvent((event) => batcher.push(event));
  return () => {
    unsubscribe();
    batcher.flush();
  };
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const host = o.host ?? '127.0.0.1';
  const token = o.token ?? randomBytes(24).toString('base64url');
  const maxConnections = o.maxConnections ?? MAX_API_CONNECTIONS;
  let port = 0;
  const server = createServer((req, res) => {
    // The UI's files too answer only to a Host this server has (DNS rebinding).
    const hosts = allowedHosts(host, port);
    if (hosts.size > 0 && !hosts.has(req.headers.host ?? '')) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('unexpected Host header');
      return;
    }
    serveStatic(o.rendererDir, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
      res.end();
    });
  });
  server.maxConnections = MAX_HTTP_CONNECTIONS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  const wss = new WebSocketServer({ noServer: true, maxPayload: o.maxMessageBytes ?? MAX_MESSAGE_BYTES });
  const stopEvents = broadcastEvents(wss, o.studio);
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy()); // a client gone mid-handshake is not the host's problem
    const url = new URL(req.url ?? '/', 'http://x');
    const verdict =
      url.pathname !== '/api'
        ? ({ ok: false, status: 404, reason: 'not found' } as const)
        : wss.clients.size >= maxConnections
          ? ({ ok: false, status: 503, reason: 'too many connections' } as const)
          : checkApiRequest({ url, host: req.headers.host, origin: req.headers.origin, token, hosts: allowedHosts(host, port) });
    if (!verdict.ok) {
      socket.end(`HTTP/1.1 ${verdict.status} ${verdict.reason}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, o.studio));
  });
  port = await listen(server, host, o.port ?? 0);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise((resolve) => {
        stopEvents();
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

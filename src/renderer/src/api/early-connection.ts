/**
 * The first calls of a page load in a browser, sent before the app's bundle is parsed. This
 * module is a small script of its own that index.html runs first (scripts/vite-early-entry.ts):
 * over a tunnel the WebSocket's handshake and the host's first answers then overlap the
 * parsing of React, the views and the contract's schemas instead of following them. The API
 * client (ws-client.ts) takes the socket over, and an app call that asks exactly what an early
 * call asked gets its answer instead of asking again. So it imports nothing heavy: no zod, no
 * React; what it sends is checked where it always is, in the host and in ws-client.
 */
import { apiUrl, takeToken } from './token';
import { recallString, REMEMBERED_MODEL } from '../stores/remembered';
import type { EarlyConnection } from './early-connection-type';

/**
 * What the first screen asks for (app-store.ts, recent-models-store.ts), with the same params:
 * a call that drifts from these is simply sent again by the app, later.
 */
const FIRST_CALLS: readonly (readonly [string, Record<string, unknown>])[] = [
  ['app.info', { waitForProbe: false }],
  ['models.samples', {}],
  ['models.recent', {}],
];

const keyOf = (method: string, params: unknown): string => `${method} ${JSON.stringify(params)}`;

/** An answer frame's id (server.ts sends `{ kind: 'result' | 'error', id, … }`); events have none. */
function answerId(data: string): number | undefined {
  try {
    const m = JSON.parse(data) as { kind?: unknown; id?: unknown };
    return m.kind !== 'event' && typeof m.id === 'number' ? m.id : undefined;
  } catch {
    return undefined;
  }
}

/** The default sample's path in a models.samples answer, if it has one. */
function defaultSamplePath(data: string): string | undefined {
  try {
    const m = JSON.parse(data) as { kind?: unknown; result?: unknown };
    if (m.kind !== 'result' || !Array.isArray(m.result)) return undefined;
    const sample = (m.result as { isDefault?: unknown; path?: unknown }[]).find((s) => s.isDefault === true);
    return typeof sample?.path === 'string' ? sample.path : undefined;
  } catch {
    return undefined;
  }
}

function start(): EarlyConnection | undefined {
  // Electron's preload bridge has no socket to open; without the token no call can succeed.
  if (window.dyno || typeof WebSocket === 'undefined') return undefined;
  const token = takeToken();
  if (!token) return undefined;
  const socket = new WebSocket(apiUrl(token));
  const answers = new Map<string, Promise<string>>();
  const waiting = new Map<number, { resolve: (data: string) => void; reject: (err: Error) => void; onAnswer?: (data: string) => void }>();
  const inbox: string[] = [];
  let forward: ((data: string) => void) | undefined;
  let nextId = -1;

  // Negative ids: the app's own calls count up from 1, so the two never meet.
  const send = (method: string, params: Record<string, unknown>, onAnswer?: (data: string) => void): void => {
    const id = nextId--;
    const answer = new Promise<string>((resolve, reject) => waiting.set(id, { resolve, reject, ...(onAnswer ? { onAnswer } : {}) }));
    answer.catch(() => undefined); // an early call nobody claims may fail unheard
    answers.set(keyOf(method, params), answer);
    socket.send(JSON.stringify({ id, method, params }));
  };

  socket.addEventListener('open', () => {
    // The model the first screen shows: the one open before a reload, else the default sample
    // (app-store.ts: the default never replaces a model asked for), whose path the samples' answer names.
    const remembered = recallString(REMEMBERED_MODEL);
    const openDefault = (data: string): void => {
      const path = defaultSamplePath(data);
      if (path && socket.readyState === WebSocket.OPEN) send('models.open', { path });
    };
    for (const [method, params] of FIRST_CALLS) send(method, params, method === 'models.samples' && !remembered ? openDefault : undefined);
    if (remembered) send('models.open', { path: remembered });
  });
  socket.addEventListener('message', (event) => {
    const data = String(event.data);
    const id = waiting.size > 0 ? answerId(data) : undefined;
    const early = id === undefined ? undefined : waiting.get(id);
    if (id !== undefined && early) {
      waiting.delete(id);
      early.resolve(data);
      early.onAnswer?.(data);
      return;
    }
    if (forward) forward(data);
    else inbox.push(data);
  });
  socket.addEventListener('close', () => {
    for (const w of waiting.values()) w.reject(new Error('The connection to the Dyno server closed.'));
    waiting.clear();
  });

  return {
    socket,
    claim(method, params) {
      const key = keyOf(method, params);
      const answer = answers.get(key);
      answers.delete(key);
      return answer;
    },
    takeOver(onFrame) {
      forward = onFrame;
      for (const data of inbox.splice(0)) onFrame(data);
    },
  };
}

let started: { connection: EarlyConnection | undefined } | undefined;

/** Started once, by whichever script runs first: this module's own tag in index.html, or the app. */
export function earlyConnection(): EarlyConnection | undefined {
  started ??= { connection: start() };
  return started.connection;
}

earlyConnection();

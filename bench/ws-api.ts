/**
 * The API contract over `dyno serve`'s WebSocket, from Node: what the benches use to start runs,
 * wait for them and hear their events as a remote browser would (without drawing anything).
 * Results are parsed with the contract's schemas, as every transport does.
 */
import WebSocket from 'ws';
import { ApiCallError, EventSchema, eventsOf, isEventMessage, parseResult, ServerMessageSchema, type DynoApi, type Method, type Params, type Result, type StudioEvent } from '../src/shared/contract';

export interface WsApi extends DynoApi {
  /** Bytes and messages received so far: what the host serialised and sent to this client. */
  received(): { messages: number; bytes: number };
  close(): void;
}

export async function connectWsApi(serveUrl: string): Promise<WsApi> {
  const url = new URL(serveUrl);
  const socket = new WebSocket(`ws://${url.host}/api?token=${encodeURIComponent(url.searchParams.get('token') ?? '')}`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const listeners = new Set<(e: StudioEvent) => void>();
  const pending = new Map<number, { method: Method; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let messages = 0;
  let bytes = 0;
  socket.on('message', (data: Buffer) => {
    messages++;
    bytes += data.length;
    const m = ServerMessageSchema.parse(JSON.parse(data.toString('utf8')));
    if (isEventMessage(m)) {
      // Events are only parsed when someone listens: a watcher that draws nothing stays cheap.
      if (listeners.size === 0) return;
      for (const raw of eventsOf(m)) {
        const event = EventSchema.safeParse(raw);
        if (event.success) for (const l of listeners) l(event.data);
      }
      return;
    }
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.kind === 'error') p.reject(new ApiCallError(m.error.message, m.error.code));
    else p.resolve(parseResult(p.method, m.result));
  });
  socket.on('close', () => {
    for (const p of pending.values()) p.reject(new ApiCallError('The connection to dyno serve closed.', 'offline'));
    pending.clear();
  });
  return {
    call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
      const id = nextId++;
      return new Promise<Result<M>>((resolve, reject) => {
        pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    received: () => ({ messages, bytes }),
    close: () => socket.close(),
  };
}

/**
 * The contract over `dyno serve`'s WebSocket, reconnecting by itself when the socket drops
 * (the token and the address come from token.ts).
 */
import {
  ApiCallError,
  EventSchema,
  eventsOf,
  isEventMessage,
  ServerMessageSchema,
  type DynoApi,
  type Method,
  type Params,
  type Result,
  type StudioEvent,
} from '../../../shared/contract';
import { parseResult } from './parse-result';
import type { EarlyConnection } from './early-connection-type';

/** What the top bar says while the socket is down and the client keeps trying. */
export const RECONNECTING = 'offline — reconnecting';

/**
 * Waits before the n-th attempt in a row: 0.5 s doubling to 10 s, with jitter, so a restarted
 * `dyno serve` (or a dropped SSH tunnel that comes back) is found again within seconds, and
 * many tabs do not knock in step.
 */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** Math.min(attempt, 5));
  return Math.round(base * (0.75 + 0.5 * random()));
}

/**
 * `url`: the API's address with its token (see token.ts); the client needs no DOM but WebSocket.
 * `early`: the socket a page load opened before the app's bundle ran (early-connection.ts),
 * taken over while it is open or opening, with the answers to the calls it already sent.
 */
export function createWsApi(url: string, onConnectionChange: (up: boolean, reason?: string) => void, early?: EarlyConnection): DynoApi {
  const listeners = new Set<(e: StudioEvent) => void>();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: Method }>();
  let nextId = 1;
  let socket: WebSocket;
  let ready: Promise<void>;
  let failedAttempts = 0;
  /** The early socket's, while it is the one in use. */
  let claimable: EarlyConnection | undefined;

  /** An answer frame's result, checked with the contract's schema, or its error. */
  const settle = (method: Method, m: { kind: 'result'; result: unknown } | { kind: 'error'; error: { message: string; code: string } }): unknown => {
    if (m.kind === 'error') throw new ApiCallError(m.error.message, m.error.code);
    return parseResult(method, m.result);
  };

  const onFrame = (data: string): void => {
    const parsed = ServerMessageSchema.safeParse(JSON.parse(data));
    if (!parsed.success) return;
    const m = parsed.data;
    if (isEventMessage(m)) {
      // A batch is applied in this one task: the stores' updates make one render.
      for (const raw of eventsOf(m)) {
        const event = EventSchema.safeParse(raw);
        if (event.success) for (const l of listeners) l(event.data);
      }
      return;
    }
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    try {
      p.resolve(settle(p.method, m));
    } catch (err) {
      p.reject(err as Error);
    }
  };

  const connect = (adopt?: EarlyConnection): void => {
    const reuse = adopt !== undefined && (adopt.socket.readyState === WebSocket.CONNECTING || adopt.socket.readyState === WebSocket.OPEN);
    socket = reuse ? adopt.socket : new WebSocket(url);
    claimable = reuse ? adopt : undefined;
    ready = new Promise((resolve, reject) => {
      const opened = (): void => {
        failedAttempts = 0;
        onConnectionChange(true);
        resolve();
      };
      if (socket.readyState === WebSocket.OPEN) opened();
      else socket.onopen = opened;
      socket.onerror = () => reject(new ApiCallError('Cannot reach the Dyno server (is `dyno serve` still running, and is the token right?).', 'offline'));
    });
    ready.catch(() => undefined);
    socket.onclose = () => {
      claimable = undefined;
      onConnectionChange(false, RECONNECTING);
      for (const p of pending.values()) p.reject(new ApiCallError('The connection to the Dyno server closed.', 'offline'));
      pending.clear();
      // Keep knocking: the server restarts, a tunnel comes back; a wrong token never will, but
      // trying costs one refused request per 10 s.
      setTimeout(() => connect(), reconnectDelayMs(failedAttempts++));
    };
    // The frames that came before the app (events among them) are replayed on the next task:
    // by then the app's modules have run and its listeners are registered.
    if (reuse) setTimeout(() => adopt.takeOver(onFrame), 0);
    else socket.onmessage = (msg) => onFrame(String(msg.data));
  };
  connect(early);

  return {
    async call<M extends Method>(method: M, params: Params<M>): Promise<Result<M>> {
      await ready;
      const answered = claimable?.claim(method, params);
      if (answered)
        return answered.then(
          (data) => {
            const m = ServerMessageSchema.parse(JSON.parse(data));
            if (isEventMessage(m)) throw new ApiCallError(`The server answered ${method} with an event.`, 'failed');
            return settle(method, m) as Result<M>;
          },
          (err: Error) => {
            throw new ApiCallError(err.message, 'offline');
          },
        );
      // A closed socket drops what is sent to it: fail now instead of waiting forever.
      if (socket.readyState !== WebSocket.OPEN) throw new ApiCallError(`Not connected to the Dyno server (${RECONNECTING}).`, 'offline');
      const id = nextId++;
      return new Promise<Result<M>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Whether the host is reachable, as the transport last reported it. The transport is created
 * when the app loads and may report before anyone listens, so the latest state is replayed to
 * each new subscriber. It lives in api/ so the transports need no store: the event bridge
 * copies it into the connection store.
 */
export interface ConnectionState {
  up: boolean;
  reason?: string;
}

export interface ConnectionFeed {
  report(up: boolean, reason?: string): void;
  /** Calls the listener now with the latest state, then on every change; returns the unsubscribe. */
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

export function createConnectionFeed(): ConnectionFeed {
  let latest: ConnectionState = { up: false };
  const listeners = new Set<(state: ConnectionState) => void>();
  return {
    report(up, reason) {
      latest = { up, ...(reason !== undefined ? { reason } : {}) };
      for (const l of listeners) l(latest);
    },
    subscribe(listener) {
      listeners.add(listener);
      listener(latest);
      return () => listeners.delete(listener);
    },
  };
}

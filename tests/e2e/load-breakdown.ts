/**
 * Where a first load's time goes, from Chrome's own network events (CDP), so a slow first load
 * in a CI log says which part grew: each HTTP request's start, first byte and end, the
 * WebSocket's handshake, each API call's round trip (method by method), the host's events, and the page's own CPU
 * time (script parse/compile/run, layout, style) from Performance.getMetrics. Times are ms from
 * the moment the document was requested.
 */
import type { CDPSession, Page } from '@playwright/test';

interface RequestTiming {
  url: string;
  startMs: number;
  firstByteMs?: number;
  endMs?: number;
  bytes?: number;
}

interface CallTiming {
  method: string;
  sentMs: number;
  answeredMs?: number;
}

export interface LoadBreakdown {
  /** Call once the page is usable: the lines to print, in order of start. */
  lines(usableAtMs: number): Promise<string[]>;
  /** When an API call of this method was answered (ms from the document's request), if it was. */
  answeredAt(method: string): number | undefined;
  /** When the first API call went out. */
  firstCallAt(): number | undefined;
  /** How many calls of each method went out. */
  callCounts(): Map<string, number>;
  /** How many WebSockets the page opened. */
  socketCount(): number;
}

const ms = (v: number | undefined): string => (v === undefined ? '—' : `${Math.round(v)}`);

/** Starts listening; call before navigating. `Network.enable` must already have been sent. */
export function watchLoad(cdp: CDPSession): LoadBreakdown {
  let t0: number | undefined;
  const at = (timestampS: number): number => {
    t0 ??= timestampS;
    return (timestampS - t0) * 1000;
  };
  const requests = new Map<string, RequestTiming>();
  const calls = new Map<number, CallTiming>();
  let wsCreatedMs: number | undefined;
  let wsOpenMs: number | undefined;
  let sockets = 0;
  /** Each host event's first arrival (e.g. app.providers, the probe's verdict). */
  const events = new Map<string, number>();
  cdp.on('Network.requestWillBeSent', (e) => {
    requests.set(e.requestId, { url: e.request.url, startMs: at(e.timestamp) });
  });
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    // The headers' own time: under Chrome's throttling the event itself can come after the body.
    const t = e.response.timing;
    if (r) r.firstByteMs = t ? at(t.requestTime) + t.receiveHeadersEnd : at(e.timestamp);
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = requests.get(e.requestId);
    if (!r) return;
    r.endMs = at(e.timestamp);
    r.bytes = e.encodedDataLength;
  });
  cdp.on('Network.webSocketCreated', () => {
    sockets++;
  });
  cdp.on('Network.webSocketWillSendHandshakeRequest', (e) => {
    wsCreatedMs ??= at(e.timestamp);
  });
  cdp.on('Network.webSocketHandshakeResponseReceived', (e) => {
    wsOpenMs ??= at(e.timestamp);
  });
  cdp.on('Network.webSocketFrameSent', (e) => {
    try {
      const m = JSON.parse(e.response.payloadData) as { id?: unknown; method?: unknown };
      if (typeof m.id === 'number' && typeof m.method === 'string') calls.set(m.id, { method: m.method, sentMs: at(e.timestamp) });
    } catch {
      // Not a call: nothing to time.
    }
  });
  cdp.on('Network.webSocketFrameReceived', (e) => {
    try {
      const m = JSON.parse(e.response.payloadData) as { id?: unknown; kind?: unknown; event?: { type?: unknown } };
      if (m.kind === 'event' && typeof m.event?.type === 'string' && !events.has(m.event.type)) events.set(m.event.type, at(e.timestamp));
      const call = typeof m.id === 'number' ? calls.get(m.id) : undefined;
      if (call && m.kind !== 'event') call.answeredMs ??= at(e.timestamp);
    } catch {
      // An event frame we cannot read: not a call's answer.
    }
  });
  const sentOrder = (): CallTiming[] => [...calls.values()].sort((a, b) => a.sentMs - b.sentMs);
  return {
    answeredAt: (method) => sentOrder().find((c) => c.method === method)?.answeredMs,
    firstCallAt: () => sentOrder()[0]?.sentMs,
    callCounts: () => {
      const counts = new Map<string, number>();
      for (const c of calls.values()) counts.set(c.method, (counts.get(c.method) ?? 0) + 1);
      return counts;
    },
    socketCount: () => sockets,
    async lines(usableAtMs) {
      const out: string[] = [];
      for (const r of [...requests.values()].sort((a, b) => a.startMs - b.startMs)) {
        if (r.url.startsWith('data:')) continue;
        const path = new URL(r.url).pathname;
        out.push(`  GET ${path.length > 48 ? `…${path.slice(-47)}` : path}: start ${ms(r.startMs)}, first byte ${ms(r.firstByteMs)}, done ${ms(r.endMs)} (${r.bytes === undefined ? '?' : (r.bytes / 1024).toFixed(1)} KB on the wire)`);
      }
      out.push(`  WebSocket: opened ${ms(wsCreatedMs)}, handshake done ${ms(wsOpenMs)}`);
      for (const c of sentOrder()) out.push(`  call ${c.method}: sent ${ms(c.sentMs)}, answered ${ms(c.answeredMs)} (${c.answeredMs === undefined ? '—' : ms(c.answeredMs - c.sentMs)} ms round trip)`);
      for (const [type, atMs] of events) out.push(`  event ${type}: received ${ms(atMs)}`);
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const metric = (name: string): string => ms((metrics.find((m) => m.name === name)?.value ?? 0) * 1000);
      out.push(`  page CPU: script ${metric('ScriptDuration')} ms, layout ${metric('LayoutDuration')} ms, style ${metric('RecalcStyleDuration')} ms, all tasks ${metric('TaskDuration')} ms`);
      out.push(`  usable at ${ms(usableAtMs)}`);
      return out;
    },
  };
}

/** A moment on the page to time: the first frame in which `selector` matches (with `text` in it, enabled). */
export interface Milestone {
  name: string;
  selector: string;
  text?: string;
  enabled?: boolean;
}

declare global {
  interface Window {
    __dynoMilestones?: Record<string, number>;
  }
}

/**
 * Times milestones inside the page, so the figure is not the test's polling interval
 * (Playwright's `expect` retries at 100, 250, 500, then every 1,000 ms; sequential waits add
 * up to seconds of slack): a MutationObserver sees each DOM change as React commits it, and the
 * next animation frame (the frame that paints it, after any long task queued before it) is the
 * time recorded, in ms from navigation start (about the document's request in the breakdown).
 * Call before navigating; read with the returned function once the page has settled.
 */
export async function watchMilestones(page: Page, milestones: Milestone[]): Promise<() => Promise<Record<string, number>>> {
  await page.addInitScript((list: Milestone[]) => {
    const seen: Record<string, number> = {};
    const pending = new Set<string>();
    window.__dynoMilestones = seen;
    const check = (): void => {
      for (const m of list) {
        if (seen[m.name] !== undefined || pending.has(m.name)) continue;
        const el = document.querySelector(m.selector);
        const holds = el !== null && (m.text === undefined || (el.textContent ?? '').includes(m.text)) && (!m.enabled || !(el as HTMLButtonElement).disabled);
        if (!holds) continue;
        pending.add(m.name);
        requestAnimationFrame(() => (seen[m.name] = performance.now()));
      }
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  }, milestones);
  return async () => page.evaluate(() => ({ ...window.__dynoMilestones }));
}

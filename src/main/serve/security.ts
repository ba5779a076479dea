/**
 * Who may talk to `dyno serve`: a request must carry the server's token, and a browser
 * request must come from the studio's own origin with a Host we serve (DNS rebinding defence:
 * a foreign page that resolves its name to 127.0.0.1 still sends its own Host and Origin).
 */
import { timingSafeEqual } from 'node:crypto';

export function tokensEqual(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Host header values that address this server: the bound host, plus loopback names. */
export function allowedHosts(boundHost: string, port: number): Set<string> {
  const names = new Set([boundHost, '127.0.0.1', 'localhost', '[::1]']);
  if (boundHost === '0.0.0.0' || boundHost === '::') names.clear(); // any interface: Host can't be predicted
  return new Set([...names].map((h) => `${h}:${port}`));
}

export type Verdict = { ok: true } | { ok: false; status: number; reason: string };

export function checkApiRequest(opts: {
  url: URL;
  host: string | undefined;
  origin: string | undefined;
  token: string;
  hosts: Set<string>;
}): Verdict {
  if (opts.hosts.size > 0 && (!opts.host || !opts.hosts.has(opts.host))) {
    return { ok: false, status: 403, reason: 'unexpected Host header' };
  }
  // Browsers always send Origin on WebSocket upgrades; tools (CLI, tests) may omit it.
  if (opts.origin !== undefined && opts.origin !== `http://${opts.host}`) {
    return { ok: false, status: 403, reason: 'foreign Origin' };
  }
  if (!tokensEqual(opts.url.searchParams.get('token'), opts.token)) {
    return { ok: false, status: 401, reason: 'missing or wrong token' };
  }
  return { ok: true };
}

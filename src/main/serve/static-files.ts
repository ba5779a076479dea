/**
 * Serves the built renderer from one folder, refusing anything that escapes it. For a browser
 * at the far end of an SSH tunnel: the precompressed copy (.br, else .gz, written at build by
 * scripts/vite-precompress.ts) when the browser accepts it, and content-hashed assets cached
 * for a year as immutable (a new build has new names), while index.html is revalidated on
 * every load so a new build is picked up at once.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Best first: brotli is ~20 % smaller than gzip on the plotly chunk. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** Vite names built assets `name-<hash>.ext` under assets/: their content never changes. */
const HASHED_ASSET = /^assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The encodings an Accept-Encoding header allows (q=0 refuses one). */
export function acceptedEncodings(header: string | string[] | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of String(header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
}

async function fileInfo(path: string): Promise<{ size: number } | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() ? info : undefined;
}

export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(root, relative));
  if (!file.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  const info = await fileInfo(file);
  if (!info) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const accepted = acceptedEncodings(req.headers['accept-encoding']);
  let sent = { path: file, size: info.size, encoding: undefined as string | undefined };
  for (const e of ENCODINGS) {
    if (!accepted.has(e.name)) continue;
    const copy = await fileInfo(file + e.suffix);
    if (copy) {
      sent = { path: file + e.suffix, size: copy.size, encoding: e.name };
      break;
    }
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': sent.size,
    ...(sent.encoding ? { 'content-encoding': sent.encoding } : {}),
    vary: 'Accept-Encoding',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': HASHED_ASSET.test(relative) ? IMMUTABLE : 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(sent.path).pipe(res);
}

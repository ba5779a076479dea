/**
 * `dyno serve` over a slow tunnel: the smallest copy the browser accepts, hashed assets cached
 * as immutable, index.html revalidated. A real HTTP server over a folder laid out as a build is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { acceptedEncodings, IMMUTABLE, serveStatic } from '../../../src/main/serve/static-files';

const js = 'console.log("dyno");\n'.repeat(500);
let root: string;
let server: Server;
let port: number;

function get(path: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ port, path, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'dyno-static-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Dyno</title>');
  writeFileSync(join(root, 'assets', 'index-AbC123_x.js'), js);
  writeFileSync(join(root, 'assets', 'index-AbC123_x.js.br'), brotliCompressSync(js));
  writeFileSync(join(root, 'assets', 'index-AbC123_x.js.gz'), gzipSync(js));
  server = createServer((req, res) => void serveStatic(root, req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
});

describe('dyno serve sends the renderer compressed and cached', () => {
  it('sends brotli when the browser takes it, and the bytes decode to the asset', async () => {
    const r = await get('/assets/index-AbC123_x.js', 'gzip, deflate, br, zstd');
    expect(r.headers['content-encoding']).toBe('br');
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(r.body.length).toBeLessThan(js.length / 10);
    expect(brotliDecompressSync(r.body).toString()).toBe(js);
    expect(r.headers.vary).toBe('Accept-Encoding');
  });
  it('falls back to gzip, and to the plain file when nothing is accepted', async () => {
    const gz = await get('/assets/index-AbC123_x.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(js);
    const plain = await get('/assets/index-AbC123_x.js', 'br;q=0, identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(js);
  });
  it('caches hashed assets for a year as immutable and revalidates index.html', async () => {
    expect((await get('/assets/index-AbC123_x.js', 'br')).headers['cache-control']).toBe(IMMUTABLE);
    const page = await get('/', 'br');
    expect(page.headers['cache-control']).toBe('no-cache');
    // Too small to be worth a compressed copy: sent as it is.
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.body.toString()).toContain('<title>Dyno</title>');
  });
  it('reads Accept-Encoding as RFC 9110 says: q=0 refuses a coding', () => {
    expect([...acceptedEncodings('gzip;q=1.0, br;q=0')]).toEqual(['gzip']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });
});

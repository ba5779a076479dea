/**
 * The renderer's layering, read from its import statements: components and views present what
 * stores hold and never call the API; stores fetch; the API client knows no store; and only
 * the event bridge subscribes to host events. (ESLint could say the same with
 * no-restricted-imports; this test keeps it true until it does.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve('src/renderer/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every file of the renderer with the renderer-relative targets of its relative imports. */
const files = sources(ROOT).map((path) => {
  const text = readFileSync(path, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1] ?? '');
  return { file: relative(ROOT, path), text, imports: specifiers.map((s) => relative(ROOT, resolve(dirname(path), s))) };
});

const folder = (path: string): string => (path.includes('/') ? path.split('/')[0] ?? path : path);
const importsFrom = (from: (file: string) => boolean, to: string[]): string[] =>
  files.filter((f) => from(f.file)).flatMap((f) => f.imports.filter((i) => to.includes(folder(i))).map((i) => `${f.file} → ${i}`));

describe('the renderer layers', () => {
  it('sees the imports it checks (stores import the API client, the bridge imports stores)', () => {
    expect(importsFrom((f) => f === 'stores/live-run-store.ts', ['api'])).toEqual(['stores/live-run-store.ts → api']);
    expect(importsFrom((f) => f === 'events/event-bridge.ts', ['stores']).length).toBeGreaterThanOrEqual(3);
  });

  it('keeps the API client free of stores and of the event bridge', () => {
    expect(importsFrom((f) => folder(f) === 'api', ['stores', 'events'])).toEqual([]);
  });

  it('keeps stores free of the event bridge', () => {
    expect(importsFrom((f) => folder(f) === 'stores', ['events'])).toEqual([]);
  });

  it('lets no component, view, chart or the frame call the API: they read stores and call store actions', () => {
    const presents = (f: string): boolean => ['components', 'views', 'charts', 'App.tsx'].includes(folder(f));
    expect(importsFrom(presents, ['api', 'events'])).toEqual([]);
  });

  it('has one subscriber to host events: the event bridge', () => {
    const subscribers = files.filter((f) => folder(f.file) !== 'api' && /\.onEvent\(/.test(f.text)).map((f) => f.file);
    expect(subscribers).toEqual(['events/event-bridge.ts']);
  });
});

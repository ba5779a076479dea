/**
 * A long session's studio keeps each inspection on disk (DYNO_HOME/cache/inspections), so its
 * next start answers the first models.open without a worker. Real ONNX Runtime inspections and
 * real files: a second cache over the same directory (a restarted studio) reads the entry and
 * inspects nothing; a touched file, another Dyno/ORT version or a corrupt entry is inspected
 * again (and the entry rewritten); the directory is bounded.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyFileSync, existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectModel } from '../../src/main/models/inspect';
import { InspectionCache } from '../../src/main/studio/inspection-cache';
import { InspectionsOnDisk } from '../../src/main/studio/inspections-on-disk';
import type { ModelInfo } from '../../src/shared/model';
import { CONV2D, SQUEEZENET, tempHome } from '../helpers/temp-home';

let t: ReturnType<typeof tempHome>;
let dir: string;
let model: string;
beforeAll(() => {
  t = tempHome('dyno-inspections-kept-');
  dir = join(t.home, 'cache', 'inspections');
  model = join(t.home, 'squeezenet.onnx');
  copyFileSync(SQUEEZENET, model);
});
afterAll(() => t.cleanup());

/** A studio's cache over the directory, counting the inspections it really makes. */
function studioCache(version = 'dyno 1, onnxruntime 1', maxEntries?: number): { cache: InspectionCache; inspected: string[] } {
  const inspected: string[] = [];
  const inspect = (path: string): Promise<ModelInfo> => {
    inspected.push(path);
    return inspectModel(path);
  };
  return { cache: new InspectionCache(inspect, undefined, new InspectionsOnDisk(dir, version, maxEntries)), inspected };
}

/** The write is not awaited by the answer: wait until the entry is on disk. */
async function entries(count: number): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.json')) : [];
    if (names.length >= count) return names;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`fewer than ${count} entries in ${dir}`);
}

it('a restarted studio answers from disk, the same facts, inspecting nothing', async () => {
  const first = studioCache();
  const fresh = await first.cache.get(model);
  expect(first.inspected).toEqual([model]);
  expect(fresh.inputs[0]?.name).toBeTruthy();
  await entries(1);

  const second = studioCache();
  const kept = await second.cache.get(model);
  expect(second.inspected).toEqual([]);
  expect(kept).toEqual(fresh);
});

it('a touched file, another version, or a corrupt entry is inspected again', async () => {
  const later = new Date(Date.now() + 5_000);
  utimesSync(model, later, later);
  const touched = studioCache();
  await touched.cache.get(model);
  expect(touched.inspected).toEqual([model]);
  await entries(2);

  const upgraded = studioCache('dyno 2, onnxruntime 1');
  await upgraded.cache.get(model);
  expect(upgraded.inspected).toEqual([model]);

  for (const name of await entries(2)) writeFileSync(join(dir, name), '{"key": "torn');
  const corrupt = studioCache('dyno 2, onnxruntime 1');
  expect((await corrupt.cache.get(model)).fileName).toBe('squeezenet.onnx');
  expect(corrupt.inspected).toEqual([model]);
  // Rewritten whole: the next start reads it again.
  await new Promise((r) => setTimeout(r, 200));
  const next = studioCache('dyno 2, onnxruntime 1');
  await next.cache.get(model);
  expect(next.inspected).toEqual([]);
  expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
});

it('keeps the newest entries only', async () => {
  const bounded = studioCache('dyno 3, onnxruntime 1', 1);
  await bounded.cache.get(CONV2D);
  await new Promise((r) => setTimeout(r, 200));
  await bounded.cache.get(model);
  await new Promise((r) => setTimeout(r, 200));
  const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  expect(names).toHaveLength(1);
  expect(JSON.parse(readFileSync(join(dir, names[0]!), 'utf8')).model.path).toBe(model);
});

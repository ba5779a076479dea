/** Each way a bundle can be wrong gets its own sentence, before anything is stored. */
import { describe, expect, it } from 'vitest';
import { toBundle } from '../../../src/main/report/bundle-codec';
import { readImportable } from '../../../src/main/report/import-file';
import { BUNDLE_SCHEMA_URL, type Bundle } from '../../../src/shared/bundle';
import { storedRun } from '../../helpers/stored-runs';

const machine = { id: 'm', hostname: 'h', platform: 'linux-x64', cpuModel: 'c', logicalCores: 2, totalMemoryBytes: 1 };
const run = storedRun('completed on a GPU with energy', { seed: 1, count: 300, medianMs: 1, id: 'r-1' });
const bundle = toBundle([run], [], 'dyno@0.1.0', new Date('2026-12-01T00:00:00Z'), machine);
const read = (doc: unknown) => readImportable(typeof doc === 'string' ? doc : JSON.stringify(doc), 'x.dyno', new Date());
const edit = (f: (b: Bundle & Record<string, unknown>) => void): unknown => {
  const copy = structuredClone(bundle) as Bundle & Record<string, unknown>;
  f(copy);
  return copy;
};

describe('reading a bundle', () => {
  it('reads back what was written, naming its format and schema', () => {
    expect(bundle.$schema).toBe(BUNDLE_SCHEMA_URL);
    const file = read(bundle);
    expect(file.format).toBe('dyno-bundle');
    expect(file.runs[0]!.batches.map((b) => [...b.latencyMs])).toEqual(run.batches.map((b) => [...b.latencyMs]));
  });

  it.each([
    ['an empty file', '', 'x.dyno is empty.'],
    ['a file cut short', JSON.stringify(bundle).slice(0, 200), 'x.dyno is not complete JSON'],
    ['a newer format', edit((b) => ((b as { formatVersion: number }).formatVersion = 7)), 'x.dyno is bundle format 7, written by a newer Dyno'],
    ['a format no Dyno wrote', edit((b) => ((b as { formatVersion: number }).formatVersion = 0)), 'x.dyno is bundle format 0, which no Dyno wrote'],
    ['a run without its id', edit((b) => delete (b.runs[0]!.run as Partial<typeof b.runs[0]['run']>).id), 'x.dyno is not a valid Dyno bundle: runs.0.run.id: Invalid input: expected string, received undefined.'],
    ['a run twice', edit((b) => b.runs.push(b.runs[0]!)), 'x.dyno holds run r-1 twice.'],
    ['samples whose bytes do not match their count', edit((b) => (b.runs[0]!.samples[1]!.count += 1)), 'x.dyno: run r-1, sample batch 2 (start times) holds 2000 bytes for 251 samples (2008 expected): the file is damaged.'],
    ['a CSV file', 'a,b\n1,2\n', 'x.dyno is not a file Dyno imports'],
  ])('refuses %s', (_what, doc, message) => {
    expect(() => read(doc)).toThrow(message);
  });
});

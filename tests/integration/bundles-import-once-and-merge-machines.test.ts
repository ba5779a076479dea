/**
 * Bundles through the API into real SQLite files: runs come back exactly (samples bit for bit,
 * telemetry, warnings, studies), importing twice adds nothing, bundles of two machines merge
 * and each run keeps its own fingerprint, and a file that fails midway stores nothing.
 */
import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../src/shared/contract';
import { toBundle } from '../../src/main/report/bundle-codec';
import { parseBundle } from '../../src/shared/bundle-reader';
import type { BundleMachine } from '../../src/shared/bundle';
import type { Study } from '../../src/shared/study';
import { useInProcessStudio } from '../helpers/in-process-studio';
import { storedRun } from '../helpers/stored-runs';
import { ENVIRONMENT } from '../helpers/hand-made-runs';
import { RunSchema } from '../../src/shared/run';

const machine = (id: string): BundleMachine => ({ id, hostname: `host-${id}`, platform: 'linux-x64', cpuModel: `CPU ${id}`, logicalCores: 8, totalMemoryBytes: 16e9 });
const now = new Date('2026-12-01T12:00:00.000Z');
const study: Study = { id: '6f1c6d1e-0000-4000-8000-000000000001', kind: 'comparison', name: 'threads 1 vs 2', createdAt: '2026-12-01T09:00:00.000Z' };

const a1 = storedRun('completed on a GPU with energy', { seed: 1, count: 600, medianMs: 1.2, id: 'a-1' });
const a2 = storedRun('completed, profiled', { seed: 2, count: 400, medianMs: 0.9, id: 'a-2', studyId: study.id });
const onB = storedRun('completed, server scenario', { seed: 3, count: 300, medianMs: 2.5, id: 'b-1' });
// Machine B's run carries B's own fingerprint.
const b1 = { ...onB, run: RunSchema.parse({ ...onB.run, results: { ...('results' in onB.run ? onB.run.results : {}), environment: { ...ENVIRONMENT, cpuModel: 'Other CPU @ 2.0GHz' } } }) };

const bundleA = JSON.stringify(toBundle([a1, a2], [study], 'dyno@0.1.0', now, machine('a')));
const bundleB = JSON.stringify(toBundle([b1], [], 'dyno@0.1.0', now, machine('b')));

describe('importing bundles', () => {
  const s = useInProcessStudio();
  const other = useInProcessStudio();
  const third = useInProcessStudio();

  it('stores every run with its study, and a second import of the same bundle adds nothing', async () => {
    expect(await s.api.call('runs.import', { fileName: 'a.dyno', content: bundleA })).toEqual({ format: 'dyno-bundle', added: ['a-1', 'a-2'], skipped: [], studiesAdded: 1 });
    expect(await s.api.call('runs.import', { fileName: 'a.dyno', content: bundleA })).toEqual({ format: 'dyno-bundle', added: [], skipped: ['a-1', 'a-2'], studiesAdded: 0 });
    expect((await s.api.call('studies.get', { studyId: study.id })).runs.map((r) => r.id)).toEqual(['a-2']);
  });

  it("merges another machine's bundle; each run keeps the fingerprint it was measured with", async () => {
    expect((await s.api.call('runs.import', { fileName: 'b.dyno', content: bundleB })).added).toEqual(['b-1']);
    const list = await s.api.call('runs.list', {});
    expect(list.map((r) => r.id).sort()).toEqual(['a-1', 'a-2', 'b-1']);
    const cpu = async (id: string) => {
      const { run } = await s.api.call('runs.get', { runId: id });
      return 'results' in run ? run.results?.environment.cpuModel : undefined;
    };
    expect(await cpu('a-1')).toBe('Test CPU @ 3.0GHz');
    expect(await cpu('b-1')).toBe('Other CPU @ 2.0GHz');
  });

  it('exports runs exactly as they were imported: samples bit for bit, telemetry, warnings', async () => {
    const file = await s.api.call('reports.create', { runIds: ['a-1', 'a-2', 'b-1'], format: 'bundle' });
    expect(file).toMatchObject({ fileName: 'dyno-3-runs.dyno', mimeType: 'application/json' });
    const out = parseBundle(JSON.parse(file.content), file.fileName);
    const original = parseBundle(JSON.parse(bundleA), 'a').runs.concat(parseBundle(JSON.parse(bundleB), 'b').runs);
    expect(out.runs).toEqual(original);
    expect(out.studies).toEqual([study]);
    expect(out.machine.hostname).not.toBe('host-a');
  });

  it('brings runs back from an HTML report with --embed-samples into another database, sample for sample', async () => {
    const report = await s.api.call('reports.create', { runIds: ['a-1', 'b-1'], format: 'html', embedSamples: true });
    expect(report.content).toContain('Data embedded: every sample (exact)');
    expect(await other.api.call('runs.import', { fileName: report.fileName, content: report.content })).toEqual({ format: 'dyno-report', added: ['a-1', 'b-1'], skipped: [], studiesAdded: 0 });
    const back = await other.api.call('reports.create', { runIds: ['a-1'], format: 'bundle' });
    expect(parseBundle(JSON.parse(back.content), 'back').runs[0]).toEqual(parseBundle(JSON.parse(bundleA), 'a').runs[0]);
  });

  it("brings back a default HTML report's runs as their exact summaries, saying their samples stayed home", async () => {
    {
      const report = await s.api.call('reports.create', { runIds: ['a-1', 'b-1'], format: 'html' });
      expect(report.content).toContain('Data embedded: the exact summary figures');
      expect((await third.api.call('runs.import', { fileName: report.fileName, content: report.content })).added).toEqual(['a-1', 'b-1']);
      const original = parseBundle(JSON.parse(bundleA), 'a').runs[0]!;
      const back = await third.api.call('runs.get', { runId: 'a-1' });
      expect(back.run).toEqual(original.run);
      expect(back.warnings.at(-1)).toMatchObject({ code: 'samples-not-embedded' });
      expect(back.warnings.at(-1)?.message).toMatch(/statistics but not its \d+ samples/);
      const exported = parseBundle(JSON.parse((await third.api.call('reports.create', { runIds: ['a-1'], format: 'bundle' })).content), 'back');
      expect(exported.runs[0]?.samples).toEqual([]);
      // Compared from their summaries, as run files are.
      const c = await third.api.call('runs.compare', { runIds: ['a-1', 'b-1'] });
      expect(c.runs[0]?.runId).toBe('b-1');
    }
  });

  it('stores nothing of a file that fails midway (one transaction)', async () => {
    const fresh = storedRun('completed, outputs checked', { seed: 4, count: 100, medianMs: 1, id: 'c-1' });
    const orphan = storedRun('completed, outputs checked', { seed: 5, count: 100, medianMs: 1, id: 'c-2', studyId: 'no-such-study' });
    const bad = JSON.stringify(toBundle([fresh, orphan], [], 'dyno@0.1.0', now, machine('c')));
    await expect(s.api.call('runs.import', { fileName: 'c.dyno', content: bad })).rejects.toThrow(
      'Nothing was imported from c.dyno: Run c-2 belongs to study no-such-study, which neither the file nor this database holds.',
    );
    await expect(s.api.call('runs.get', { runId: 'c-1' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('refuses a report cut short, a foreign file and a newer bundle with one sentence each, storing nothing', async () => {
    const report = await s.api.call('reports.create', { runIds: ['a-1'], format: 'html' });
    const before = (await other.api.call('runs.list', {})).length;
    const start = report.content.indexOf('id="dyno-bundle"');
    const cut = report.content.slice(0, start + Math.floor((report.content.indexOf('</script>', start) - start) / 2));
    await expect(other.api.call('runs.import', { fileName: 'r.html', content: cut })).rejects.toThrow('r.html ends inside its embedded runs: was it cut short? Nothing was imported.');
    await expect(other.api.call('runs.import', { fileName: 'notes.txt', content: 'hello' })).rejects.toThrow('notes.txt is not a file Dyno imports');
    const newer = bundleA.replace('"formatVersion":1', '"formatVersion":2');
    await expect(other.api.call('runs.import', { fileName: 'n.dyno', content: newer })).rejects.toThrow('n.dyno is bundle format 2, written by a newer Dyno; this one reads format 1: upgrade Dyno to import it.');
    expect((await other.api.call('runs.list', {})).length).toBe(before);
  });

  it('names a missing run or study when asked for a report', async () => {
    await expect(s.api.call('reports.create', { runIds: ['a-1', 'nope'], format: 'markdown' })).rejects.toEqual(new ApiCallError('No run with id nope.', 'not-found'));
    await expect(s.api.call('reports.create', { studyId: 'nope', format: 'csv' })).rejects.toMatchObject({ message: 'No study with id nope.', code: 'not-found' });
    const byStudy = await s.api.call('reports.create', { studyId: study.id, format: 'csv' });
    expect(byStudy.fileName).toBe('dyno-threads-1-vs-2.csv');
    expect(byStudy.content.split('\n')[1]).toMatch(/^a-2,/);
  });
});

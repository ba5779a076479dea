/**
 * The bin of deleted runs, on a real SQLite file through the API: a start of the studio purges
 * runs deleted longer ago than the user's setting (and nothing without one); "Empty bin" purges
 * every deleted run and no live one; purged runs take their samples and telemetry with them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import { createInProcessApi } from '../../src/main/studio/in-process-api';
import { toBundle } from '../../src/main/report/bundle-codec';
import type { DynoApi } from '../../src/shared/contract';
import { storedRun } from '../helpers/stored-runs';
import { tempHome } from '../helpers/temp-home';

const machine = { id: 'bin', hostname: 'bin', platform: 'linux-x64', cpuModel: 'CPU', logicalCores: 2, totalMemoryBytes: 8e9 };
const runs = ['old', 'recent', 'live'].map((id, i) => storedRun('completed, profiled', { seed: 40 + i, count: 200, medianMs: 1, id }));

let t: ReturnType<typeof tempHome> | undefined;
let handle: StudioHandle | undefined;
afterEach(() => {
  handle?.close();
  t?.cleanup();
});

function open(): DynoApi {
  handle?.close();
  handle = createStudio({ home: t!.home });
  return createInProcessApi(handle.studio);
}

/** Sets when a run was deleted, as if it had been deleted then. */
function deletedAt(id: string, iso: string): void {
  const db = new Database(join(t!.home, 'dyno.db'));
  db.prepare('UPDATE runs SET deleted_at = ? WHERE id = ?').run(iso, id);
  db.close();
}

function stored(table: 'runs' | 'sample_batches', column: 'id' | 'run_id'): string[] {
  const db = new Database(join(t!.home, 'dyno.db'), { readonly: true });
  const ids = (db.prepare(`SELECT DISTINCT ${column} AS id FROM ${table} ORDER BY 1`).all() as { id: string }[]).map((r) => r.id);
  db.close();
  return ids;
}

async function seeded(): Promise<DynoApi> {
  t = tempHome('dyno-bin-');
  const api = open();
  await api.call('runs.import', { fileName: 'b.dyno', content: JSON.stringify(toBundle(runs, [], 'dyno@test', new Date(), machine)) });
  await api.call('runs.delete', { runIds: ['old', 'recent'] });
  handle?.close();
  handle = undefined;
  const long = new Date(Date.now() - 40 * 86_400_000).toISOString();
  deletedAt('old', long);
  return open();
}

describe('the bin', () => {
  it('purges nothing at start without the setting, however old the deleted runs', async () => {
    const api = await seeded();
    expect(await api.call('bin.get', {})).toMatchObject({ runs: 2, purgeAfterDays: null });
    open();
    expect(stored('runs', 'id')).toEqual(['live', 'old', 'recent']);
    expect(handle?.notices.some((n) => n.includes('purged'))).toBe(false);
  });

  it('purges at start the runs deleted longer ago than the setting, with their samples, and says so', async () => {
    const api = await seeded();
    expect(await api.call('bin.setPurge', { purgeAfterDays: 30 })).toMatchObject({ runs: 2, purgeAfterDays: 30 });
    const reopened = open();
    expect(handle?.notices).toContain('1 run deleted more than 30 days ago was purged from the bin (its setting, in Sessions).');
    expect(stored('runs', 'id')).toEqual(['live', 'recent']);
    expect(stored('sample_batches', 'run_id')).toEqual(['live', 'recent']);
    expect(await reopened.call('bin.get', {})).toMatchObject({ runs: 1, purgeAfterDays: 30 });
    // The deleted run that stayed can still be restored.
    expect(await reopened.call('runs.restore', { runIds: ['recent'] })).toEqual({ restored: ['recent'] });
    expect(await reopened.call('bin.setPurge', { purgeAfterDays: null })).toMatchObject({ purgeAfterDays: null });
  });

  it('"Empty bin" purges every deleted run and no live one', async () => {
    const api = await seeded();
    expect(await api.call('bin.empty', {})).toEqual({ purged: 2 });
    expect(stored('runs', 'id')).toEqual(['live']);
    expect(stored('sample_batches', 'run_id')).toEqual(['live']);
    expect(await api.call('bin.get', {})).toEqual({ runs: 0, oldestDeletedAt: null, purgeAfterDays: null });
    await expect(api.call('bin.setPurge', { purgeAfterDays: 0 })).rejects.toThrow(/Invalid bin.setPurge request/);
  });
});

/**
 * Command runs in Sessions: a command has no session threads, batch or scenario of its own, so
 * the filters do not offer (or match) the defaults its stored config carries; a command that failed before
 * measuring says so in its merged cell. Real SQLite file, real repository.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../src/main/store/database';
import { RunsRepository } from '../../../src/main/store/runs-repository';
import { RunCatalog } from '../../../src/main/store/run-catalog';
import { RunSchema } from '../../../src/shared/run';
import { scenarioText } from '../../../src/renderer/src/sessions/run-columns';
import { seededRun } from '../../helpers/seed-runs';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

// A command that could not start: stored with the config defaults (0 threads, single-stream).
const failedCommand = () => {
  const model = seededRun(1);
  return RunSchema.parse({ id: 'cmd-1', status: 'failed', modelName: 'train.mjs', createdAt: model.createdAt, startedAt: model.createdAt, finishedAt: model.createdAt, config: { ...model.config, session: { intraOpThreads: 0 }, scenario: { kind: 'single-stream' }, command: { argv: ['node', 'train.mjs'] } }, error: 'Command not found: node' });
};

describe('command rows in Sessions', () => {
  it('the threads and scenario filters list only what model runs have', () => {
    dir = mkdtempSync(join(tmpdir(), 'dyno-facets-'));
    const { db } = openDatabase(join(dir, 'dyno.db'));
    try {
      const repo = new RunsRepository(db, 0, () => false);
      repo.save(seededRun(0)); // offline, 1 thread
      repo.save(failedCommand());
      const facets = new RunCatalog(db).facets();
      expect(facets.threads).toEqual([1]);
      expect(facets.scenarios).toEqual(['offline']);
      // The command is still a run of the store: its name is offered.
      expect(facets.models).toContain('train.mjs');
    } finally {
      db.close();
    }
  });

  it('the batch filter lists only model runs\' batches, and picking one keeps no command row', () => {
    dir = mkdtempSync(join(tmpdir(), 'dyno-facets-'));
    const { db } = openDatabase(join(dir, 'dyno.db'));
    try {
      const repo = new RunsRepository(db, 0, () => false);
      const model = seededRun(2);
      repo.save(model);
      const command = failedCommand();
      repo.save(command);
      // The command's config carries a default batch size the model run does not have.
      expect(command.config.batchSize).not.toBe(model.config.batchSize);
      const catalog = new RunCatalog(db);
      expect(catalog.facets().batches).toEqual([model.config.batchSize]);
      expect(catalog.ids({ batch: command.config.batchSize ?? 1 }, { by: 'createdAt', dir: 'desc' })).toEqual([]);
      expect(catalog.ids({ batch: model.config.batchSize ?? 1 }, { by: 'createdAt', dir: 'desc' })).toEqual([model.id]);
    } finally {
      db.close();
    }
  });

  it('a model run stored without a batch size (the studio\'s default) is offered and found as batch 1, as its row shows it', () => {
    dir = mkdtempSync(join(tmpdir(), 'dyno-facets-'));
    const { db } = openDatabase(join(dir, 'dyno.db'));
    try {
      const repo = new RunsRepository(db, 0, () => false);
      const seeded = seededRun(3);
      const { batchSize: _dropped, ...config } = seeded.config;
      const model = RunSchema.parse({ ...seeded, config });
      expect(model.config.batchSize).toBeUndefined();
      repo.save(model);
      repo.save(failedCommand());
      const catalog = new RunCatalog(db);
      expect(catalog.facets().batches).toEqual([1]);
      expect(catalog.ids({ batch: 1 }, { by: 'createdAt', dir: 'desc' })).toEqual([model.id]);
    } finally {
      db.close();
    }
  });

  it('a failed command row says "not measured", not a bare "runs"', () => {
    expect(scenarioText(failedCommand())).toBe('not measured');
  });
});

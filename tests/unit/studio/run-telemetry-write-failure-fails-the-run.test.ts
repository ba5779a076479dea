/**
 * Telemetry rows are written from the sampler's timer, where a throw would be an uncaught
 * exception in the host. A failed write is kept and thrown from stop(), so the queue's error
 * boundary fails the run with it (real sampler, real SQLite file whose write is made to fail).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../src/main/store/database';
import { RunsRepository } from '../../../src/main/store/runs-repository';
import { RunTelemetry } from '../../../src/main/studio/run-telemetry';
import { TelemetryConfigSchema } from '../../../src/shared/telemetry';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a telemetry write that fails on the sampler timer', () => {
  it('is not thrown on the timer, and fails stop() with its reason', async () => {
    dir = mkdtempSync(join(tmpdir(), 'dyno-telemetry-'));
    const { db } = openDatabase(join(dir, 'dyno.db'));
    const repo = new RunsRepository(db, process.pid, () => true);
    let writes = 0;
    repo.appendTelemetry = () => {
      writes++;
      throw new Error('SQLITE_FULL: database or disk is full');
    };
    const telemetry = new RunTelemetry(
      'r-1',
      TelemetryConfigSchema.parse({ enabled: true, intervalMs: 20, idleBaselineMs: 0 }),
      { rapl: { domains: [] }, gpu: async () => ({ available: false, gpus: [], reason: 'no GPU in this test' }) },
      repo,
      () => undefined,
      () => undefined,
    );
    await telemetry.start();
    // 10 samples make a write; wait for two writes' worth.
    await new Promise((r) => setTimeout(r, 600));
    await expect(telemetry.stop({ startMs: 0, endMs: 1, inferences: 1, device: { kind: 'cpu' } })).rejects.toThrow('SQLITE_FULL: database or disk is full');
    // After the first failure, no further writes were tried from the timer.
    expect(writes).toBe(1);
    db.close();
  });
});

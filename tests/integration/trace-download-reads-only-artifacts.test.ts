/**
 * `runs.trace` with a real profiled ORT run on a real SQLite file: the trace comes back as the
 * Chrome trace JSON ORT wrote; a deleted trace and an unprofiled run are one clear error each;
 * and a stored trace path outside the studio's artifacts folder (an imported run's, or a forged
 * one) is refused rather than read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import { traceHandler } from '../../src/main/studio/trace-handler';
import type { RunsRepository } from '../../src/main/store/runs-repository';
import { RunConfigSchema, type Run } from '../../src/shared/run';
import { CONV2D, tempHome } from '../helpers/temp-home';

let t: ReturnType<typeof tempHome>;
let handle: StudioHandle;
beforeAll(() => {
  t = tempHome();
  handle = createStudio({ home: t.home });
});
afterAll(() => {
  handle.close();
  t.cleanup();
});

const stop = { warmupIterations: 1, minIterations: 5, maxIterations: 5, minDurationMs: 0, maxDurationMs: 10_000 };

async function finished(profile: boolean): Promise<Run> {
  const { runId } = (await handle.studio.call('runs.start', { config: RunConfigSchema.parse({ modelPath: CONV2D, profile, stop }) })) as { runId: string };
  return handle.studio.queue.whenFinished(runId);
}

describe('runs.trace', () => {
  it("hands back the profiled run's trace as ORT wrote it, and says so when it is gone", async () => {
    const run = await finished(true);
    expect(run.status).toBe('completed');
    const file = (await handle.studio.call('runs.trace', { runId: run.id })) as { fileName: string; mimeType: string; content: string };
    expect(file.fileName).toMatch(/^profile-.*\.json$/);
    expect(file.mimeType).toBe('application/json');
    const events = JSON.parse(file.content) as { ph?: string; cat?: string; args?: { op_name?: string } }[];
    expect(events.some((e) => e.ph === 'X' && e.cat === 'Node' && e.args?.op_name === 'Conv')).toBe(true);

    rmSync(run.status === 'completed' ? run.results.profile!.traceFile : '', { force: true });
    await expect(handle.studio.call('runs.trace', { runId: run.id })).rejects.toThrow(/trace file is gone/);
  });

  it('an unprofiled run has no trace to give', async () => {
    const run = await finished(false);
    await expect(handle.studio.call('runs.trace', { runId: run.id })).rejects.toThrow(/was not profiled/);
    await expect(handle.studio.call('runs.trace', { runId: 'no-such-run' })).rejects.toThrow(/No run with id no-such-run/);
  });

  it("refuses a stored trace path outside the artifacts folder instead of reading the host's files", async () => {
    const run = await finished(true);
    if (run.status !== 'completed' || !run.results.profile) throw new Error('expected a profiled run');
    const artifacts = join(t.home, 'artifacts');
    for (const forged of ['/etc/passwd', join(artifacts, '..', 'dyno.db'), artifacts]) {
      const tampered = { ...run, results: { ...run.results, profile: { ...run.results.profile, traceFile: forged } } };
      // The store's own answer for this run, with only the trace path changed (as an imported bundle could carry it).
      const repo = { get: (id: string) => (id === run.id ? { run: tampered, warnings: [] } : undefined) } as unknown as RunsRepository;
      await expect(traceHandler(repo, artifacts)({ runId: run.id })).rejects.toThrow(/not in this studio's artifacts folder/);
    }
  });
});

import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { WarningSchema } from '../../../src/shared/warnings-schema';
import { configFor, queueFixture, type QueueFixture } from './queue-fixture';

let f: QueueFixture | undefined;
const storedCodes = (runId: string): string[] => (f?.repo.get(runId)?.warnings ?? []).map((w) => WarningSchema.parse(w).code);
afterEach(() => f?.cleanup());

describe('the conditions of a run', () => {
  it('record what its client drew, the cores and the threads, and warn when drawing shared every core', async () => {
    f = queueFixture(() => ({ kind: 'measure', iterations: 40, warmup: 3, perBatch: 7 }));
    const run = f.queue.enqueue(configFor('a'), { display: 'live-charts' });
    const done = await f.queue.whenFinished(run.id);
    if (done.status !== 'completed') throw new Error(`expected completed, got ${done.status}`);
    const c = done.results.conditions;
    expect(c).toMatchObject({ display: 'live-charts', machineCores: availableParallelism(), intraOpThreads: 2 });
    expect(c?.workerCores).toBeGreaterThanOrEqual(1);
    // The host's own cost over the window is always reported (this test process is the host).
    expect(c?.dynoProcesses?.host).toMatchObject({ pid: process.pid });
    expect(c?.dynoProcesses?.host.cpuPct).toBeGreaterThanOrEqual(0);
    expect(c?.dynoProcesses?.host.eventLoopPct).toBeGreaterThanOrEqual(0);
    // The fake executor reports 2 intra-op threads: on a machine of 2 cores or fewer that is every core.
    const codes = storedCodes(run.id);
    expect(codes.includes('drawn-on-all-cores') || codes.includes('threads-oversubscribed')).toBe(2 >= (c?.workerCores ?? 0));
  });

  it('say no display for a client that does not tell (the CLI, the API)', async () => {
    f = queueFixture(() => ({ kind: 'measure', iterations: 10, warmup: 0, perBatch: 5 }));
    const run = f.queue.enqueue(configFor('b'));
    const done = await f.queue.whenFinished(run.id);
    expect(done.status === 'completed' && done.results.conditions?.display).toBe('none');
    expect(storedCodes(run.id)).not.toContain('drawn-on-all-cores');
  });
});

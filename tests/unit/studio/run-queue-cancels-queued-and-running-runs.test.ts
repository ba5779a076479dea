import { afterEach, describe, expect, it } from 'vitest';
import { configFor, queueFixture, type QueueFixture } from './queue-fixture';
import { wallOf } from './fake-executor';

let f: QueueFixture | undefined;
afterEach(() => f?.cleanup());

const until = async (condition: () => boolean): Promise<void> => {
  while (!condition()) await new Promise((r) => setImmediate(r));
};

describe('cancelling runs', () => {
  it('aborts a queued run at once, without ever starting it', async () => {
    f = queueFixture((label) => (label === 'long' ? { kind: 'until-cancel', perBatch: 5 } : { kind: 'measure', iterations: 10 }));
    const long = f.queue.enqueue(configFor('long'));
    const queued = f.queue.enqueue(configFor('queued'));
    const after = f.queue.enqueue(configFor('after'));

    expect(f.queue.cancel(queued.id)).toBe(true);
    const cancelled = await f.queue.whenFinished(queued.id);
    if (cancelled.status !== 'aborted') throw new Error(`expected aborted, got ${cancelled.status}`);
    expect(cancelled.stats).toBeUndefined();
    expect(f.repo.get(queued.id)?.run.status).toBe('aborted');

    // The long run starts once its environment fingerprint is taken: cancel it while it runs.
    await until(() => f!.executor.started.includes(long.id));
    expect(f.queue.cancel(long.id)).toBe(true);
    await f.finishAll([long, after]);
    expect(f.executor.started).toEqual([long.id, after.id]);
    expect(f.queue.cancel(after.id)).toBe(false);
  });

  it('gives an aborted batch-8 run the same summary a completed one gets, throughput counting 8 per iteration', async () => {
    f = queueFixture(() => ({ kind: 'until-cancel', perBatch: 5, samplesPerIteration: 8 }));
    const run = f.queue.enqueue(configFor('batch8', { batchSize: 8 }));
    await until(() => f!.repo.samples(run.id).length >= 20);
    f.queue.cancel(run.id);
    const aborted = await f.queue.whenFinished(run.id);

    if (aborted.status !== 'aborted' || !aborted.stats || !aborted.results) throw new Error(`expected aborted with results, got ${JSON.stringify(aborted)}`);
    const n = aborted.stats.count;
    expect(n).toBeGreaterThanOrEqual(20);
    expect(n % 5).toBe(0);
    expect(aborted.stats.throughputPerS).toBeCloseTo((n * 8 * 1000) / wallOf(n), 9);
    expect(aborted.results.samplesPerIteration).toBe(8);
    expect(aborted.coldStart).toEqual({ sessionCreateMs: 12.5, firstRunMs: 30 });
    // 20-odd samples cannot support p99: the same warning a completed run of that size gets.
    const warnings = f.repo.get(run.id)?.warnings as { code: string }[];
    expect(warnings.map((w) => w.code)).toContain('percentile-unsupported');
    expect(f.repo.get(run.id)?.run).toEqual(aborted);
  });
});

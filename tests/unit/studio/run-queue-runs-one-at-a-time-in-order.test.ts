import { afterEach, describe, expect, it } from 'vitest';
import { configFor, queueFixture, type QueueFixture } from './queue-fixture';
import { latencyOf, wallOf } from './fake-executor';

let f: QueueFixture | undefined;
afterEach(() => f?.cleanup());

describe('the run queue', () => {
  it('runs benchmarks one at a time, in the order they were enqueued', async () => {
    f = queueFixture(() => ({ kind: 'measure', iterations: 40, warmup: 3, perBatch: 7 }));
    const runs = ['a', 'b', 'c'].map((label) => f!.queue.enqueue(configFor(label)));
    const finished = await f.finishAll(runs);

    expect(f.executor.started).toEqual(runs.map((r) => r.id));
    expect(f.executor.maxConcurrent).toBe(1);
    expect(finished.map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);
    expect(f.queue.busy).toBe(false);
    // Each run started only after the one before it had ended.
    const order = f.events.flatMap((e) => (e.type === 'run.updated' && e.run.status !== 'queued' ? [`${e.run.config.label}:${e.run.status}`] : []));
    expect(order).toEqual(['a:running', 'a:completed', 'b:running', 'b:completed', 'c:running', 'c:completed']);
  });

  it('stores every sample and summarises them with the executor figures', async () => {
    f = queueFixture(() => ({ kind: 'measure', iterations: 40, warmup: 3, perBatch: 7 }));
    const run = f.queue.enqueue(configFor('a'));
    const done = await f.queue.whenFinished(run.id);

    expect(f.repo.samples(run.id)).toHaveLength(43);
    const stored = f.repo.get(run.id);
    expect(stored?.run).toEqual(done);
    if (done.status !== 'completed') throw new Error(`expected completed, got ${done.status}`);
    expect(done.stats.count).toBe(40);
    const mean = Array.from({ length: 40 }, (_, i) => latencyOf(i)).reduce((a, b) => a + b) / 40;
    expect(done.stats.meanMs).toBeCloseTo(mean, 12);
    expect(done.stats.measuredWallMs).toBe(wallOf(40));
    expect(done.stats.throughputPerS).toBeCloseTo((40 * 1000) / wallOf(40), 9);
    expect(done.coldStart).toEqual({ sessionCreateMs: 12.5, firstRunMs: 30 });
    expect(done.results.intraOpThreads).toBe(2);
    expect(done.results.memory.peakRssBytes).toBe(64 * 1024 * 1024);
  });
});

/**
 * Waiting is only promised for runs this queue holds: a run another Dyno process owns in the same
 * database (or an id nobody queued here) is refused at once instead of waiting forever.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { configFor, queueFixture, type QueueFixture } from './queue-fixture';

let f: QueueFixture | undefined;
afterEach(() => f?.cleanup());

describe('waiting for a run', () => {
  it('is refused for a run stored as running by another process', async () => {
    f = queueFixture(() => ({ kind: 'measure', iterations: 5 }));
    const foreign = { id: 'foreign-1', status: 'running' as const, config: configFor('foreign'), modelName: 'foreign.onnx', createdAt: '2026-12-01T10:00:00.000Z', startedAt: '2026-12-01T10:00:01.000Z' };
    f.repo.save(foreign, []);
    await expect(f.queue.whenFinished('foreign-1')).rejects.toThrow('Run foreign-1 is not queued or running in this Dyno process (another process may own it).');
  });

  it('answers a queued run of its own once it ends, and an ended one at once', async () => {
    f = queueFixture(() => ({ kind: 'measure', iterations: 5 }));
    const run = f.queue.enqueue(configFor('own'));
    const ended = await f.queue.whenFinished(run.id);
    expect(ended.status).toBe('completed');
    expect((await f.queue.whenFinished(run.id)).status).toBe('completed');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { Run } from '../../../src/shared/run';
import { configFor, environmentOf, queueFixture, type QueueFixture } from './queue-fixture';

let f: QueueFixture | undefined;
afterEach(() => f?.cleanup());

function errorOf(run: Run | undefined): string {
  if (run?.status !== 'failed') throw new Error(`expected a failed run, got ${run?.status}`);
  return run.error;
}

const healthyAfter = (label: string | undefined) =>
  label === 'next' ? ({ kind: 'measure', iterations: 10 } as const) : undefined;

describe('a failure inside one run', () => {
  it('fails the run with the executor crash reason, and the next run still runs', async () => {
    f = queueFixture((label) => healthyAfter(label) ?? { kind: 'crash', iterations: 6, message: 'The benchmark worker was killed by SIGKILL before finishing.' });
    const [crashing, next] = [f.queue.enqueue(configFor('crash')), f.queue.enqueue(configFor('next'))];
    const [crashed, after] = await f.finishAll([crashing, next]);

    expect(errorOf(crashed)).toBe('The benchmark worker was killed by SIGKILL before finishing.');
    expect(f.repo.get(crashing.id)?.run.status).toBe('failed');
    expect(f.repo.samples(crashing.id)).toHaveLength(6);
    expect(after?.status).toBe('completed');
  });

  it('fails the run when the executor throws as it starts, and the next run still runs', async () => {
    f = queueFixture((label) => healthyAfter(label) ?? { kind: 'throw-on-start', message: 'spawn ENOENT' });
    const [broken, next] = [f.queue.enqueue(configFor('broken')), f.queue.enqueue(configFor('next'))];
    const [failed, after] = await f.finishAll([broken, next]);

    expect(errorOf(failed)).toBe('Dyno could not finish this run: spawn ENOENT');
    expect(errorOf(f.repo.get(broken.id)?.run)).toBe('Dyno could not finish this run: spawn ENOENT');
    expect(after?.status).toBe('completed');
  });

  it('fails the run when saving its result throws, wakes its waiters, and goes on', async () => {
    f = queueFixture((label) => healthyAfter(label) ?? { kind: 'measure', iterations: 10 });
    let refused = 0;
    f.failing('save', (run) => run.status === 'completed' && run.config.label === 'unlucky' && refused++ === 0, 'SQLITE_FULL: database or disk is full');
    const [unlucky, next] = [f.queue.enqueue(configFor('unlucky')), f.queue.enqueue(configFor('next'))];
    const [failed, after] = await f.finishAll([unlucky, next]);

    expect(errorOf(failed)).toBe('Dyno could not finish this run: SQLITE_FULL: database or disk is full');
    expect(errorOf(f.repo.get(unlucky.id)?.run)).toBe('Dyno could not finish this run: SQLITE_FULL: database or disk is full');
    expect(after?.status).toBe('completed');
    expect(f.queue.busy).toBe(false);
  });

  it('fails the run and stops its executor when storing a sample batch throws', async () => {
    f = queueFixture((label) => healthyAfter(label) ?? { kind: 'measure', iterations: 30, perBatch: 10 });
    f.failing('appendBatch', (_id, batch) => batch.firstI === 10, 'disk I/O error');
    const [unlucky, next] = [f.queue.enqueue(configFor('unlucky')), f.queue.enqueue(configFor('next'))];
    const [failed, after] = await f.finishAll([unlucky, next]);

    expect(errorOf(failed)).toBe("Dyno could not record the run's samples: disk I/O error");
    expect(f.repo.samples(unlucky.id)).toHaveLength(10);
    expect(after?.status).toBe('completed');
  });

  it('still answers the run as failed when the database is gone, instead of leaving it running', async () => {
    f = queueFixture(() => ({ kind: 'measure', iterations: 30, perBatch: 10 }));
    const fixture = f;
    fixture.failing('appendBatch', () => {
      fixture.closeDb();
      return false;
    }, 'unused');
    const run = fixture.queue.enqueue(configFor('orphaned'));
    const ended = await fixture.queue.whenFinished(run.id);

    // Recording the samples failed first; saving that failure then failed too, for the same reason.
    expect(errorOf(ended)).toBe('Dyno could not finish this run: The database connection is not open');
    expect(await fixture.queue.whenFinished(run.id)).toEqual(ended);
    expect(fixture.queue.busy).toBe(false);
    const updates = fixture.events.flatMap((e) => (e.type === 'run.updated' ? [e.run.status] : []));
    expect(updates.at(-1)).toBe('failed');
  });

  it('stops the executor it started when the host fails while the run is going', async () => {
    f = queueFixture((label) => healthyAfter(label) ?? { kind: 'until-cancel', perBatch: 5 }, {
      onEvent: (e) => {
        if (e.type === 'run.progress' && e.progress.phase === 'starting' && e.runId === first.id) throw new Error('the event listener broke');
      },
    });
    const first = f.queue.enqueue(configFor('doomed'));
    const next = f.queue.enqueue(configFor('next'));
    const [failed, after] = await f.finishAll([first, next]);

    expect(errorOf(failed)).toBe('Dyno could not finish this run: the event listener broke');
    expect(f.executor.killed).toEqual([first.id]);
    expect(after?.status).toBe('completed');
  });

  it('fails the run when the environment fingerprint cannot be taken, and goes on', async () => {
    let calls = 0;
    f = queueFixture(() => ({ kind: 'measure', iterations: 10 }), {
      environment: () => (calls++ === 0 ? Promise.reject(new Error('systeminformation timed out')) : environmentOf()),
    });
    const [first, next] = [f.queue.enqueue(configFor('a')), f.queue.enqueue(configFor('b'))];
    const [failed, after] = await f.finishAll([first, next]);

    expect(errorOf(failed)).toBe('Dyno could not finish this run: systeminformation timed out');
    expect(after?.status).toBe('completed');
  });
});

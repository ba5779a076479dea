/**
 * Issue 15, promise 2: `kill -9` of the host in the middle of a run, the CLI's and `dyno serve`'s,
 * several times over one database: at the next start the run is `interrupted` with the samples
 * written up to its last batch, the database passes integrity_check, and the next run works.
 * Prints "kills survived: x/y".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { createStudio } from '../../src/main/studio/create-studio';
import { createInProcessApi } from '../../src/main/studio/in-process-api';
import { startServe } from '../helpers/serve-process';
import { CONV2D, SQUEEZENET, tempHome } from '../helpers/temp-home';

const KILLS = 3;
let t: ReturnType<typeof tempHome>;
beforeAll(() => (t = tempHome('dyno-kill9-')));
afterAll(() => t.cleanup());

const dbFile = () => join(t.home, 'dyno.db');

/** The running run's id and how many sample batches it has stored, read beside the host. */
function running(): { id: string; batches: number } | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(dbFile(), { readonly: true, fileMustExist: true });
    const row = db.prepare("SELECT id FROM runs WHERE status = 'running'").get() as { id: string } | undefined;
    if (!row) return undefined;
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM sample_batches WHERE run_id = ?').get(row.id) as { n: number };
    return { id: row.id, batches: n };
  } catch {
    return undefined; // not created yet
  } finally {
    db?.close();
  }
}

async function untilBatches(min: number): Promise<{ id: string; batches: number }> {
  const end = Date.now() + 60_000;
  for (;;) {
    const r = running();
    if (r && r.batches >= min) return r;
    if (Date.now() > end) throw new Error('no running run with stored samples within 60 s');
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** SIGKILL to the host's whole process group: the host dies with no chance to write anything. */
async function kill9(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) throw new Error('no pid');
  process.kill(-child.pid, 'SIGKILL');
  if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
}

/** What the next start finds: the killed run's status and samples, and whether the file is sound. */
async function restartAndCheck(killed: { id: string; batches: number }): Promise<string | undefined> {
  const handle = createStudio({ home: t.home });
  try {
    const api = createInProcessApi(handle.studio);
    const { run } = await api.call('runs.get', { runId: killed.id });
    if (run.status !== 'interrupted') return `${killed.id} is ${run.status}, not interrupted`;
    const series = await api.call('runs.series', { runId: killed.id, maxPoints: 200_000 });
    if (series.totalPoints === 0) return `${killed.id} kept no samples`;
    if (!handle.notices.some((n) => /interrupted/.test(n))) return 'no notice of the interrupted run';
    const db = new Database(dbFile(), { readonly: true });
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM sample_batches WHERE run_id = ?').get(killed.id) as { n: number };
    const integrity = db.pragma('integrity_check', { simple: true });
    db.close();
    if (integrity !== 'ok') return `integrity_check: ${String(integrity)}`;
    if (n < killed.batches) return `${n} batches kept of the ${killed.batches} seen stored before the kill`;
    return undefined;
  } finally {
    handle.close();
  }
}

describe('kill -9 of the host mid-run', () => {
  it(`${KILLS} CLI kills and one dyno serve kill: each run interrupted with its samples, the file sound, the next run fine`, async () => {
    const failures: string[] = [];
    for (let k = 0; k < KILLS; k++) {
      const child = spawn(process.execPath, [resolve('bin/dyno.js'), 'bench', SQUEEZENET, '--min-duration', '60', '--max-duration', '60'], {
        env: { ...process.env, DYNO_HOME: t.home },
        stdio: 'ignore',
        detached: true,
      });
      const seen = await untilBatches(2 + k);
      await kill9(child);
      const why = await restartAndCheck(seen);
      if (why) failures.push(`CLI kill ${k + 1}: ${why}`);
    }

    const serve = await startServe(t.home);
    // The host alone is killed, its worker left orphaned, as when the host crashes.
    const ws = new WebSocket(`${serve.origin.replace('http', 'ws')}/api?token=${serve.token}`);
    await once(ws, 'open');
    ws.send(JSON.stringify({ id: 1, method: 'runs.start', params: { config: { modelPath: SQUEEZENET, stop: { warmupIterations: 2, minIterations: 10, maxIterations: 1e6, minDurationMs: 60_000, maxDurationMs: 60_000 } } } }));
    const seen = await untilBatches(2);
    ws.terminate();
    serve.child.kill('SIGKILL');
    await once(serve.child, 'exit');
    const why = await restartAndCheck(seen);
    if (why) failures.push(`dyno serve kill: ${why}`);

    const total = KILLS + 1;
    process.stdout.write(`kills survived: ${total - failures.length}/${total}\n`);
    expect(failures).toEqual([]);

    // The next run works on the same file.
    const handle = createStudio({ home: t.home });
    try {
      const api = createInProcessApi(handle.studio);
      const { runId } = await api.call('runs.start', { config: { modelPath: CONV2D, stop: { warmupIterations: 1, minIterations: 20, maxIterations: 20, minDurationMs: 0, maxDurationMs: 30_000 } } });
      expect((await api.call('runs.wait', { runId })).run.status).toBe('completed');
    } finally {
      handle.close();
    }
  }, 400_000);
});

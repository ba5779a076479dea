/**
 * Issue 15, promise 7: the CLI and `dyno serve` use one database at once (WAL, busy timeout).
 * A running `dyno serve` and several `dyno bench` processes started together all write their
 * runs (samples in batches while they measure) into the same file: none sees SQLITE_BUSY or
 * fails, every run is stored whole, the file passes integrity_check, and the runs started from
 * terminals appear in the open studio.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { startServe, type ServeProcess } from '../helpers/serve-process';
import { CONV2D, SQUEEZENET, tempHome } from '../helpers/temp-home';

const exec = promisify(execFile);
const WRITERS = 4;
let t: ReturnType<typeof tempHome>;
let serve: ServeProcess;

beforeAll(async () => {
  t = tempHome('dyno-writers-');
  serve = await startServe(t.home);
});
afterAll(async () => {
  await serve.stop();
  t.cleanup();
});

/** One call to the running `dyno serve`, on a socket of its own. */
function call<T>(method: string, params: unknown): Promise<T> {
  return new Promise((resolveCall, reject) => {
    const ws = new WebSocket(`${serve.origin.replace('http', 'ws')}/api?token=${serve.token}`);
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method, params })));
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { kind: string; id?: number; result?: T; error?: { message: string } };
      if (m.id !== 1) return;
      ws.close();
      if (m.kind === 'result') resolveCall(m.result as T);
      else reject(new Error(m.error?.message));
    });
    ws.on('error', reject);
  });
}

describe('one database, several writers', () => {
  it(`dyno serve open and ${WRITERS} dyno bench processes at once: no SQLITE_BUSY, every run stored`, async () => {
    const started = Date.now();
    const benches = Array.from({ length: WRITERS }, (_, i) =>
      exec(process.execPath, [resolve('bin/dyno.js'), 'bench', i % 2 ? SQUEEZENET : CONV2D, '--min-iterations', '50', '--min-duration', '1.5', '--json'], {
        env: { ...process.env, DYNO_HOME: t.home },
        timeout: 240_000,
        maxBuffer: 64 * 1024 * 1024,
      }).then(
        (r) => ({ ok: true, stdout: r.stdout, stderr: r.stderr }),
        (err: { stdout?: string; stderr?: string; message: string }) => ({ ok: false, stdout: err.stdout ?? '', stderr: err.stderr ?? err.message }),
      ),
    );
    // The studio writes too, at the same time: a run started from the browser.
    const fromStudio = call<{ runId: string }>('runs.start', { config: { modelPath: CONV2D, stop: { warmupIterations: 10, minIterations: 50, maxIterations: 100_000, minDurationMs: 1500, maxDurationMs: 120_000 } } }).then(({ runId }) =>
      call<{ run: { id: string; status: string } }>('runs.wait', { runId }),
    );
    const results = await Promise.all(benches);
    const studioRun = (await fromStudio).run;
    expect(studioRun.status).toBe('completed');
    for (const r of results) {
      expect(r.stderr).not.toMatch(/SQLITE_BUSY|database is locked/i);
      expect(r.ok, r.stderr).toBe(true);
    }
    const ids = results.map((r) => (JSON.parse(r.stdout) as { run: { id: string } }).run.id);
    expect(new Set(ids).size).toBe(WRITERS);
    process.stdout.write(`several writers: ${WRITERS} CLI runs + 1 dyno serve run on one database in ${((Date.now() - started) / 1000).toFixed(1)} s, 0 busy errors\n`);

    // The open studio sees every run started from a terminal, completed.
    const listed = await call<{ id: string; status: string }[]>('runs.list', {});
    expect(listed).toHaveLength(WRITERS + 1);
    for (const id of ids) expect(listed.find((r) => r.id === id)?.status).toBe('completed');

    const db = new Database(join(t.home, 'dyno.db'), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const id of [...ids, studioRun.id]) {
        const batches = db.prepare('SELECT COUNT(*) AS n FROM sample_batches WHERE run_id = ?').get(id) as { n: number };
        expect(batches.n).toBeGreaterThan(0);
      }
    } finally {
      db.close();
    }
  }, 300_000);
});

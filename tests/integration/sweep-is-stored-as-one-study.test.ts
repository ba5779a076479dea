/**
 * `dyno sweep`, run as a user runs it (the built CLI in its own process, a real model, a real
 * SQLite file): the sweep becomes one `sweep` study holding its grid and every point's run, and
 * the CLI prints the study's id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { CONV2D, tempHome } from '../helpers/temp-home';

const exec = promisify(execFile);
let t: ReturnType<typeof tempHome>;
beforeAll(() => (t = tempHome()));
afterAll(() => t.cleanup());

const dyno = (...args: string[]) => exec(process.execPath, [resolve('bin/dyno.js'), ...args], { env: { ...process.env, DYNO_HOME: t.home } });

function stored(studyId: string): { study: unknown; runs: unknown[] } {
  const db = new Database(join(t.home, 'dyno.db'), { readonly: true });
  const study: unknown = db.prepare('SELECT kind, name, spec_json FROM studies WHERE id = ?').get(studyId);
  const runs = db.prepare('SELECT id, status FROM runs WHERE study_id = ? ORDER BY created_at').all(studyId);
  db.close();
  return { study, runs };
}

function studyCount(): number {
  if (!existsSync(join(t.home, 'dyno.db'))) return 0;
  const db = new Database(join(t.home, 'dyno.db'), { readonly: true });
  const { n } = db.prepare('SELECT COUNT(*) AS n FROM studies').get() as { n: number };
  db.close();
  return n;
}

describe('dyno sweep', () => {
  it('stores the sweep as one study with its grid and all its runs (--json)', async () => {
    const { stdout } = await dyno('sweep', CONV2D, '--thread-counts', '1,2', '--iterations', '5', '--warmup', '1', '--label', 'threads on conv2d', '--json');
    const out = JSON.parse(stdout) as { studyId: string; points: { runId: string; threads: number; status: string }[]; fits: { threads: unknown } };
    expect(out.studyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.points.map((p) => [p.threads, p.status])).toEqual([
      [1, 'completed'],
      [2, 'completed'],
    ]);
    expect(out.fits).toHaveProperty('threads');
    expect(stored(out.studyId)).toEqual({
      study: { kind: 'sweep', name: 'threads on conv2d', spec_json: JSON.stringify({ model: CONV2D, grid: { batchSize: [1], threads: [1, 2] } }) },
      runs: out.points.map((p) => ({ id: p.runId, status: 'completed' })),
    });
  });

  it('prints the study id in its table', async () => {
    const { stdout, stderr } = await dyno('sweep', CONV2D, '--thread-counts', '1,2', '--iterations', '5', '--warmup', '1');
    const id = /^study ([0-9a-f-]{36})$/m.exec(stdout)?.[1];
    expect(id).toBeDefined();
    expect(stderr).toContain(`study ${id}: 2 points`);
    const runIds = [...stdout.matchAll(/ (\d{14}-[0-9a-z]+)$/gm)].map((m) => m[1]);
    expect(runIds).toHaveLength(2);
    expect(stored(id!).runs).toEqual(runIds.map((runId) => ({ id: runId, status: 'completed' })));
  });

  it("checks every point before storing anything, as the studio's sweep does: a grid that cannot run leaves no study", async () => {
    const before = studyCount();
    // CONV2D's input is fixed at [2, 3, 7, 5]: batch 1 runs, batch 2 cannot.
    const r = await dyno('sweep', CONV2D, '--batches', '1,2', '--iterations', '3', '--warmup', '1').then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['dyno: Batch size 2 cannot apply: no input has a dynamic leading dimension (0 [2, 3, 7, 5]). Re-export the model with a dynamic batch axis.']);
    expect(studyCount()).toBe(before);
  });

  it('on Ctrl+C cancels the point being measured, runs no more, and exits 130', async () => {
    const child = spawn(process.execPath, [resolve('bin/dyno.js'), 'sweep', CONV2D, '--thread-counts', '1,2', '--min-duration', '60', '--json'], {
      env: { ...process.env, DYNO_HOME: t.home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = once(child, 'exit');
    const db = join(t.home, 'dyno.db');
    // Press Ctrl+C once the first point has measured samples in the database.
    const measuring = (): boolean => {
      if (!existsSync(db)) return false;
      const d = new Database(db, { readonly: true });
      try {
        const row = d.prepare("SELECT SUM(b.count) AS n FROM runs r JOIN sample_batches b ON b.run_id = r.id WHERE r.status = 'running'").get() as { n: number | null };
        return (row.n ?? 0) > 20;
      } finally {
        d.close();
      }
    };
    for (let i = 0; i < 300 && !measuring(); i++) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(130);
    const out = JSON.parse(stdout) as { studyId: string; points: { threads: number; status: string }[] };
    expect(out.points.map((p) => [p.threads, p.status])).toEqual([[1, 'aborted']]);
    expect(stored(out.studyId).runs).toEqual([{ id: expect.any(String), status: 'aborted' }]);
  }, 90_000);
});

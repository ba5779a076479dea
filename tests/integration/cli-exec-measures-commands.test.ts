/**
 * `dyno exec` as a user runs it (the built CLI) on real programs: the example training script,
 * a failing one, one that floods its output, and a process tree that never ends by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tempHome } from '../helpers/temp-home';
import { isAlive } from '../helpers/process-alive';

const run = promisify(execFile);
let t: ReturnType<typeof tempHome>;
beforeAll(() => (t = tempHome()));
afterAll(() => t.cleanup());

const TRAIN = resolve('examples/train-logistic.mjs');
const FIXTURES = resolve('tests/fixtures/commands');
const node = process.execPath;

async function dyno(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(node, [resolve('bin/dyno.js'), ...args], { env: { ...process.env, DYNO_HOME: t.home }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The pids a spawn-tree.mjs run wrote, once all three have started. */
async function treePids(file: string): Promise<number[]> {
  for (let i = 0; i < 200; i++) {
    const pids = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : [];
    if (pids.length >= 3) return pids;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the tree never wrote its three pids to ${file}`);
}

async function gone(pids: number[]): Promise<boolean> {
  // SIGKILLed processes are reaped by their parent or init a moment later.
  for (let i = 0; i < 40 && pids.some(isAlive); i++) await new Promise((r) => setTimeout(r, 50));
  return !pids.some(isAlive);
}

describe('dyno exec', () => {
  it('measures a real training script: runs, CPU time, peak memory, metrics with their spread, time to target', async () => {
    const r = await dyno('exec', '--runs', '3', '--warmup', '1', '--min-duration', '0', '--metric', 'acc=acc=([0-9.]+)', '--target', 'accuracy>=0.9', '--json', '--', node, TRAIN, '--epochs', '2', '--samples', '4000');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.run).toMatchObject({ status: 'completed', modelName: `node ${TRAIN} --epochs 2 --samples 4000` });
    expect(out.config.command.argv).toEqual([node, TRAIN, '--epochs', '2', '--samples', '4000']);
    expect(out.stats.count).toBe(3);
    const c = out.command;
    expect(c.runs.map((x: { phase: string }) => x.phase)).toEqual(['warmup', 'measure', 'measure', 'measure']);
    for (const x of c.runs) {
      expect(x.exitCode).toBe(0);
      // A real CPU-bound run: user time is most of a few hundred ms; the tree is at least Node's own footprint.
      expect(x.user_ms).toBeGreaterThan(50);
      expect(x.sys_ms).toBeGreaterThanOrEqual(0);
      expect(x.user_ms + x.sys_ms).toBeLessThan(x.wall_ms * 3);
      expect(x.peakRss_bytes).toBeGreaterThan(20 * 1024 * 1024);
      expect(x.metrics.accuracy).toBeGreaterThan(0.85);
      expect(x.metrics.acc).toBeCloseTo(x.metrics.accuracy, 3);
      expect(x.target_s['accuracy>=0.9']).toBeGreaterThan(0);
      expect(x.target_s['accuracy>=0.9']).toBeLessThan(x.wall_ms / 1000);
    }
    const accuracy = c.metrics.find((m: { name: string }) => m.name === 'accuracy');
    // Seeded data and SGD: every run learns the same weights.
    expect(accuracy.final).toMatchObject({ n: 3, std: 0 });
    expect(c.targets).toEqual([expect.objectContaining({ target: 'accuracy>=0.9', reached: 3, runs: 3 })]);
    expect(c.cpu.user_ms.n).toBe(3);
    expect(out.memory.peakRss_bytes).toBe(Math.max(...c.runs.map((x: { peakRss_bytes: number }) => x.peakRss_bytes)));
    expect(c.stdoutTail).toMatch(/done: acc=0\.\d+/);

    const db = new Database(join(t.home, 'dyno.db'), { readonly: true });
    const samples = db.prepare('SELECT SUM(count) AS n FROM sample_batches WHERE run_id = ?').get(out.run.id);
    db.close();
    expect(samples).toEqual({ n: 4 });
  });

  it('prints a readable summary, and warns about a metric pattern that never matched, by name', async () => {
    const r = await dyno('exec', '-r', '2', '--min-duration', '0', '--metric', 'f1=f1=([0-9.]+)', '--', `${node} ${TRAIN} --epochs 1 --samples 2000`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 runs/);
    expect(r.stdout).toMatch(/wall\s+[\d.]+ (ms|s) ±/);
    expect(r.stdout).toMatch(/accuracy\s+0\.\d+ ± 0/);
    expect(r.stdout).toMatch(/warning: Metric f1: no line of the output matched it/);
  });

  it('keeps a failing command as a failed run with its exit code and stderr tail', async () => {
    const r = await dyno('exec', '-r', '2', '--', node, join(FIXTURES, 'fail.mjs'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^ {2}\| ValueError: batch size 0 is not allowed$/m);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^dyno: `.*fail\.mjs` exited with code 3 on run 1: ValueError: batch size 0 is not allowed; its last output is quoted above$/);
    const j = await dyno('exec', '-r', '2', '--json', '--', node, join(FIXTURES, 'fail.mjs'));
    const out = JSON.parse(j.stdout);
    expect(out.run.status).toBe('failed');
    expect(out.run.error).toMatch(/exited with code 3[\s\S]*ValueError: batch size 0/);
  });

  it('says a failing command printed nothing rather than trailing off', async () => {
    const r = await dyno('exec', '-r', '1', '--min-duration', '0', '--no-telemetry', '--', node, '-e', 'process.exit(4)');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^dyno: `.*` exited with code 4 on run 1; it printed nothing\n$/);
  });

  it('refuses a command that does not exist, and a placeholder without a value, in one line before anything runs', async () => {
    const missing = await dyno('exec', '--', 'no-such-program-dyno', '--x');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('dyno: Command not found: no-such-program-dyno (not on the PATH).\n');
    const placeholder = await dyno('exec', '--param', 'batch=1,2', '--', node, TRAIN, '--batch', '{batch}', '--lr', '{lr}');
    expect(placeholder.code).toBe(1);
    expect(placeholder.stderr).toBe('dyno: The command uses {lr} but no --param gives it a value (e.g. --param lr=1,2).\n');
  });

  it('stops the whole process tree of a run that hangs past --timeout', async () => {
    const pidFile = join(t.home, 'timeout-pids');
    const pending = dyno('exec', '-r', '1', '--timeout', '6', '--', node, join(FIXTURES, 'spawn-tree.mjs'), pidFile);
    const pids = await treePids(pidFile);
    const r = await pending;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/timed out after 6\.0 s on run 1 \(--timeout\); its whole process tree was stopped/);
    expect(await gone(pids)).toBe(true);
  });

  it('Ctrl+C stops the run and its whole tree, keeps the run as aborted, and exits 130', async () => {
    const pidFile = join(t.home, 'cancel-pids');
    const child = spawn(node, [resolve('bin/dyno.js'), 'exec', '-r', '1', '--', node, join(FIXTURES, 'spawn-tree.mjs'), pidFile], { env: { ...process.env, DYNO_HOME: t.home } });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const pids = await treePids(pidFile);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(await gone(pids)).toBe(true);
    const id = /^run (\S+)$/m.exec(stdout)?.[1];
    const db = new Database(join(t.home, 'dyno.db'), { readonly: true });
    const row = db.prepare('SELECT status FROM runs ORDER BY created_at DESC LIMIT 1').get() as { status: string };
    db.close();
    expect(row.status).toBe('aborted');
    expect(id === undefined || id.length > 0).toBe(true);
  });

  it.each(['SIGTERM', 'SIGHUP'] as const)('%s (kill, a closed terminal) stops the whole tree too, as Ctrl+C does, instead of leaving it running', async (signal) => {
    const pidFile = join(t.home, `${signal}-pids`);
    const child = spawn(node, [resolve('bin/dyno.js'), 'exec', '-r', '1', '--', node, join(FIXTURES, 'spawn-tree.mjs'), pidFile], { env: { ...process.env, DYNO_HOME: t.home } });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const pids = await treePids(pidFile);
    child.kill(signal);
    try {
      expect(await exited).toBe(130);
      expect(await gone(pids)).toBe(true);
    } finally {
      // A failure must not leave the tree behind on the machine (the group leader is the first pid).
      const leader = pids[0];
      if (leader !== undefined && leader > 1 && pids.some(isAlive)) process.kill(-leader, 'SIGKILL');
    }
  });

  it('keeps memory bounded when a program floods its output', async () => {
    const r = await dyno('exec', '-r', '1', '--min-duration', '0', '--json', '--', node, join(FIXTURES, 'flood.mjs'), '40');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.command.stdoutTail.length).toBeLessThanOrEqual(16 * 1024);
    expect(out.command.stdoutTail).toMatch(/\{"dyno":\{"lines":40960\}\}\n$/);
    expect(out.command.runs[0].metrics).toEqual({ lines: 40960 });
  });

  it('--param runs every combination as one study, with a scaling fit along the numeric parameter', async () => {
    const r = await dyno('exec', '-r', '1', '--min-duration', '0', '--param', 'epochs=1,4', '--param', 'lr=0.1,0.5', '--json', '--', node, TRAIN, '--samples', '2000', '--epochs', '{epochs}', '--lr', '{lr}');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.points.map((p: { params: object }) => p.params)).toEqual([
      { epochs: '1', lr: '0.1' },
      { epochs: '1', lr: '0.5' },
      { epochs: '4', lr: '0.1' },
      { epochs: '4', lr: '0.5' },
    ]);
    expect(Object.keys(out.fits)).toEqual(['epochs', 'lr']);
    expect(out.fits.epochs.points).toBe(2);
    const db = new Database(join(t.home, 'dyno.db'), { readonly: true });
    const study = db.prepare('SELECT kind, (SELECT COUNT(*) FROM runs WHERE study_id = studies.id) AS n FROM studies WHERE id = ?').get(out.studyId);
    const configs = db.prepare('SELECT config_json FROM runs WHERE study_id = ?').all(out.studyId) as { config_json: string }[];
    db.close();
    expect(study).toEqual({ kind: 'parameter-scan', n: 4 });
    expect(configs.map((c) => JSON.parse(c.config_json).command.argv.slice(-4).join(' ')).sort()).toEqual(['--epochs 1 --lr 0.1', '--epochs 1 --lr 0.5', '--epochs 4 --lr 0.1', '--epochs 4 --lr 0.5']);
  });
});

/**
 * Issue 15, promise 3: every hostile or broken input in the corpus (tests/helpers/hostile-inputs.ts
 * and tests/fixtures/hostile/) is refused by the real built CLI (`npx electron-vite build` first)
 * with one line on stderr that says why, no stack trace, the error exit code, and a run stored
 * before it still there afterwards; the model files and imports also go through the studio's API
 * (the contract every front end speaks), which must answer one-line errors and keep serving.
 * Prints "hostile inputs handled: x/y".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { EXIT_ERROR, EXIT_OK } from '../../src/main/cli/exit-codes';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import { createInProcessApi } from '../../src/main/studio/in-process-api';
import { ApiCallError } from '../../src/shared/contract';
import { hostileCases, type HostileCase } from '../helpers/hostile-inputs';
import { seedRuns } from '../helpers/seed-runs';
import { tempHome } from '../helpers/temp-home';

const exec = promisify(execFile);
const DYNO = resolve('bin/dyno.js');
const SEEDED = 'seed-00000';
const COMMAND_STOP = { warmupIterations: 0, minIterations: 1, maxIterations: 1, minDurationMs: 0, maxDurationMs: 10_000 };

let t: ReturnType<typeof tempHome>;
let home: string;
let cases: HostileCase[];

beforeAll(() => {
  t = tempHome('dyno-hostile-');
  home = join(t.home, 'home');
  mkdirSync(home);
  seedRuns(join(home, 'dyno.db'), 1);
  const corpus = join(t.home, 'corpus');
  mkdirSync(corpus);
  cases = hostileCases(corpus);
});

afterAll(() => {
  const readOnly = join(t.home, 'corpus', 'home-read-only');
  if (existsSync(readOnly)) chmodSync(readOnly, 0o700);
  t.cleanup();
});

async function dyno(c: HostileCase): Promise<{ code: number; stderr: string }> {
  const env = { ...process.env, DYNO_HOME: c.home ?? home };
  const [cmd, args] =
    c.fileSizeLimitBlocks === undefined
      ? [process.execPath, [DYNO, ...c.args]]
      : ['sh', ['-c', `trap '' XFSZ; ulimit -f ${c.fileSizeLimitBlocks}; exec "$@"`, 'sh', process.execPath, DYNO, ...c.args]];
  try {
    const { stderr } = await exec(cmd, args, { env, timeout: 90_000 });
    return { code: 0, stderr };
  } catch (err) {
    const e = err as { code: number | string; stderr: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stderr: e.stderr };
  }
}

function hasRow(dbFile: string, table: 'runs' | 'studies', id: string): boolean {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id) !== undefined;
  } finally {
    db.close();
  }
}
const hasRun = (dbFile: string, id: string): boolean => hasRow(dbFile, 'runs', id);

/** Why a case was not handled, or undefined when it was. */
async function judge(c: HostileCase): Promise<string | undefined> {
  const before = c.home && !c.keeps && existsSync(join(c.home, 'dyno.db')) ? readFileSync(join(c.home, 'dyno.db')) : undefined;
  const { code, stderr } = await dyno(c);
  const lines = stderr.trim().split('\n');
  const wanted = c.goesOn ? EXIT_OK : EXIT_ERROR;
  if (code !== wanted) return `exit ${code}, not ${wanted}: ${stderr.trim()}`;
  if (/^\s+at /m.test(stderr)) return `a stack trace: ${stderr}`;
  // A run that goes on may have nothing to say (a command flooding its output is just measured).
  const quiet = c.goesOn && stderr.trim() === '';
  if (!quiet && (lines.length !== 1 || !lines[0]?.startsWith('dyno: '))) return `not one "dyno: " line: ${JSON.stringify(stderr)}`;
  if (!quiet && !c.says.test(lines[0] ?? '')) return `the line does not say ${c.says}: ${lines[0]}`;
  // Nothing stored is lost: the shared home keeps its run; an own home's database is either
  // left byte for byte (refused) or, when damaged, kept aside byte for byte.
  if ((!c.home || c.keeps) && !hasRun(join(c.home ?? home, 'dyno.db'), SEEDED)) return 'the stored run is gone';
  if (c.keeps?.study !== undefined && !hasRow(join(c.home ?? home, 'dyno.db'), 'studies', c.keeps.study)) return `study ${c.keeps.study} is gone`;
  if (c.home && before) {
    const kept = c.goesOn ? readdirSync(c.home).find((f) => f.startsWith('dyno.db.damaged-') && !/-(wal|shm)$/.test(f)) : 'dyno.db';
    if (!kept) return 'the damaged database was not kept aside';
    if (!readFileSync(join(c.home, kept)).equals(before)) return `${kept} was changed`;
    if (c.fileSizeLimitBlocks !== undefined && !hasRun(join(c.home, 'dyno.db'), SEEDED)) return 'the stored run is gone';
  }
  return undefined;
}

describe('hostile and broken inputs', () => {
  it('each gives one line and the error exit code through the CLI, and nothing stored is lost', async () => {
    const categories = new Set(cases.map((c) => c.category));
    expect([...categories].sort()).toEqual(['DYNO_HOME', 'command workload', 'flags', 'import', 'inputs folder', 'model file', 'optimizer']);
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const failures: string[] = [];
    // Two at a time: most of each case is Node and ONNX Runtime starting up.
    const queue = [...cases];
    const worker = async (): Promise<void> => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const why = await judge(c);
        if (why) failures.push(`[${c.category}] ${c.name}: ${why}`);
      }
    };
    await Promise.all([worker(), worker()]);
    process.stdout.write(`hostile inputs handled: ${cases.length - failures.length}/${cases.length} (CLI)\n`);
    expect(failures).toEqual([]);
    const db = new Database(join(home, 'dyno.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 600_000);

  describe('through the API', () => {
    let studio: StudioHandle;
    beforeAll(() => {
      // Commands allowed, as `dyno serve --allow-commands`: the command cases must meet the checks, not the refusal.
      studio = createStudio({ home: join(t.home, 'api-home'), allowCommands: true });
    });
    afterAll(() => studio.close());

    it('model files and imports are refused with one line, and the studio keeps answering', async () => {
      const api = createInProcessApi(studio.studio);
      await api.call('runs.import', { fileName: 'two-runs.dyno', content: readFileSync('tests/fixtures/golden/two-runs.dyno', 'utf8') });
      const before = await api.call('runs.list', {});
      const viaApi = cases.filter((c) => c.modelPath !== undefined || c.importFile !== undefined || c.command !== undefined);
      const failures: string[] = [];
      for (const c of viaApi) {
        try {
          if (c.modelPath !== undefined) await api.call('models.inspect', { path: c.modelPath });
          else if (c.command !== undefined) await api.call('runs.start', { config: { modelPath: c.command.argv.join(' '), command: c.command, stop: COMMAND_STOP } });
          else if (c.importFile !== undefined) {
            const content = existsSync(c.importFile) && !readdirSafe(c.importFile) ? readFileSync(c.importFile, 'utf8') : '';
            await api.call('runs.import', { fileName: basename(c.importFile), content });
          }
          failures.push(`${c.name}: accepted`);
        } catch (err) {
          if (!(err instanceof ApiCallError)) failures.push(`${c.name}: not an ApiCallError: ${String(err)}`);
          else if (err.message.includes('\n')) failures.push(`${c.name}: more than one line: ${err.message}`);
        }
      }
      process.stdout.write(`hostile inputs handled: ${viaApi.length - failures.length}/${viaApi.length} (API)\n`);
      expect(failures).toEqual([]);
      expect(await api.call('runs.list', {})).toEqual(before);
      // Each model case starts a worker: seconds apiece on a loaded 2-core machine.
    }, 300_000);
  });
});

/** Whether a path is a folder (a folder "imported" through the API arrives as empty content). */
function readdirSafe(path: string): boolean {
  try {
    readdirSync(path);
    return true;
  } catch {
    return false;
  }
}

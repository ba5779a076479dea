/**
 * posix_spawn's edge cases (posix-spawn.ts, launch.ts), on real processes and files: a child
 * reaped by something else ends the run with a clear error (wait4's ECHILD looped once a second
 * for ever); a pipe2 that fails reports its errno and leaks no descriptor; relative PATH entries
 * are the run's working folder's, where the program starts (they were checked against Dyno's
 * folder, naming a program that then failed to start); and a file on the PATH that may not be
 * executed is "not executable" with its path, not "not found".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CommandWorkloadSchema, type CommandWorkloadInput } from '../../src/shared/command/workload';
import { metricLineReader } from '../../src/shared/command/metric-lines';
import { runEnv, runOnce, type OnceResult } from '../../src/main/executor/command/run-once';
import { reapChild } from '../../src/main/executor/command/posix-spawn';
import { lookPath } from '../../src/main/executor/command/look-path';
import { checkCommand } from '../../src/main/studio/check-command';

async function once(input: CommandWorkloadInput): Promise<OnceResult> {
  const w = CommandWorkloadSchema.parse(input);
  return runOnce({ workload: w, readLine: metricLineReader(w.metrics), onOutput: () => undefined, onMetric: () => undefined, sampleIntervalMs: 20, env: runEnv(w) }).result;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dyno-spawn-edges-'));
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'other'));
  writeFileSync(join(dir, 'bin', 'dyno-tool'), '#!/bin/sh\necho "tool in bin"\n', { mode: 0o755 });
  writeFileSync(join(dir, 'here-tool'), '#!/bin/sh\necho "tool here"\n', { mode: 0o755 });
  writeFileSync(join(dir, 'bin', 'dyno-plain'), '#!/bin/sh\necho never\n', { mode: 0o644 });
  // Not executable in `other`, executable in `bin`: the search goes on past the first, as execvp's does.
  writeFileSync(join(dir, 'other', 'dyno-tool'), '#!/bin/sh\necho wrong\n', { mode: 0o644 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const linux = process.platform === 'linux';

describe.runIf(linux)('a child reaped behind Dyno’s back', () => {
  it('ends the run with a clear error instead of waiting for ever', async () => {
    const w = CommandWorkloadSchema.parse({ argv: ['sh', '-c', 'echo out; exit 5'] });
    const h = runOnce({ workload: w, readLine: metricLineReader(w.metrics), onOutput: () => undefined, onMetric: () => undefined, sampleIntervalMs: 20, env: runEnv(w) });
    expect(h.pid).toBeGreaterThan(0);
    // Reaped here first, as a library's waitpid(-1) would: synchronously, before any of Dyno's callbacks runs.
    let reaped: ReturnType<typeof reapChild> = null;
    for (const until = performance.now() + 5_000; !reaped && performance.now() < until; ) reaped = reapChild(h.pid as number);
    expect(reaped).toMatchObject({ code: 5 });
    const r = await Promise.race([h.result, new Promise<'hung'>((res) => setTimeout(() => res('hung'), 5_000))]);
    expect(r).not.toBe('hung');
    if (r === 'hung') return;
    expect(r.end).toBe('status-lost');
    expect(r.exitCode).toBeNull();
    expect(r.statusLost).toBe("wait4 said ECHILD: something else in Dyno's process reaped it first");
    expect(r.stdout.text).toBe('out\n');
  });

  it('reapChild says ECHILD for a child that is no longer there', () => {
    expect(() => reapChild(1)).toThrow(/ECHILD/); // init is no child of this process
  });
});

describe.runIf(linux)('a pipe2 that fails', () => {
  it('reports its errno and closes what it had opened', async () => {
    const script = join(dir, 'exhaust.mts');
    const spawnTs = resolve('src/main/executor/command/posix-spawn.ts');
    // Every descriptor taken but `free`: 1 fails the first pipe, 3 the second (after the first took 2).
    // A leak is counted in pipes: a file tsx's cache writes on a worker thread may come and go meanwhile.
    writeFileSync(
      script,
      [
        `import { openSync, closeSync, readdirSync, readlinkSync } from 'node:fs';`,
        `import { spawnInGroup } from ${JSON.stringify(spawnTs)};`,
        `const pipes = (): number => readdirSync('/proc/self/fd').filter((fd) => { try { return readlinkSync('/proc/self/fd/' + fd).startsWith('pipe:'); } catch { return false; } }).length;`,
        `await new Promise((r) => setTimeout(r, 300)); // the loader's own writes done`,
        `const out: unknown[] = [];`,
        `for (const free of [1, 3]) {`,
        `  const held: number[] = [];`,
        `  try { for (;;) held.push(openSync('/dev/null', 'r')); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'EMFILE') throw e; }`,
        `  for (let i = 0; i < free; i++) closeSync(held.pop() as number);`,
        `  const before = pipes();`,
        `  let code: unknown = 'started';`,
        `  try { spawnInGroup(['true'], { env: process.env }); } catch (e) { code = (e as NodeJS.ErrnoException).code + ' ' + (e as Error).message; }`,
        `  out.push({ free, code, leaked: pipes() - before });`,
        `  for (const fd of held) closeSync(fd);`,
        `}`,
        `console.log(JSON.stringify(out));`,
        '',
      ].join('\n'),
    );
    const { stdout } = await promisify(execFile)('/bin/sh', ['-c', 'ulimit -n 256 && exec "$0" --import tsx "$1"', process.execPath, script]);
    expect(JSON.parse(stdout.trim())).toEqual([
      { free: 1, code: 'EMFILE pipe2 true EMFILE', leaked: 0 },
      { free: 3, code: 'EMFILE pipe2 true EMFILE', leaked: 0 },
    ]);
  }, 30_000);
});

describe.runIf(linux)('a PATH with relative entries', () => {
  it('finds the program in the run’s working folder, on the workload’s own PATH', async () => {
    const viaBin = await once({ argv: ['dyno-tool'], cwd: dir, env: { PATH: `other:bin:${process.env.PATH ?? ''}` } });
    expect(viaBin.spawnError).toBeUndefined();
    expect(viaBin.stdout.text).toBe('tool in bin\n');
    const viaDot = await once({ argv: ['here-tool'], cwd: dir, env: { PATH: `/nonexistent-dyno-dir:.` } });
    expect(viaDot.stdout.text).toBe('tool here\n');
    // The empty entry is the current folder too.
    const viaEmpty = await once({ argv: ['here-tool'], cwd: dir, env: { PATH: `/nonexistent-dyno-dir:` } });
    expect(viaEmpty.stdout.text).toBe('tool here\n');
  });

  it('finds it there on Dyno’s own PATH too (posix_spawnp searches after the chdir)', async () => {
    const saved = process.env.PATH;
    process.env.PATH = `bin:${saved ?? ''}`;
    try {
      const r = await once({ argv: ['dyno-tool'], cwd: dir });
      expect(r.stdout.text).toBe('tool in bin\n');
    } finally {
      process.env.PATH = saved;
    }
  });

  it('says "not executable" with the path of a file the search found but may not run, on either PATH', async () => {
    const own = await once({ argv: ['dyno-plain'], cwd: dir, env: { PATH: `bin:/nonexistent-dyno-dir` } });
    expect(own.end).toBe('spawn-error');
    expect(own.spawnError).toBe(`${join(dir, 'bin', 'dyno-plain')} is not executable (permission denied).`);
    const saved = process.env.PATH;
    process.env.PATH = `${join(dir, 'bin')}:${saved ?? ''}`;
    try {
      const dynos = await once({ argv: ['dyno-plain'] });
      expect(dynos.spawnError).toBe(`${join(dir, 'bin', 'dyno-plain')} is not executable (permission denied).`);
    } finally {
      process.env.PATH = saved;
    }
    expect((await once({ argv: ['dyno-no-such-program'], cwd: dir, env: { PATH: 'bin' } })).spawnError).toBe(`Command not found: dyno-no-such-program (or the working folder ${dir} does not exist).`);
  });
});

describe.runIf(linux)('the check before a command run is queued (dyno exec, the studio)', () => {
  const check = (input: CommandWorkloadInput): string | undefined => {
    try {
      checkCommand(CommandWorkloadSchema.parse(input));
      return undefined;
    } catch (err) {
      return (err as Error).message;
    }
  };

  it('looks the program up as the run does: relative entries from the working folder, "not executable" with the path', () => {
    expect(check({ argv: ['dyno-tool'], cwd: dir, env: { PATH: 'other:bin' } })).toBeUndefined();
    expect(check({ argv: ['here-tool'], cwd: dir, env: { PATH: '/nonexistent-dyno-dir:' } })).toBeUndefined();
    expect(check({ argv: ['dyno-plain'], cwd: dir, env: { PATH: 'bin' } })).toBe(`${join(dir, 'bin', 'dyno-plain')} is not executable (permission denied).`);
    expect(check({ argv: ['bin/dyno-plain'], cwd: dir })).toBe(`${join(dir, 'bin', 'dyno-plain')} is not executable (permission denied).`);
    expect(check({ argv: ['bin/nothing'], cwd: dir })).toBe(`Command not found: bin/nothing (no file there, from ${dir}).`);
    expect(check({ argv: ['dyno-no-such-program'], cwd: dir, env: { PATH: 'bin' } })).toBe('Command not found: dyno-no-such-program (not on the PATH).');
  });
});

describe('lookPath', () => {
  it('takes the first executable file, skipping ones that may not be executed and folders', () => {
    expect(lookPath('dyno-tool', 'other:bin', dir)).toEqual({ found: join(dir, 'bin', 'dyno-tool') });
    expect(lookPath('bin', '.', dir)).toEqual({ missing: true }); // a folder is no program
    expect(lookPath('dyno-plain', `bin:${join(dir, 'other')}`, dir)).toEqual({ notExecutable: join(dir, 'bin', 'dyno-plain') });
    expect(lookPath('dyno-tool', `${join(dir, 'other')}`, '/')).toEqual({ notExecutable: join(dir, 'other', 'dyno-tool') });
    expect(lookPath('sh', undefined, dir)).toEqual({ found: '/bin/sh' }); // execvp's default PATH
  });
});

/**
 * How a command run is started (launch.ts, posix-spawn.ts), on real processes: in a process
 * group of its own but in Dyno's session (setsid would make each run a new autogroup, bench:exec),
 * with the signal state a program expects (Node ignores SIGPIPE; the child must not), stdin from
 * /dev/null, its working folder and environment, and the errors Node's spawn would give.
 */
import { describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { CommandWorkloadSchema, type CommandWorkloadInput } from '../../src/shared/command/workload';
import { metricLineReader } from '../../src/shared/command/metric-lines';
import { runEnv, runOnce, type OnceResult } from '../../src/main/executor/command/run-once';
import { posixSpawnAvailable, reapChild, spawnInGroup } from '../../src/main/executor/command/posix-spawn';

async function once(input: CommandWorkloadInput): Promise<OnceResult> {
  const w = CommandWorkloadSchema.parse(input);
  return runOnce({ workload: w, readLine: metricLineReader(w.metrics), onOutput: () => undefined, onMetric: () => undefined, sampleIntervalMs: 20, env: runEnv(w) }).result;
}

/** Fields 5 and 6 of /proc/<pid>/stat: process group and session (after the parenthesised name). */
function groupAndSession(stat: string): { pgrp: number; session: number } {
  const [, , pgrp, session] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { pgrp: Number(pgrp), session: Number(session) };
}

const linux = process.platform === 'linux';

describe.runIf(linux)('a command run is started in a group of its own, not a session', () => {
  it('uses posix_spawn here (glibc), not the fallback', () => {
    expect(posixSpawnAvailable()).toBe(true);
  });

  it('leads its own process group inside Dyno’s session', async () => {
    const r = await once({ argv: ['sh', '-c', 'echo $$; cat /proc/self/stat'] });
    expect(r.exitCode).toBe(0);
    const [pidLine = '', ...rest] = r.stdout.text.trim().split('\n');
    const shPid = Number(pidLine);
    // `cat` is the shell's child: same group as the shell, whose pid is the group's id.
    const cat = groupAndSession(rest.join('\n'));
    expect(cat.pgrp).toBe(shPid);
    expect(cat.session).toBe(groupAndSession(readFileSync('/proc/self/stat', 'utf8')).session);
    expect(cat.pgrp).not.toBe(groupAndSession(readFileSync('/proc/self/stat', 'utf8')).pgrp);
  });

  it('gives the program default signal dispositions, an empty mask and stdin from /dev/null', async () => {
    const r = await once({ argv: ['sh', '-c', 'grep -E "^Sig(Ign|Blk)" /proc/self/status; readlink /proc/self/fd/0'] });
    expect(r.stdout.text).toMatch(/^SigBlk:\s+0+$/m);
    // No standard signal ignored: SIGPIPE (bit 12), which Node ignores, is not passed on. glibc's
    // posix_spawn leaves its two internal real-time signals (32, 33) ignored, above these bits.
    const ignored = BigInt(`0x${/^SigIgn:\s+([0-9a-f]+)$/m.exec(r.stdout.text)?.[1] ?? 'ffffffff'}`);
    expect(ignored & 0x7fffffffn).toBe(0n);
    expect(r.stdout.text.trim().split('\n').at(-1)).toBe('/dev/null');
  });

  it('runs in its working folder with its environment, a shell line through /bin/sh, and the exit status and signal read right', async () => {
    const r = await once({ argv: ['echo "$DYNO_TEST_VAR $(pwd)"; kill -TERM $$'], shell: true, cwd: tmpdir(), env: { DYNO_TEST_VAR: 'set' } });
    expect(r.stdout.text.trim()).toBe(`set ${tmpdir()}`);
    expect(r.signal).toBe('SIGTERM');
    expect(r.exitCode).toBeNull();
    const e = await once({ argv: ['sh', '-c', 'exit 7'] });
    expect(e.exitCode).toBe(7);
    expect(e.signal).toBeNull();
  });

  it('looks the program up on the workload’s own PATH when it sets one', async () => {
    const r = await once({ argv: ['true'], env: { PATH: '/nonexistent-dyno-dir' } });
    expect(r.end).toBe('spawn-error');
    expect(r.spawnError).toBe('Command not found: true.');
    const ok = await once({ argv: ['true'], env: { PATH: `/nonexistent-dyno-dir:${process.env.PATH ?? ''}` } });
    expect(ok.exitCode).toBe(0);
  });

  it('says which folder is missing and which program cannot be executed, and runs a script without #! through sh, as Node’s spawn does', async () => {
    const missingCwd = await once({ argv: ['true'], cwd: '/no/such/dyno/folder' });
    expect(missingCwd.spawnError).toBe('Command not found: true (or the working folder /no/such/dyno/folder does not exist).');
    const dir = mkdtempSync(join(tmpdir(), 'dyno-spawn-'));
    try {
      const plain = join(dir, 'plain.sh');
      writeFileSync(plain, 'echo hi\n', { mode: 0o644 });
      expect((await once({ argv: [plain] })).spawnError).toBe(`${plain} is not executable (permission denied).`);
      const script = join(dir, 'no-shebang');
      writeFileSync(script, 'echo "from sh $1"\nexit 3\n', { mode: 0o755 });
      const r = await once({ argv: [script, 'arg'] });
      expect(r.stdout.text).toBe('from sh arg\n');
      expect(r.exitCode).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reapChild returns null while the child runs, its status once it exits, and ECHILD after', async () => {
    const c = spawnInGroup(['sleep', '0.2'], { env: process.env });
    closeSync(c.stdoutFd);
    closeSync(c.stderrFd);
    expect(reapChild(c.pid)).toBeNull();
    let r: ReturnType<typeof reapChild> = null;
    for (let i = 0; i < 100 && !r; i++) {
      await new Promise((res) => setTimeout(res, 20));
      r = reapChild(c.pid);
    }
    expect(r).toMatchObject({ code: 0, signal: null });
    expect(() => reapChild(c.pid)).toThrow(/ECHILD/); // reaped once: no status is left to wait for
  });

  it('keeps Node alive until the child is reaped, with nothing else pending (a bare loop of short runs)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dyno-launch-'));
    try {
      const script = join(dir, 'loop.mts');
      const launchTs = resolve('src/main/executor/command/launch.ts');
      writeFileSync(
        script,
        `import { launch } from ${JSON.stringify(launchTs)};\nlet n = 0;\nfor (let i = 0; i < 20; i++) await new Promise<void>((res, rej) => { const c = launch({ argv: ['true'], env: process.env }, { onExit: () => undefined, onClose: () => (n++, res()), onSpawnError: rej }); c.stdout?.resume(); c.stderr?.resume(); });\nconsole.log('closed ' + n);\n`,
      );
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script]);
      expect(stdout.trim()).toBe('closed 20');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Starting one run of a command in a process group of its own, and hearing when it exits: by
 * posix_spawn where glibc is at hand (posix-spawn.ts: no new session, no fork of Node), else by
 * Node's spawn with `detached` (a new session, and so a group). Either way the caller gets the
 * pid (the group's id), the two output streams, the first moment Dyno knew the child exited with
 * its exit status and CPU time, and a close once the pipes are drained too.
 */
import { spawn } from 'node:child_process';
import { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { childCpu, type ChildCpu } from './child-rusage';
import { childHasExited } from './child-exited';
import { posixSpawnAvailable, reapChild, spawnInGroup } from './posix-spawn';

export interface LaunchOptions {
  /** The program and its arguments (a shell line is already `/bin/sh -c line`). */
  argv: string[];
  cwd?: string | undefined;
  env: NodeJS.ProcessEnv;
}

export interface Exit {
  /** performance.now() when Dyno first knew the child had exited. */
  atMs: number;
  code: number | null;
  signal: string | null;
  cpu: ChildCpu | null;
  /** Set when the exit status could not be had (wait4 said ECHILD: the child was reaped elsewhere); code and signal are then null. */
  statusLost?: string;
}

export interface LaunchHandlers {
  onExit(exit: Exit): void;
  /** After the exit and both pipes' end. */
  onClose(): void;
  /** It never ran (called on a later tick; no exit or close follows). */
  onSpawnError(err: NodeJS.ErrnoException): void;
}

export interface Launched {
  pid: number | undefined;
  stdout: Readable | null;
  stderr: Readable | null;
  /** Asks now whether the child has exited (the caller's sampler tick): a held-open pipe gives no end-of-file, and a lost SIGCHLD must not wait for the 1 s poll. */
  checkExit(): void;
}

export function launch(o: LaunchOptions, h: LaunchHandlers): Launched {
  return posixSpawnAvailable() ? launchPosix(o, h) : launchNode(o, h);
}

/** Children started by posix_spawn and not reaped yet: Node does not know them, so Dyno listens for SIGCHLD itself. */
const unreaped = new Map<number, () => void>();
// Installed when the module loads, before the first spawn, and left: it costs nothing until a
// child exits. Installed at the first spawn instead, that child's SIGCHLD never reached it (in
// the CLI and the studio alike), and with the pipes held open nothing else told Dyno of the exit.
if (process.platform !== 'win32') {
  process.on('SIGCHLD', () => {
    for (const reap of [...unreaped.values()]) reap();
  });
}

function launchPosix(o: LaunchOptions, h: LaunchHandlers): Launched {
  let pid: number;
  let stdout: Socket;
  let stderr: Socket;
  try {
    const child = spawnInGroup(o.argv, o);
    pid = child.pid;
    stdout = new Socket({ fd: child.stdoutFd, readable: true, writable: false });
    stderr = new Socket({ fd: child.stderrFd, readable: true, writable: false });
  } catch (err) {
    process.nextTick(() => h.onSpawnError(err as NodeJS.ErrnoException));
    return { pid: undefined, stdout: null, stderr: null, checkExit: () => undefined };
  }
  let exited = false;
  let open = 2;
  // A signal handle does not keep Node's loop alive, and the pipes can close (end-of-file comes
  // before the kernel makes the child reapable) with nothing else pending: this does, until the
  // child is reaped, and asks once a second in case a SIGCHLD was lost.
  const keepAlive = setInterval(() => tryReap(), 1000);
  const closeIfDone = (): void => {
    if (exited && open === 0) h.onClose();
  };
  const tryReap = (): void => {
    if (exited) return;
    let exit: Exit;
    try {
      const r = reapChild(pid);
      if (!r) return;
      exit = { atMs: performance.now(), code: r.code, signal: r.signal, cpu: { userMs: r.userMs, sysMs: r.sysMs } };
    } catch (err) {
      // Asking again would never succeed (it looped here, once a second, for ever): the child is gone.
      const code = (err as NodeJS.ErrnoException).code ?? 'an error';
      exit = { atMs: performance.now(), code: null, signal: null, cpu: null, statusLost: `wait4 said ${code}: something else in Dyno's process reaped it first` };
    }
    exited = true;
    clearInterval(keepAlive);
    unreaped.delete(pid);
    h.onExit(exit);
    closeIfDone();
  };
  unreaped.set(pid, tryReap);
  for (const s of [stdout, stderr]) {
    // End-of-file comes in the same loop turn as the exit, before the signal is handled: the usual first sign.
    s.once('end', tryReap);
    s.once('error', () => s.destroy());
    s.once('close', () => {
      open--;
      closeIfDone();
    });
  }
  return { pid, stdout, stderr, checkExit: tryReap };
}

function launchNode(o: LaunchOptions, h: LaunchHandlers): Launched {
  const [program = '', ...args] = o.argv;
  const cpuBefore = childCpu();
  const child = spawn(program, args, { cwd: o.cwd, env: o.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  // The pipes' end-of-file is handled a loop turn before Node's 'exit': when the child is gone
  // by then (the usual case), that is the first moment Dyno knew it.
  let exitSeenMs: number | undefined;
  const noteIfExited = (): void => {
    if (exitSeenMs === undefined && child.pid !== undefined && childHasExited(child.pid)) exitSeenMs = performance.now();
  };
  child.stdout.once('end', noteIfExited);
  child.stderr.once('end', noteIfExited);
  child.once('error', (err) => {
    if (child.pid === undefined) h.onSpawnError(err);
  });
  child.once('exit', (code, signal) => {
    // Read first: the kernel has just added the tree's CPU time to this process's children.
    const after = childCpu();
    const cpu = after && cpuBefore ? { userMs: after.userMs - cpuBefore.userMs, sysMs: after.sysMs - cpuBefore.sysMs } : null;
    h.onExit({ atMs: exitSeenMs ?? performance.now(), code, signal, cpu });
  });
  child.once('close', () => {
    if (child.pid !== undefined) h.onClose();
  });
  // Node reaps its own children and says so by 'exit'.
  return { pid: child.pid, stdout: child.stdout, stderr: child.stderr, checkExit: () => undefined };
}

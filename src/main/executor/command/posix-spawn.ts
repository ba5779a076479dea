/**
 * A command started in a process group of its own, in Dyno's session, by glibc's posix_spawn
 * (through koffi) with POSIX_SPAWN_SETPGROUP, and reaped here with wait4.
 *
 * Why not Node's spawn: it gives a group only with `detached`, which is setsid(). With Linux
 * autogroup on, every new session is a new scheduling group the kernel builds and tears down per
 * run (1.5–4 ms on a busy machine, bench:exec). libuv also fork()s the whole Node process, page
 * tables of its heap included, where posix_spawn uses CLONE_VFORK: the child shares the parent's
 * memory until it execs. A group (not a session) is all the whole-tree kill needs (group-kill.ts).
 *
 * The child gets what libuv gives one: stdin from /dev/null, stdout and stderr to pipes, default
 * signal dispositions (Node ignores SIGPIPE; a program must not inherit that) and an empty mask.
 * Node does not know the child, so nobody else reaps it: `reapChild` does, with its own rusage
 * (CPU time of the child and the descendants it waited for), which no other child of Dyno can
 * leak into. 64-bit Linux with glibc only (struct sizes and flag values are glibc's).
 */
import { constants } from 'node:os';
import { lastErrno, loadLibc } from './libc';
import { lookPath } from './look-path';

const O_CLOEXEC = 0o2000000;
const POSIX_SPAWN_SETPGROUP = 0x02;
const POSIX_SPAWN_SETSIGDEF = 0x04;
const POSIX_SPAWN_SETSIGMASK = 0x08;
const WNOHANG = 1;
const EINTR = 4;
const ENOEXEC = 8;
const EACCES = 13;
const SH = '/bin/sh';
/** Larger than glibc's posix_spawn_file_actions_t (80 bytes), posix_spawnattr_t (336) and sigset_t (128). */
const OPAQUE_BYTES = 512;
const RUSAGE_BYTES = 144;

interface Libc {
  pipe2(fds: number[], flags: number): number;
  close(fd: number): number;
  faInit(fa: Buffer): number;
  faDestroy(fa: Buffer): number;
  faOpen(fa: Buffer, fd: number, path: string, oflag: number, mode: number): number;
  faDup2(fa: Buffer, fd: number, newfd: number): number;
  faChdir(fa: Buffer, path: string): number;
  attrInit(a: Buffer): number;
  attrDestroy(a: Buffer): number;
  attrFlags(a: Buffer, flags: number): number;
  attrPgroup(a: Buffer, pgid: number): number;
  attrSigmask(a: Buffer, set: Buffer): number;
  attrSigdefault(a: Buffer, set: Buffer): number;
  sigemptyset(set: Buffer): number;
  sigfillset(set: Buffer): number;
  spawnp(pid: number[], file: string, fa: Buffer, attr: Buffer, argv: (string | null)[], envp: (string | null)[]): number;
  spawn(pid: number[], path: string, fa: Buffer, attr: Buffer, argv: (string | null)[], envp: (string | null)[]): number;
  wait4(pid: number, status: number[], options: number, ru: Buffer): number;
}

let libc: Libc | null | undefined;

function bind(): Libc | null {
  if (libc !== undefined) return libc;
  libc = null;
  // libc.so.6 is glibc's name: musl and macOS do not load here.
  const lib = process.platform === 'linux' ? loadLibc() : null;
  if (!lib) return libc;
  try {
    const f = <T>(decl: string): T => lib.func(decl) as T;
    libc = {
      pipe2: f('int pipe2(_Out_ int *fds, int flags)'),
      close: f('int close(int fd)'),
      faInit: f('int posix_spawn_file_actions_init(void *fa)'),
      faDestroy: f('int posix_spawn_file_actions_destroy(void *fa)'),
      faOpen: f('int posix_spawn_file_actions_addopen(void *fa, int fd, const char *path, int oflag, int mode)'),
      faDup2: f('int posix_spawn_file_actions_adddup2(void *fa, int fd, int newfd)'),
      faChdir: f('int posix_spawn_file_actions_addchdir_np(void *fa, const char *path)'),
      attrInit: f('int posix_spawnattr_init(void *attr)'),
      attrDestroy: f('int posix_spawnattr_destroy(void *attr)'),
      attrFlags: f('int posix_spawnattr_setflags(void *attr, short flags)'),
      attrPgroup: f('int posix_spawnattr_setpgroup(void *attr, int pgid)'),
      attrSigmask: f('int posix_spawnattr_setsigmask(void *attr, void *set)'),
      attrSigdefault: f('int posix_spawnattr_setsigdefault(void *attr, void *set)'),
      sigemptyset: f('int sigemptyset(void *set)'),
      sigfillset: f('int sigfillset(void *set)'),
      spawnp: f('int posix_spawnp(_Out_ int *pid, const char *file, void *fa, void *attr, const char **argv, const char **envp)'),
      spawn: f('int posix_spawn(_Out_ int *pid, const char *path, void *fa, void *attr, const char **argv, const char **envp)'),
      wait4: f('int wait4(int pid, _Out_ int *status, int options, _Out_ uint8_t *ru)'),
    };
  } catch {
    libc = null; // an older glibc without posix_spawn_file_actions_addchdir_np (before 2.29)
  }
  return libc;
}

/** Whether commands can be started this way here; Node's spawn is the fallback (launch.ts). */
export const posixSpawnAvailable = (): boolean => bind() !== null;

export interface GroupChild {
  /** Also the process group's id. */
  pid: number;
  /** Read ends of the child's stdout and stderr (close-on-exec, owned by the caller). */
  stdoutFd: number;
  stderrFd: number;
}

const errnoName = new Map(Object.entries(constants.errno).map(([name, n]) => [n, name]));
const signalName = new Map(Object.entries(constants.signals).map(([name, n]) => [n, name]));

function errnoError(errno: number, syscall: string, path: string): NodeJS.ErrnoException {
  const code = errnoName.get(errno) ?? `E${errno}`;
  return Object.assign(new Error(`${syscall} ${path} ${code}`), { errno: -errno, code, syscall, path });
}

/** The program's environment as posix_spawn takes it, built once per environment object (a series shares one). */
const envArrays = new WeakMap<NodeJS.ProcessEnv, (string | null)[]>();
function envArray(env: NodeJS.ProcessEnv): (string | null)[] {
  let a = envArrays.get(env);
  if (!a) envArrays.set(env, (a = [...Object.entries(env).flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${v}`])), null]));
  return a;
}

/**
 * Starts `argv` (argv[0] looked up on PATH unless it holds a slash) in a new process group.
 * Throws an errno-shaped error (code ENOENT, EACCES, …) when it cannot start, as Node's spawn
 * reports one; `cwd` that does not exist is ENOENT too.
 */
export function spawnInGroup(argv: string[], o: { cwd?: string | undefined; env: NodeJS.ProcessEnv }): GroupChild {
  const c = bind();
  if (!c) throw new Error('posix_spawn is not available here.');
  const [file = ''] = argv;
  const out = [-1, -1];
  const err = [-1, -1];
  // errno is read before close() can change it: EMFILE or ENFILE (out of descriptors) as a rule.
  if (c.pipe2(out, O_CLOEXEC) !== 0) throw errnoError(lastErrno(), 'pipe2', file);
  if (c.pipe2(err, O_CLOEXEC) !== 0) {
    const errno = lastErrno();
    c.close(out[0] as number);
    c.close(out[1] as number);
    throw errnoError(errno, 'pipe2', file);
  }
  const fa = Buffer.alloc(OPAQUE_BYTES);
  const attr = Buffer.alloc(OPAQUE_BYTES);
  const mask = Buffer.alloc(OPAQUE_BYTES);
  const defaults = Buffer.alloc(OPAQUE_BYTES);
  c.faInit(fa);
  c.attrInit(attr);
  const pid = [0];
  let rc: number;
  try {
    c.faOpen(fa, 0, '/dev/null', 0, 0);
    c.faDup2(fa, out[1] as number, 1);
    c.faDup2(fa, err[1] as number, 2);
    if (o.cwd !== undefined) c.faChdir(fa, o.cwd);
    c.attrFlags(attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    c.attrPgroup(attr, 0); // the child's own pid
    c.sigemptyset(mask);
    c.attrSigmask(attr, mask);
    c.sigfillset(defaults);
    c.attrSigdefault(attr, defaults);
    const args = [...argv, null];
    // posix_spawnp searches Dyno's own PATH (after the chdir, so relative entries are the run's
    // folder's); a workload that sets its own PATH is searched in that, the same way (look-path.ts).
    rc = file.includes('/') || o.env.PATH === process.env.PATH ? c.spawnp(pid, file, fa, attr, args, envArray(o.env)) : c.spawn(pid, onPath(file, o), fa, attr, args, envArray(o.env));
  } finally {
    c.faDestroy(fa);
    c.attrDestroy(attr);
    c.close(out[1] as number);
    c.close(err[1] as number);
  }
  if (rc !== 0) {
    c.close(out[0] as number);
    c.close(err[0] as number);
    // An executable file with no #! line: execvp (and so Node's spawn) runs it with /bin/sh; posix_spawn does not.
    if (rc === ENOEXEC && argv[0] !== SH) return spawnInGroup([SH, file.includes('/') ? file : onPath(file, o), ...argv.slice(1)], o);
    // A file that is there but may not be executed is named by its path (the search found it, not the user).
    const named = rc === EACCES && !file.includes('/') ? onPath(file, o) : file;
    throw errnoError(rc, 'posix_spawn', named);
  }
  return { pid: pid[0] as number, stdoutFd: out[0] as number, stderrFd: err[0] as number };
}

/**
 * The path posix_spawn is given for `file`: the first executable on the program's PATH; else the
 * first file of that name that may not be executed (so it fails with EACCES, "not executable");
 * else `file` itself, which fails as not found.
 */
function onPath(file: string, o: { cwd?: string | undefined; env: NodeJS.ProcessEnv }): string {
  const hit = lookPath(file, o.env.PATH, o.cwd);
  return 'found' in hit ? hit.found : 'notExecutable' in hit ? hit.notExecutable : file;
}

export interface Reaped {
  code: number | null;
  signal: string | null;
  /** CPU time of the child and of the descendants it waited for. */
  userMs: number;
  sysMs: number;
}

/**
 * Reaps `pid` if it has exited (never blocks); null while it runs. Throws (code ECHILD) when the
 * child is not there to reap: something else in this process reaped it (a waitpid(-1), SIGCHLD
 * set to SIG_IGN), so its exit status and CPU time are lost and no later call can bring them.
 */
export function reapChild(pid: number): Reaped | null {
  const c = bind();
  if (!c) return null;
  const status = [0];
  const ru = Buffer.alloc(RUSAGE_BYTES);
  const got = c.wait4(pid, status, WNOHANG, ru);
  if (got === -1) {
    const errno = lastErrno();
    if (errno === EINTR) return null; // asked again on the next SIGCHLD or second
    throw errnoError(errno, 'wait4', String(pid));
  }
  if (got !== pid) return null;
  const s = status[0] as number;
  const ms = (at: number): number => Number(ru.readBigInt64LE(at)) * 1000 + Number(ru.readBigInt64LE(at + 8)) / 1000;
  const termSig = s & 0x7f;
  return { code: termSig === 0 ? (s >> 8) & 0xff : null, signal: termSig === 0 ? null : (signalName.get(termSig) ?? `SIG${termSig}`), userMs: ms(0), sysMs: ms(16) };
}

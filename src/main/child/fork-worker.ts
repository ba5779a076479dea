/**
 * Starts a worker process with an IPC channel (structured-clone serialisation, so typed arrays
 * cross intact) and keeps the tail of its stderr for error messages.
 */
import { fork, type ChildProcess } from 'node:child_process';

/** How to start the worker: the built script, or the TypeScript source through a loader. */
export interface WorkerSpawnSpec {
  script: string;
  execArgv: string[];
}

const STDERR_TAIL_CHARS = 2_000;

export interface ForkedWorker {
  child: ChildProcess;
  /** The last line the worker wrote to stderr, if any. */
  lastStderrLine(): string | undefined;
  /**
   * The first "FATAL ERROR" / "terminate called" line the worker wrote, if any: V8 and C++ print
   * a native stack after it, so by the worker's end it is no longer the last line, nor in the tail.
   */
  fatalStderrLine(): string | undefined;
}

const FATAL_LINE = /^.*(?:FATAL ERROR|terminate called).*$/m;
/** The same line once complete: a chunk can end mid-line ("…an instance of '"). */
const FATAL_LINE_ENDED = /^.*(?:FATAL ERROR|terminate called).*(?=\n)/m;

export function forkWorker(spec: WorkerSpawnSpec): ForkedWorker {
  const child = fork(spec.script, [], {
    execArgv: spec.execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    // Under Electron, fork() re-launches the Electron binary: make it behave as plain Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  let stderr = '';
  let fatal: string | undefined;
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    const joined = stderr + chunk;
    fatal ??= FATAL_LINE_ENDED.exec(joined)?.[0].trim();
    stderr = joined.slice(-STDERR_TAIL_CHARS);
  });
  return { child, lastStderrLine: () => stderr.trim().split('\n').filter(Boolean).at(-1), fatalStderrLine: () => fatal ?? FATAL_LINE.exec(stderr)?.[0].trim() };
}

/** After a worker exits, how long its last messages may take to arrive before it counts as gone. */
const EXIT_DRAIN_MS = 2_000;

/**
 * Calls `gone` once the worker has exited and its last messages have been delivered. 'exit' can
 * come before the final messages are read off the channel (seen on a loaded machine: a clean
 * error answer lost to "exited with code 0"); 'close' comes after the channel and stderr are
 * drained, and the timer covers a stream that some other process holds open.
 */
export function onWorkerGone(child: ChildProcess, gone: (code: number | null, signal: NodeJS.Signals | null) => void): void {
  let called = false;
  const once = (code: number | null, signal: NodeJS.Signals | null): void => {
    if (called) return;
    called = true;
    gone(code, signal);
  };
  child.on('close', once);
  child.on('exit', (code, signal) => setTimeout(() => once(code, signal), EXIT_DRAIN_MS).unref());
}

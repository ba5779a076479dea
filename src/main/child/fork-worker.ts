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
   * Calls `handler` once the worker has exited and every message it sent has been delivered.
   * 'exit' alone can come first: the parent may see the process end before it has read the
   * IPC channel dry, so a worker that sent its result and exited would read as "exited with
   * code 0 before finishing" (seen on a loaded 2-core machine). The channel's 'disconnect'
   * comes after its last message.
   */
  onExitDrained(handler: (code: number | null, signal: NodeJS.Signals | null) => void): void;
}

/** A channel that never reports its end (a stuck pipe) does not hold the exit back longer than this. */
const DRAIN_GRACE_MS = 2_000;

export function forkWorker(spec: WorkerSpawnSpec): ForkedWorker {
  const child = fork(spec.script, [], {
    execArgv: spec.execArgv,
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    // Under Electron, fork() re-launches the Electron binary: make it behave as plain Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS);
  });
  const onExitDrained = (handler: (code: number | null, signal: NodeJS.Signals | null) => void): void => {
    child.once('exit', (code, signal) => {
      if (!child.connected) return void setImmediate(() => handler(code, signal));
      const grace = setTimeout(() => handler(code, signal), DRAIN_GRACE_MS);
      child.once('disconnect', () => {
        clearTimeout(grace);
        setImmediate(() => handler(code, signal));
      });
    });
  };
  return { child, lastStderrLine: () => stderr.trim().split('\n').filter(Boolean).at(-1), onExitDrained };
}

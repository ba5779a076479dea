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
}

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
  return { child, lastStderrLine: () => stderr.trim().split('\n').filter(Boolean).at(-1) };
}

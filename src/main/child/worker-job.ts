/**
 * A one-shot job in a fresh worker process (inspect a model, probe a provider): send one
 * message, wait for the answer, give up after a timeout. Loading a model or a GPU provider can
 * block for seconds or crash; neither may happen in the host that serves the UI.
 */
import { forkWorker, onWorkerGone, type WorkerSpawnSpec } from './fork-worker';
import { WorkerToHostSchema, type HostToWorker, type WorkerToHost } from './protocol';

export class WorkerJobError extends Error {}

/**
 * `spawned` hears the worker's pid right after the fork, before the worker has loaded anything
 * (the place to lower its priority: threads it starts later inherit it).
 */
export function runWorkerJob<T>(spec: WorkerSpawnSpec, message: HostToWorker, accept: (m: WorkerToHost) => T | undefined, timeoutMs: number, spawned?: (pid: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const { child, lastStderrLine } = forkWorker(spec);
    if (child.pid !== undefined) spawned?.(child.pid);
    let done = false;
    const finish = (f: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      f();
      if (child.exitCode === null) child.kill('SIGKILL');
    };
    const timer = setTimeout(() => finish(() => reject(new WorkerJobError(`The worker did not answer within ${timeoutMs / 1000} s.`))), timeoutMs);
    child.on('message', (raw: unknown) => {
      const m = WorkerToHostSchema.safeParse(raw);
      if (!m.success) return;
      if (m.data.type === 'error') {
        const text = m.data.message;
        finish(() => reject(new WorkerJobError(text)));
        return;
      }
      const value = accept(m.data);
      if (value !== undefined) finish(() => resolve(value));
    });
    child.on('error', (err) => finish(() => reject(new WorkerJobError(`Could not start a worker: ${err.message}`))));
    onWorkerGone(child, (code, signal) => {
      const last = lastStderrLine();
      finish(() => reject(new WorkerJobError(`The worker ${signal ? `was killed by ${signal}` : `exited with code ${code}`}${last ? `: ${last}` : ''}.`)));
    });
    child.send(message);
  });
}

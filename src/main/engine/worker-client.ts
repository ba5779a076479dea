/**
 * Host side of the benchmark worker: spawns one worker process per run, validates what it
 * sends, and turns a crash, a kill or a malformed message into a failed run with a readable
 * reason instead of a dead host.
 */
import { forkWorker } from './fork-worker';
import type { TensorInfo } from '../../shared/model';
import type { RunConfig } from '../../shared/run';
import type { SampleBatch } from '../../shared/sample-batch';
import { WorkerToHostSchema, type HostToWorker, type WorkerToHost } from './protocol';

/** How to start the worker: the built script, or the TypeScript source through a loader. */
export interface WorkerSpawnSpec {
  script: string;
  execArgv: string[];
}

export interface WorkerRunHandlers {
  onReady(ready: { sessionCreateMs: number; inputs: TensorInfo[] }): void;
  onSamples(batch: SampleBatch): void;
}

export type WorkerOutcome =
  | ({ kind: 'done' } & Omit<Extract<WorkerToHost, { type: 'done' }>, 'type'>)
  | { kind: 'error'; message: string };

export interface WorkerRun {
  /** The worker's process id (for diagnostics, and for tests that kill it like the OOM killer would). */
  pid: number | undefined;
  cancel(): void;
  outcome: Promise<WorkerOutcome>;
}

/** A worker that ignores a cancel this long is killed. */
const CANCEL_GRACE_MS = 3_000;

export interface WorkerJob {
  runId: string;
  config: RunConfig;
  /** Where the worker may leave files (profiler traces). */
  artifactsDir: string;
}

export function startWorkerRun(spec: WorkerSpawnSpec, job: WorkerJob, handlers: WorkerRunHandlers): WorkerRun {
  const { child, lastStderrLine } = forkWorker(spec);

  let settled: WorkerOutcome | undefined;
  let cancelTimer: NodeJS.Timeout | undefined;
  const outcome = new Promise<WorkerOutcome>((resolve) => {
    const settle = (o: WorkerOutcome): void => {
      if (settled) return;
      settled = o;
      resolve(o);
    };
    child.on('message', (raw: unknown) => {
      const parsed = WorkerToHostSchema.safeParse(raw);
      if (!parsed.success) {
        settle({ kind: 'error', message: 'The benchmark worker sent a malformed message.' });
        child.kill('SIGKILL');
        return;
      }
      const m = parsed.data;
      if (m.type === 'ready') handlers.onReady(m);
      else if (m.type === 'samples') handlers.onSamples(m.batch);
      else if (m.type === 'done') {
        const { type: _type, ...done } = m;
        settle({ kind: 'done', ...done });
      }
      else if (m.type === 'error') settle({ kind: 'error', message: m.message });
    });
    child.on('error', (err) => settle({ kind: 'error', message: `Could not start the benchmark worker: ${err.message}` }));
    child.on('exit', (code, signal) => {
      clearTimeout(cancelTimer);
      const lastLine = lastStderrLine();
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      settle({
        kind: 'error',
        message: `The benchmark worker ${how} before finishing${lastLine ? `: ${lastLine}` : ''} (out of memory, or a crash in ONNX Runtime).`,
      });
    });
  });

  const post = (m: HostToWorker): void => {
    if (child.connected) child.send(m);
  };
  post({ type: 'start', runId: job.runId, config: job.config, artifactsDir: job.artifactsDir });

  return {
    pid: child.pid,
    outcome,
    cancel() {
      post({ type: 'cancel' });
      cancelTimer ??= setTimeout(() => {
        if (!settled) child.kill('SIGKILL');
      }, CANCEL_GRACE_MS);
    },
  };
}

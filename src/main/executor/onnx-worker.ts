/**
 * The ONNX Runtime executor: one worker process per run (`child/worker.ts`). Validates what the
 * worker sends, and turns a crash, a kill, a malformed message or a handler that throws into an
 * error outcome with a readable reason instead of a dead or stalled host.
 */
import { forkWorker, onWorkerGone, type WorkerSpawnSpec } from '../child/fork-worker';
import { WorkerToHostSchema, type HostToWorker } from '../child/protocol';
import type { Executor, ExecutorHandlers, ExecutorJob, ExecutorOutcome, ExecutorRun } from './executor';
import { abortedUnderCapReason, outOfMemoryReason } from './out-of-memory';
import { readPriority, trySetPriority, workerPriorityFromEnv } from './process-priority';

/** A worker that ignores a cancel this long is killed. */
const CANCEL_GRACE_MS = 3_000;

export function startWorkerRun(spec: WorkerSpawnSpec, job: ExecutorJob, handlers: ExecutorHandlers): ExecutorRun {
  const { child, lastStderrLine, fatalStderrLine } = forkWorker(spec);
  const capMiB = job.config.stop.memoryCapMiB;
  // Before the start message: the session (and ORT's thread pool) is created after it arrives.
  const wanted = workerPriorityFromEnv();
  const priority = child.pid === undefined ? undefined : wanted === 'inherit' ? readPriority(child.pid) : trySetPriority(child.pid, wanted);

  let settled: ExecutorOutcome | undefined;
  /** Whether the worker's session exists: an abort before it, under a cap, is the cap. */
  let ready = false;
  let cancelTimer: NodeJS.Timeout | undefined;
  let timeoutTimer: NodeJS.Timeout | undefined;
  const outcome = new Promise<ExecutorOutcome>((resolve) => {
    const settle = (o: ExecutorOutcome): void => {
      if (settled) return;
      clearTimeout(timeoutTimer);
      settled = o;
      resolve(o);
    };
    const fail = (message: string): void => {
      settle({ kind: 'error', message });
      child.kill('SIGKILL');
    };
    const limitMs = job.config.stop.timeoutMs;
    if (limitMs !== undefined) {
      // A kill, not a cancel: the timing loop only sees a cancel between iterations, and the case
      // this exists for is an inference that never returns. Batches already sent are stored.
      timeoutTimer = setTimeout(() => fail(`The run was still going after its timeout of ${limitMs / 1000} s (--timeout) and was stopped; the samples measured until then are kept.`), limitMs);
    }
    child.on('message', (raw: unknown) => {
      // Messages still queued after the run has failed belong to no run.
      if (settled) return;
      const parsed = WorkerToHostSchema.safeParse(raw);
      if (!parsed.success) return fail('The benchmark worker sent a malformed message.');
      const m = parsed.data;
      // A throw here would be an uncaught exception in the host: it fails this run instead.
      try {
        if (m.type === 'ready') {
          ready = true;
          handlers.onReady(m);
        }
        else if (m.type === 'samples') handlers.onSamples(m.batch);
        else if (m.type === 'done') {
          const { type: _type, ...done } = m;
          settle({ kind: 'done', ...done });
        } else if (m.type === 'error') settle({ kind: 'error', message: outOfMemoryReason(m.message, capMiB) ?? m.message });
      } catch (err) {
        fail(`Dyno could not record the run's samples: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
    child.on('error', (err) => settle({ kind: 'error', message: `Could not start the benchmark worker: ${err.message}` }));
    const exitedEarly = (code: number | null, signal: NodeJS.Signals | null): void => {
      clearTimeout(cancelTimer);
      const fatal = fatalStderrLine();
      const outOfMemory = fatal === undefined ? undefined : outOfMemoryReason(fatal, capMiB);
      if (outOfMemory) return settle({ kind: 'error', message: outOfMemory });
      if (signal === 'SIGABRT' && capMiB !== undefined && !ready) return settle({ kind: 'error', message: abortedUnderCapReason(capMiB, fatal) });
      const lastLine = fatal ?? lastStderrLine();
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      settle({
        kind: 'error',
        message: `The benchmark worker ${how} before finishing${lastLine ? `: ${lastLine}` : ''} (out of memory, or a crash in ONNX Runtime).`,
      });
    };
    onWorkerGone(child, exitedEarly);
  });

  const post = (m: HostToWorker): void => {
    if (child.connected) child.send(m);
  };
  post({ type: 'start', runId: job.runId, config: job.config, artifactsDir: job.artifactsDir });

  return {
    pid: child.pid,
    ...(priority !== undefined ? { priority } : {}),
    outcome,
    cancel() {
      post({ type: 'cancel' });
      cancelTimer ??= setTimeout(() => {
        if (!settled) child.kill('SIGKILL');
      }, CANCEL_GRACE_MS);
    },
    kill() {
      clearTimeout(cancelTimer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Runs every benchmark in its own worker process started from `spec`. */
export function onnxWorkerExecutor(spec: WorkerSpawnSpec): Executor {
  return { start: (job, handlers) => startWorkerRun(spec, job, handlers) };
}

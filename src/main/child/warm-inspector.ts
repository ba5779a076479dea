/**
 * One inspection worker kept alive for a studio's session (`dyno serve`, the desktop app), so
 * opening a model costs its parse, not a fresh Node process loading ONNX Runtime (about 0.3 s
 * quiet, over 1 s on a loaded machine: most of a first load's host time). It stays a separate
 * process for the reason every inspection is one: a large or broken model can stall or crash
 * whatever loads it.
 *
 * - While it is busy, an inspection goes to a fresh one-shot worker instead of queueing behind a
 *   large model.
 * - A timeout kills it; a death fails only the jobs it held, and the next call starts another.
 * - Its memory is bounded: after an answer that leaves it over `maxRssBytes`, or after `maxJobs`
 *   jobs, it is replaced by a fresh one.
 * - `close()` kills it; it also exits by itself when its host goes (its IPC channel closes).
 */
import type { ChildProcess } from 'node:child_process';
import type { ModelInfo } from '../../shared/model';
import { ModelError } from '../models/model-error';
import { forkWorker, onWorkerGone, type WorkerSpawnSpec } from './fork-worker';
import { inspectInWorker, INSPECT_TIMEOUT_MS } from './inspect-in-worker';
import { WorkerToHostSchema } from './protocol';

export interface WarmInspectorOptions {
  timeoutMs?: number;
  /** Resident memory after an answer above which the worker is replaced. */
  maxRssBytes?: number;
  maxJobs?: number;
  /** The path for busy-time inspections; a fresh process per call by default. */
  coldInspect?: (path: string) => Promise<ModelInfo>;
}

interface Pending {
  resolve(model: ModelInfo): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

interface Warm {
  child: ChildProcess;
  lastStderrLine(): string | undefined;
  pending: Map<number, Pending>;
  jobs: number;
}

export class WarmInspector {
  private warm: Warm | undefined;
  private nextJob = 1;
  private closed = false;
  /** How many workers it has started (for tests and the breakdown: a reused worker does not count). */
  spawned = 0;
  private readonly timeoutMs: number;
  private readonly maxRssBytes: number;
  private readonly maxJobs: number;
  private readonly coldInspect: (path: string) => Promise<ModelInfo>;

  constructor(
    private readonly spec: WorkerSpawnSpec,
    options: WarmInspectorOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? INSPECT_TIMEOUT_MS;
    this.maxRssBytes = options.maxRssBytes ?? 1024 ** 3;
    this.maxJobs = options.maxJobs ?? 200;
    this.coldInspect = options.coldInspect ?? ((path) => inspectInWorker(spec, path));
  }

  /** Starts the worker now, so the first inspection finds ONNX Runtime loaded. */
  start(): void {
    if (!this.closed) this.ensure();
  }

  /** The worker's pid while one is up (tests kill it to check the restart). */
  get pid(): number | undefined {
    return this.warm?.child.pid;
  }

  inspect(path: string): Promise<ModelInfo> {
    if (this.closed) return this.coldInspect(path);
    const w = this.ensure();
    if (w.pending.size > 0) return this.coldInspect(path);
    const jobId = this.nextJob++;
    w.jobs += 1;
    return new Promise<ModelInfo>((resolve, reject) => {
      const timer = setTimeout(() => this.retire(w, `The worker did not answer within ${this.timeoutMs / 1000} s.`), this.timeoutMs);
      w.pending.set(jobId, { resolve, reject, timer });
      // Only a job in flight keeps the host's event loop alive, not an idle worker.
      w.child.channel?.ref();
      w.child.send({ type: 'inspect', modelPath: path, jobId });
    });
  }

  close(): void {
    this.closed = true;
    if (this.warm) this.retire(this.warm, 'The studio closed before the inspection finished.');
  }

  private ensure(): Warm {
    // A worker that died a moment ago may not have been noticed yet (its drain timer): not a slot to use.
    if (this.warm && !this.warm.child.connected) this.retire(this.warm, 'The worker exited.');
    if (this.warm) return this.warm;
    const { child, lastStderrLine } = forkWorker(this.spec);
    this.spawned += 1;
    const w: Warm = { child, lastStderrLine, pending: new Map(), jobs: 0 };
    this.warm = w;
    child.unref();
    child.channel?.unref();
    child.on('message', (raw: unknown) => this.answer(w, raw));
    child.on('error', (err) => this.retire(w, `Could not start a worker: ${err.message}`));
    onWorkerGone(child, (code, signal) => {
      const last = lastStderrLine();
      this.retire(w, `The worker ${signal ? `was killed by ${signal}` : `exited with code ${code}`}${last ? `: ${last}` : ''}.`);
    });
    return w;
  }

  private answer(w: Warm, raw: unknown): void {
    const m = WorkerToHostSchema.safeParse(raw);
    if (!m.success || (m.data.type !== 'inspected' && m.data.type !== 'error') || m.data.jobId === undefined) return;
    const job = w.pending.get(m.data.jobId);
    if (!job) return;
    w.pending.delete(m.data.jobId);
    clearTimeout(job.timer);
    if (w.pending.size === 0) w.child.channel?.unref();
    if (m.data.type === 'error') job.reject(new ModelError(m.data.message));
    else job.resolve(m.data.model);
    const overMemory = m.data.type === 'inspected' && (m.data.rssBytes ?? 0) > this.maxRssBytes;
    if ((overMemory || w.jobs >= this.maxJobs) && w.pending.size === 0) {
      this.retire(w, 'replaced');
      this.start();
    }
  }

  /** Kills this worker (if it is still the current one) and fails the jobs it held. */
  private retire(w: Warm, reason: string): void {
    if (this.warm === w) this.warm = undefined;
    for (const job of w.pending.values()) {
      clearTimeout(job.timer);
      job.reject(new ModelError(reason));
    }
    w.pending.clear();
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
  }
}

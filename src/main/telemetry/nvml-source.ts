/**
 * GPU telemetry read from NVML in this process, with no child process and no text to parse. The
 * reads run on a reader thread (nvml-reader-worker.ts) on its own timer, a batch of synchronous
 * FFI calls per tick, and arrive here as messages: no per-field promise, no call out on a pool
 * per tick, and nothing on the host's event loop but one message per batch. Every message is the
 * reader's heartbeat: silence past the watchdog's limit means a driver call hung, and the source
 * stops with the reason while the host carries on; a thread stuck for good is abandoned, so it
 * cannot keep the process from exiting (stuck-threads.ts).
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { GpuReading } from '../../shared/telemetry';
import type { GpuProcessSnapshot, GpuTelemetrySource } from './gpu-telemetry-source';
import type { NvmlLibrary } from './nvml-library';
import type { ReaderMessage, ReaderRequest, ReaderStart, WorkerUtilization } from './nvml-reader-protocol';
import { abandonThread } from './stuck-threads';

/** Starting the thread (module loading, more so from source through tsx) is not a driver call: it gets longer. */
const START_LIMIT_MS = 30_000;
const NO_PROCESSES: GpuProcessSnapshot = { workerMemoryMiB: null, workerGpus: [], others: [] };

export interface NvmlSourceOptions {
  intervalMs: number;
  /** GPU indices to sample; all when empty. */
  gpus: number[];
  /** The reader silent for this long stops the source (a hung driver). */
  callTimeoutMs?: number;
  /** Dyno's folder (appRoot()): the reader thread's script is under it. */
  root: string;
}

/**
 * The reader thread: the built `nvml-reader.js` in production, or the TypeScript source through
 * tsx's loader when running from source (tests, the benches), as defaultWorkerSpec does.
 */
function spawnReader(root: string, start: ReaderStart): Worker {
  if (!fileURLToPath(import.meta.url).endsWith('.ts')) return new Worker(join(root, 'out/main/nvml-reader.js'), { workerData: start });
  const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/esm/api/index.mjs')).href;
  const entry = pathToFileURL(join(root, 'src/main/telemetry/nvml-reader-worker.ts')).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, { eval: true, workerData: start });
}

export class NvmlSource implements GpuTelemetrySource {
  readonly kind = 'nvml' as const;
  readonly readings: GpuReading[] = [];
  failure: string | undefined;
  private worker: Worker | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private latestByIndex = new Map<number, GpuReading>();
  private nextId = 0;
  private readonly pending = new Map<number, (value: ReaderMessage & { type: 'reply' }) => void>();
  private started: (() => void) | undefined;
  private readonly startedP: Promise<void>;

  constructor(
    private readonly nvml: NvmlLibrary,
    private readonly o: NvmlSourceOptions,
  ) {
    this.startedP = new Promise((resolve) => (this.started = resolve));
  }

  start(): void {
    const worker = spawnReader(this.o.root, { path: this.nvml.path, intervalMs: this.o.intervalMs, gpus: this.o.gpus });
    this.worker = worker;
    this.watchdog = setTimeout(() => this.hung(START_LIMIT_MS), START_LIMIT_MS);
    worker.on('message', (m: ReaderMessage) => this.onMessage(m));
    worker.on('error', (err) => this.end(`GPU telemetry stopped: the NVML reader thread failed (${err.message}); CPU telemetry continues.`));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.end(`GPU telemetry stopped: the NVML reader thread exited (code ${code}); CPU telemetry continues.`);
    });
  }

  /** Resolves once the first reading is in (or the source has failed): the idle baseline starts after it. */
  ready(): Promise<void> {
    return this.startedP;
  }

  /** Takes the last readings and waits for them (bounded by the watchdog): call before stop(). */
  async drain(): Promise<void> {
    await this.request({ type: 'final', id: 0 });
  }

  stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    clearTimeout(this.watchdog);
    if (worker) void worker.terminate();
    this.settleAll();
  }

  latest(): GpuReading[] {
    return [...this.latestByIndex.values()].sort((a, b) => a.index - b.index);
  }

  /** Who holds GPU memory now; from now on the reader polls the worker's own utilisation too. */
  async processes(workerPid: number): Promise<GpuProcessSnapshot> {
    const reply = await this.request({ type: 'processes', id: 0, pid: workerPid });
    return (reply as GpuProcessSnapshot | null) ?? NO_PROCESSES;
  }

  /** The worker's mean SM and memory utilisation over the samples polled since processes(). */
  async processUtilization(): Promise<{ smPct: number; memPct: number } | null> {
    return ((await this.request({ type: 'utilization', id: 0 })) as WorkerUtilization | undefined) ?? null;
  }

  private limitMs(): number {
    return this.o.callTimeoutMs ?? Math.max(2_000, 10 * this.o.intervalMs);
  }

  private onMessage(m: ReaderMessage): void {
    if (!this.worker) return;
    if (m.type === 'loaded') {
      // From here on every wait is on a driver call.
      clearTimeout(this.watchdog);
      this.watchdog = setTimeout(() => this.hung(this.limitMs()), this.limitMs());
      return;
    }
    this.watchdog?.refresh();
    if (m.type === 'readings') {
      for (const r of m.readings) {
        this.readings.push(r);
        this.latestByIndex.set(r.index, r);
      }
    } else if (m.type === 'started') {
      if (m.gpus === 0) this.end('NVML lists no GPU (or none of the requested indices): GPU telemetry is off; CPU telemetry continues.');
      this.started?.();
    } else if (m.type === 'failed') {
      this.end(m.reason);
    } else {
      const settle = this.pending.get(m.id);
      this.pending.delete(m.id);
      settle?.(m);
    }
  }

  private request(req: ReaderRequest): Promise<unknown> {
    const worker = this.worker;
    if (!worker || this.failure) return Promise.resolve(undefined);
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.pending.set(id, (m) => resolve(m.value));
      worker.postMessage({ ...req, id });
    });
  }

  private hung(limitMs: number): void {
    const worker = this.worker;
    this.end(`NVML did not answer within ${(limitMs / 1000).toFixed(1)} s (driver hung?): GPU telemetry stopped; CPU telemetry continues.`);
    if (worker) abandonThread(worker);
  }

  /** Stops with the reason (the first one wins); whatever waits on the reader is let go. */
  private end(reason: string): void {
    this.failure ??= reason;
    const worker = this.worker;
    this.worker = undefined;
    clearTimeout(this.watchdog);
    if (worker) void worker.terminate();
    this.settleAll();
  }

  private settleAll(): void {
    for (const settle of this.pending.values()) settle({ type: 'reply', id: 0, value: null });
    this.pending.clear();
    this.started?.();
  }
}

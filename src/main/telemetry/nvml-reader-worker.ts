/**
 * The NVML reader thread: reads every GPU on its own timer, synchronously (NvmlReader), and
 * posts the readings to the main thread in batches. A driver call that hangs blocks only this
 * thread; the main thread's watchdog notices the silence and gives up on it (nvml-source.ts).
 * It binds the library the main thread initialised and never shuts it down: nvmlInit and
 * nvmlShutdown are per process, and the main thread keeps NVML for the next run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { GpuReading } from '../../shared/telemetry';
import { bindNvml, NvmlError } from './nvml-library';
import { NvmlReader } from './nvml-reader';
import type { UtilizationSums } from './nvml-processes';
import type { ReaderMessage, ReaderRequest, ReaderStart, WorkerUtilization } from './nvml-reader-protocol';

/** Readings are posted at most this often (each post costs both threads a wake-up); at 10 Hz, every reading. */
const BATCH_MS = 50;
/** The driver keeps a short buffer of per-process samples: read it this often once the worker's pid is known. */
const UTIL_POLL_MS = 250;

const port = parentPort;
if (!port) throw new Error('nvml-reader-worker.ts runs as a worker thread');
const start = workerData as ReaderStart;
const now = (): number => performance.timeOrigin + performance.now();
const post = (m: ReaderMessage): void => port.postMessage(m);
post({ type: 'loaded' });

const bound = await bindNvml(start.path);
if (!('nvml' in bound)) {
  post({ type: 'failed', reason: `GPU telemetry stopped: ${bound.reason}; CPU telemetry continues.` });
} else {
  const reader = new NvmlReader(bound.nvml, now);
  let failed = false;
  let timer: NodeJS.Timeout | undefined;
  let utilTimer: NodeJS.Timeout | undefined;
  let util: { pid: number; sums: UtilizationSums } | undefined;
  let batch: GpuReading[] = [];
  let lastPostMs = -Infinity;

  const fail = (err: unknown): void => {
    failed = true;
    clearInterval(timer);
    clearInterval(utilTimer);
    post({ type: 'failed', reason: `GPU telemetry stopped: ${err instanceof NvmlError ? err.message : String(err)}; CPU telemetry continues, readings so far are kept.` });
  };
  const guard = <T>(read: () => T): T | undefined => {
    if (failed) return undefined;
    try {
      return read();
    } catch (err) {
      fail(err);
      return undefined;
    }
  };
  const flush = (): void => {
    post({ type: 'readings', readings: batch });
    batch = [];
    lastPostMs = now();
  };
  const tick = (): void => {
    const readings = guard(() => reader.readAll());
    if (!readings) return;
    batch.push(...readings);
    if (now() - lastPostMs >= BATCH_MS) flush();
  };
  const pollUtilization = (): void => {
    const u = util;
    const got = u && guard(() => reader.utilizationSince(u.pid, u.sums.newestUs));
    if (u && got) u.sums = { sm: u.sums.sm + got.sm, mem: u.sums.mem + got.mem, samples: u.sums.samples + got.samples, newestUs: got.newestUs };
  };

  port.on('message', (req: ReaderRequest) => {
    if (req.type === 'final') {
      // The last readings, so that the measured window's end is bracketed by the counter.
      pollUtilization();
      if (!failed) tick();
      if (!failed) flush();
      post({ type: 'reply', id: req.id, value: null });
    } else if (req.type === 'processes') {
      const snapshot = guard(() => reader.processes(req.pid)) ?? null;
      if (!util) {
        util = { pid: req.pid, sums: { sm: 0, mem: 0, samples: 0, newestUs: BigInt(Math.floor(now() * 1000)) } };
        utilTimer = setInterval(pollUtilization, UTIL_POLL_MS);
      }
      post({ type: 'reply', id: req.id, value: snapshot });
    } else {
      pollUtilization();
      const s = util?.sums;
      const value: WorkerUtilization = s && s.samples > 0 ? { smPct: s.sm / s.samples, memPct: s.mem / s.samples } : null;
      post({ type: 'reply', id: req.id, value });
    }
  });

  const gpus = guard(() => reader.open(start.gpus));
  if (gpus !== undefined) {
    // A reading now, before the host's idle baseline starts: the counter brackets every phase.
    tick();
    if (!failed) flush();
    if (!failed) post({ type: 'started', gpus });
    if (!failed && gpus > 0) timer = setInterval(tick, start.intervalMs);
  }
}

/**
 * Benchmark worker process entry. Runs one benchmark per process: creates the ONNX Runtime
 * session, feeds generated inputs through the timing loop and streams samples to the host in
 * batches. Runs as a child process of the host (Electron main, `dyno serve` or the CLI).
 */
import { performance } from 'node:perf_hooks';
import { HostToWorkerSchema, type WorkerToHost } from './protocol';
import { runBenchmark, type BenchmarkOutcome } from '../engine/run-benchmark';
import { SampleBuffer } from '../engine/sample-buffer';
import { probe } from '../engine/provider-probe';
import { inspectModel } from '../models/inspect';
import { referenceOutputs } from '../engine/reference-outputs';
import { readGraphJob } from '../models/graph-job';
import { capOwnMemory } from './memory-cap';

/** Batches reach the host at least this often, and a cancel is heard within about this long. */
const FLUSH_EVERY_MS = 250;

function send(message: WorkerToHost): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error('the benchmark worker must be started with an IPC channel'));
    process.send(message, undefined, {}, (err) => (err ? reject(err) : resolve()));
  });
}

let cancelled = false;
let started = false;
let warm = false;

/** A warm inspector stays up between jobs (its host kills it), and goes when its host does. */
function serveInspection(modelPath: string, jobId: number): void {
  if (!warm) {
    warm = true;
    process.once('disconnect', () => process.exit(0));
  }
  void inspectModel(modelPath)
    .then((model) => send({ type: 'inspected', model, jobId, rssBytes: process.memoryUsage.rss() }))
    .catch((err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err), jobId }));
}

process.on('message', (raw: unknown) => {
  const parsed = HostToWorkerSchema.safeParse(raw);
  if (!parsed.success) return void send({ type: 'error', message: `worker got a malformed message: ${parsed.error.message}` });
  const message = parsed.data;
  if (message.type === 'cancel') {
    cancelled = true;
    return;
  }
  if (message.type === 'inspect' && message.jobId !== undefined && !started) {
    serveInspection(message.modelPath, message.jobId);
    return;
  }
  // A warm inspector does nothing else; a one-shot worker does one job.
  if (warm || started) return;
  started = true;
  if (message.type === 'inspect') {
    void inspectModel(message.modelPath)
      .then((model) => send({ type: 'inspected', model }))
      .catch((err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err) }))
      .finally(() => process.disconnect?.());
    return;
  }
  if (message.type === 'graph') {
    void Promise.resolve()
      .then(() => readGraphJob(message.modelPath, message.trace))
      .then((read) => send({ type: 'graph-read', ...read }))
      .catch((err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err) }))
      .finally(() => process.disconnect?.());
    return;
  }
  if (message.type === 'outputs') {
    void referenceOutputs(message.config, message.writeDir, message.references)
      .then((fidelity) => send({ type: 'outputs-compared', fidelity }))
      .catch((err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err) }))
      .finally(() => process.disconnect?.());
    return;
  }
  if (message.type === 'probe') {
    void probe(message.provider, message.modelPath)
      .then((result) => send({ type: 'probed', ...result }))
      .finally(() => process.disconnect?.());
    return;
  }
  const buffer = new SampleBuffer();
  const flush = async (): Promise<void> => {
    for (const batch of buffer.drain()) await send({ type: 'samples', batch });
    // Let the IPC channel deliver a 'cancel' that arrived while session.run held the loop.
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  const measure = async (): Promise<BenchmarkOutcome> => {
    // Before the session exists, so its weights and arenas count against the cap too.
    if (message.config.stop.memoryCapMiB !== undefined) capOwnMemory(message.config.stop.memoryCapMiB);
    return runBenchmark(message.config, {
      runId: message.runId,
      artifactsDir: message.artifactsDir,
      // resourceUsage().maxRSS is in kilobytes.
      peakRssBytes: () => process.resourceUsage().maxRSS * 1024,
      now: () => performance.now(),
      toEpochMs: (t) => performance.timeOrigin + t,
      isCancelled: () => cancelled,
      onReady: (ready) => send({ type: 'ready', ...ready }),
      onSample: (phase, i, tMs, latencyMs) => buffer.push(phase, i, tMs, latencyMs),
      onYield: flush,
      yieldEveryMs: FLUSH_EVERY_MS,
    });
  };
  measure()
    .then((result) => send({ type: 'done', ...result }))
    .catch((err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err) }))
    .finally(() => process.disconnect?.());
});

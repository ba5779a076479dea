/**
 * Telemetry for one run: an idle baseline first (only when there is an energy counter to
 * measure it with), the sampler while the worker runs, samples persisted in batches and
 * streamed live, then a summary over the measured window.
 */
import { performance } from 'node:perf_hooks';
import type { StudioEvent } from '../../shared/contract';
import type { TelemetryConfig, TelemetrySample, TelemetrySummary } from '../../shared/telemetry';
import type { RunsRepository } from '../store/runs-repository';
import { TelemetrySampler } from '../telemetry/sampler';
import { summarizeTelemetry, windowEnergyJ, type EnergyDevice } from '../telemetry/summarize';
import type { RaplDomain } from '../telemetry/rapl';
import { gpuMemoryOfProcess, type GpuPresence } from '../telemetry/gpu-presence';
import { eventReasonsField, NvidiaSmiStream, queryFields } from '../telemetry/nvidia-smi-stream';

/** Samples are written to SQLite in batches of about a second. */
const PERSIST_EVERY = 10;

export interface TelemetrySources {
  rapl: { domains: RaplDomain[]; reason?: string };
  gpu: () => Promise<GpuPresence>;
}

export class RunTelemetry {
  private readonly samples: TelemetrySample[] = [];
  private idleCount = 0;
  private pending: TelemetrySample[] = [];
  /** A telemetry write that failed on the sampler's timer, thrown from stop(). */
  private persistFailure: unknown;
  private sampler: TelemetrySampler | undefined;
  private stream: NvidiaSmiStream | undefined;
  private workerGpuMemory: Promise<number | null> | undefined;
  private smi: string | undefined;

  constructor(
    private readonly runId: string,
    private readonly config: TelemetryConfig,
    private readonly sources: TelemetrySources,
    private readonly repo: RunsRepository,
    private readonly emit: (e: StudioEvent) => void,
    private readonly workerPid: () => number | undefined,
  ) {}

  /** Starts sampling; resolves after the idle baseline, when the worker may start. */
  async start(): Promise<void> {
    if (!this.config.enabled) return;
    const gpu = await this.sources.gpu();
    if (gpu.available && gpu.smi) {
      this.smi = gpu.smi;
      this.stream = new NvidiaSmiStream({
        smi: gpu.smi,
        intervalMs: this.config.intervalMs,
        gpus: this.config.gpus,
        fields: queryFields(await eventReasonsField(gpu.smi)),
        now: () => performance.timeOrigin + performance.now(),
      });
      this.stream.start();
    }
    this.sampler = new TelemetrySampler({
      gpus: () => this.stream?.latest() ?? [],
      intervalMs: this.config.intervalMs,
      now: () => performance.timeOrigin + performance.now(),
      workerPid: this.workerPid,
      rapl: this.sources.rapl.domains,
      onSample: (s) => this.record(s),
    });
    this.sampler.start();
    const canMeasureIdle = this.sources.rapl.domains.length > 0 || this.stream !== undefined;
    if (canMeasureIdle && this.config.idleBaselineMs > 0) {
      await new Promise((r) => setTimeout(r, this.config.idleBaselineMs));
      this.idleCount = this.samples.length;
    }
  }

  /**
   * Called when measuring starts: by then the worker has allocated what it needs on the GPU,
   * so one `--query-compute-apps` call (once per run, not per sample) reads its footprint.
   */
  measuringStarted(): void {
    const pid = this.workerPid();
    if (this.smi && pid !== undefined && !this.workerGpuMemory) this.workerGpuMemory = gpuMemoryOfProcess(this.smi, pid);
  }

  private record(s: TelemetrySample): void {
    this.samples.push(s);
    this.pending.push(s);
    // This runs on the sampler's timer, where a throw would be uncaught in the host: a failed
    // write is kept and thrown from stop(), which fails the run with it.
    if (this.pending.length >= PERSIST_EVERY && this.persistFailure === undefined) {
      try {
        this.flush();
      } catch (err) {
        this.persistFailure = err;
      }
    }
    this.emit({ type: 'run.telemetry', runId: this.runId, samples: [s] });
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.repo.appendTelemetry(this.runId, this.pending);
    this.pending = [];
  }

  /** CPU energy (RAPL) over a window on the samples' time base; null where none was sampled. */
  energyBetween(fromMs: number, toMs: number): number | null {
    return windowEnergyJ(this.samples, fromMs, toMs);
  }

  async stop(window: { startMs?: number; endMs?: number; inferences: number; device: EnergyDevice }): Promise<TelemetrySummary | undefined> {
    if (!this.sampler) return undefined;
    this.sampler.stop();
    this.stream?.stop();
    if (this.persistFailure !== undefined) throw this.persistFailure;
    this.flush();
    if (window.startMs === undefined || window.endMs === undefined) return undefined;
    const gpu = await this.sources.gpu();
    const streamFailure = this.stream?.failure;
    const workerMemoryMiB = (await this.workerGpuMemory) ?? null;
    const summary = summarizeTelemetry({
      samples: this.samples.slice(this.idleCount),
      gpuReadings: this.stream?.readings ?? [],
      idleSamples: this.samples.slice(0, this.idleCount),
      windowStartMs: window.startMs,
      windowEndMs: window.endMs,
      inferences: window.inferences,
      device: window.device,
      intervalMs: this.config.intervalMs,
      gpu: streamFailure ? { available: false, reason: streamFailure } : { available: gpu.available, ...(gpu.reason ? { reason: gpu.reason } : {}) },
      ...(this.sources.rapl.reason ? { energyUnavailableReason: this.sources.rapl.reason } : {}),
    });
    return { ...summary, gpu: { ...summary.gpu, workerMemoryMiB } };
  }
}

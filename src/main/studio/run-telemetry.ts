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
import type { GpuPresence } from '../telemetry/gpu-presence';
import { eventReasonsField, NvidiaSmiStream, queryFields } from '../telemetry/nvidia-smi-stream';
import { NvmlSource } from '../telemetry/nvml-source';
import { appRoot } from './paths';
import type { GpuProcessSnapshot, GpuTelemetrySource } from '../telemetry/gpu-telemetry-source';

/** Samples are written to SQLite in batches of about a second. */
const PERSIST_EVERY = 10;
/** nvidia-smi's stream is not asked for more than 50 readings a second; NVML goes down to 10 ms. */
const SMI_MIN_INTERVAL_MS = 20;

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
  private stream: GpuTelemetrySource | undefined;
  private gpuProcesses: Promise<GpuProcessSnapshot> | undefined;
  private intervalMs: number;

  constructor(
    private readonly runId: string,
    private readonly config: TelemetryConfig,
    private readonly sources: TelemetrySources,
    private readonly repo: RunsRepository,
    private readonly emit: (e: StudioEvent) => void,
    private readonly workerPid: () => number | undefined,
  ) {
    this.intervalMs = config.intervalMs;
  }

  /** Starts sampling; resolves after the idle baseline, when the worker may start. */
  async start(): Promise<void> {
    if (!this.config.enabled) return;
    const gpu = await this.sources.gpu();
    const now = (): number => performance.timeOrigin + performance.now();
    if (gpu.available && gpu.nvml) {
      this.stream = new NvmlSource(gpu.nvml, { intervalMs: this.intervalMs, gpus: this.config.gpus, root: appRoot() });
    } else if (gpu.available && gpu.smi) {
      this.intervalMs = Math.max(SMI_MIN_INTERVAL_MS, this.intervalMs);
      this.stream = new NvidiaSmiStream({ smi: gpu.smi, intervalMs: this.intervalMs, gpus: this.config.gpus, fields: queryFields(await eventReasonsField(gpu.smi)), now });
    }
    this.stream?.start();
    // The first GPU reading before the idle baseline starts, so that the counter brackets it.
    await this.stream?.ready?.();
    this.sampler = new TelemetrySampler({
      gpus: () => this.stream?.latest() ?? [],
      intervalMs: this.intervalMs,
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
   * so one process listing (once per run, not per sample) reads its footprint and its neighbours.
   */
  measuringStarted(): void {
    const pid = this.workerPid();
    if (this.stream && pid !== undefined && !this.gpuProcesses) {
      this.gpuProcesses = this.stream.processes(pid);
    }
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
    await this.stream?.drain?.();
    const workerUtil = (await this.stream?.processUtilization?.()) ?? null;
    this.stream?.stop();
    if (this.persistFailure !== undefined) throw this.persistFailure;
    this.flush();
    if (window.startMs === undefined || window.endMs === undefined) return undefined;
    const gpu = await this.sources.gpu();
    const processes = await this.gpuProcesses;
    const streamFailure = this.stream?.failure;
    const source = this.stream?.kind ?? 'none';
    const note = gpu.sourceNote ? { sourceNote: gpu.sourceNote } : {};
    const summary = summarizeTelemetry({
      samples: this.samples.slice(this.idleCount),
      gpuReadings: this.stream?.readings ?? [],
      idleSamples: this.samples.slice(0, this.idleCount),
      windowStartMs: window.startMs,
      windowEndMs: window.endMs,
      inferences: window.inferences,
      device: window.device,
      intervalMs: this.intervalMs,
      // A source that stopped early keeps its readings (figures up to then) and says why.
      gpu: streamFailure
        ? { available: this.stream !== undefined && this.stream.readings.length > 0, reason: streamFailure, source, ...note }
        : { available: gpu.available, ...(gpu.reason ? { reason: gpu.reason } : {}), source, ...note },
      ...(processes?.workerGpus.length ? { workerGpus: processes.workerGpus } : {}),
      ...(this.sources.rapl.reason ? { energyUnavailableReason: this.sources.rapl.reason } : {}),
    });
    return {
      ...summary,
      window: { startMs: window.startMs, endMs: window.endMs },
      gpu: {
        ...summary.gpu,
        workerMemoryMiB: processes?.workerMemoryMiB ?? null,
        workerSmUtilPct: workerUtil?.smPct ?? null,
        workerMemUtilPct: workerUtil?.memPct ?? null,
        otherProcesses: processes?.others ?? [],
      },
    };
  }
}

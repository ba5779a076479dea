/**
 * One long-running `nvidia-smi --query-gpu=… --format=csv,nounits -lms N` per run (never a
 * process per sample). Lines are parsed by the header nvidia-smi prints first; the latest
 * reading of each GPU is kept for the sampler and every reading for the run's summary. A
 * stream that goes silent is killed and the reason kept, and CPU telemetry carries on.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { GpuReading } from '../../shared/telemetry';
import { headerFields, parseRow, queryFields } from './nvidia-smi-csv';
import { gpuMemoryOfProcess, NVIDIA_SMI_TIMEOUT_MS } from './gpu-presence';
import type { GpuProcessSnapshot, GpuTelemetrySource } from './gpu-telemetry-source';

/** Which name this driver uses for the throttle-reason bit mask: ask --help-query-gpu once. */
export function eventReasonsField(smi: string): Promise<'clocks_event_reasons.active' | 'clocks_throttle_reasons.active'> {
  return new Promise((resolve) => {
    execFile(smi, ['--help-query-gpu'], { timeout: NVIDIA_SMI_TIMEOUT_MS, killSignal: 'SIGKILL' }, (_err, stdout) => {
      resolve(String(stdout).includes('clocks_event_reasons.active') ? 'clocks_event_reasons.active' : 'clocks_throttle_reasons.active');
    });
  });
}

export interface StreamOptions {
  smi: string;
  intervalMs: number;
  /** GPU indices to sample; all when empty. */
  gpus: number[];
  fields: string[];
  now: () => number;
  /** Silence longer than this kills the stream (a hung driver). */
  silenceTimeoutMs?: number;
}

export class NvidiaSmiStream implements GpuTelemetrySource {
  readonly kind = 'nvidia-smi' as const;
  private child: ChildProcess | undefined;
  private fields: string[] | undefined;
  private readonly latestByIndex = new Map<number, GpuReading>();
  readonly readings: GpuReading[] = [];
  failure: string | undefined;
  private watchdog: NodeJS.Timeout | undefined;

  constructor(private readonly o: StreamOptions) {}

  start(): void {
    const args = [`--query-gpu=${this.o.fields.join(',')}`, '--format=csv,nounits', `-lms=${this.o.intervalMs}`];
    if (this.o.gpus.length > 0) args.push(`--id=${this.o.gpus.join(',')}`);
    const child = spawn(this.o.smi, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-1000)));
    child.on('error', (err) => (this.failure ??= `nvidia-smi could not start: ${err.message}`));
    child.on('exit', (code, signal) => {
      clearTimeout(this.watchdog);
      if (this.child && !this.failure && signal !== 'SIGTERM') {
        this.failure = `nvidia-smi stopped (${signal ?? `exit ${code}`})${stderr.trim() ? `: ${stderr.trim().split('\n')[0]}` : ''}`;
      }
    });
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => this.onLine(line));
    this.arm();
  }

  private arm(): void {
    clearTimeout(this.watchdog);
    const limit = this.o.silenceTimeoutMs ?? Math.max(NVIDIA_SMI_TIMEOUT_MS, 10 * this.o.intervalMs);
    this.watchdog = setTimeout(() => {
      this.failure = `nvidia-smi sent nothing for ${(limit / 1000).toFixed(1)} s and was stopped (driver hung?); CPU telemetry continues.`;
      this.child?.kill('SIGKILL');
    }, limit);
  }

  private onLine(line: string): void {
    this.arm();
    const trimmed = line.trim();
    if (!trimmed) return;
    if (!this.fields || trimmed.startsWith('index')) {
      // The header comes first (and again on some drivers after a GPU reset).
      this.fields = headerFields(trimmed);
      return;
    }
    const reading = parseRow(this.fields, trimmed, this.o.now());
    if (!reading) return;
    this.latestByIndex.set(reading.index, reading);
    this.readings.push(reading);
  }

  /** The worker's footprint from one `--query-compute-apps` call; nvidia-smi's other tenants are in the run's environment. */
  async processes(workerPid: number): Promise<GpuProcessSnapshot> {
    return { workerMemoryMiB: await gpuMemoryOfProcess(this.o.smi, workerPid), workerGpus: [], others: [] };
  }

  latest(): GpuReading[] {
    return [...this.latestByIndex.values()].sort((a, b) => a.index - b.index);
  }

  stop(): void {
    clearTimeout(this.watchdog);
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 1000).unref();
    }
  }
}

export { queryFields };

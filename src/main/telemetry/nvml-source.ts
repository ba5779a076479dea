/**
 * GPU telemetry read from NVML in this process, on its own timer: no child process and no text
 * to parse. Each tick first makes one call off the main thread (koffi's worker pool), watched by
 * a timer — a wedged driver hangs that call, the watchdog stops the source with the reason and
 * the host carries on — and, once it has returned, reads every field synchronously (about a
 * microsecond each; an async call costs ~20 µs of CPU). PCIe throughput blocks ~20 ms in the
 * driver, so it is read off the main thread, one pair at a time and twice a second, each
 * reading carrying the latest. A field that answers NOT_SUPPORTED is absent (null) and not asked again.
 */
import type { GpuReading } from '../../shared/telemetry';
import type { GpuProcessSnapshot, GpuTelemetrySource } from './gpu-telemetry-source';
import { energySinceMj } from './gpu-energy-counter';
import { NvmlError, type NvmlLibrary } from './nvml-library';
import { readComputeProcesses, readProcessUtilization, type UtilizationSums } from './nvml-processes';
import { POWER_FIELDS_BYTES, readPowerFields, requestPcie, type PcieState } from './nvml-fields';

const MIB = 1024 * 1024;
/** PCIe throughput is the driver's own 20 ms sample and costs two calls off the main thread (~90 µs of CPU): twice a second is plenty. */
const PCIE_EVERY_MS = 500;
/** The driver keeps a short buffer of per-process samples: read it this often while the worker runs. */
const UTIL_POLL_MS = 250;
/** nvmlPstates_t: 0..15, 32 = unknown. */
const PSTATE_UNKNOWN = 32;

export interface NvmlSourceOptions {
  intervalMs: number;
  /** GPU indices to sample; all when empty. */
  gpus: number[];
  now: () => number;
  /** A tick's first call not back within this stops the source (a hung driver). */
  callTimeoutMs?: number;
}

interface Device {
  index: number;
  handle: bigint;
  uuid: string | null;
  name: string | null;
  memTotalMiB: number | null;
  powerLimitW: number | null;
  energyBase?: bigint;
  pcie: PcieState;
  unsupported: Set<string>;
}

export class NvmlSource implements GpuTelemetrySource {
  readonly kind = 'nvml' as const;
  readonly readings: GpuReading[] = [];
  failure: string | undefined;
  private devices: Device[] = [];
  private timer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private waiting = false;
  /** Settles when the tick's call on the background thread is back, or the watchdog gave up on it. */
  private inFlight: Promise<void> = Promise.resolve();
  private latestByIndex = new Map<number, GpuReading>();
  private readonly u32 = new Uint32Array(2);
  private readonly u64 = new BigUint64Array(3);
  private readonly i32 = new Int32Array(1);
  private readonly heartbeat = new Uint32Array(1);
  private readonly fields = Buffer.alloc(POWER_FIELDS_BYTES);
  private util: { pid: number; sums: UtilizationSums } | undefined;
  private utilTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly nvml: NvmlLibrary,
    private readonly o: NvmlSourceOptions,
  ) {}

  start(): void {
    try {
      this.devices = this.openDevices();
    } catch (err) {
      this.fail(err);
      return;
    }
    if (this.devices.length === 0) {
      this.failure = 'NVML lists no GPU (or none of the requested indices): GPU telemetry is off; CPU telemetry continues.';
      return;
    }
    // A reading now and one at stop(): the energy counter brackets every phase in between,
    // however late a starved host's timer fires.
    this.readAll();
    if (!this.failure) this.timer = setInterval(() => this.tick(), this.o.intervalMs);
  }

  drain(): Promise<void> {
    return this.inFlight;
  }

  stop(): void {
    // The last readings, while the source still answers (never behind a call that has not returned).
    if (this.timer && !this.failure && !this.waiting) {
      this.pollUtilization();
      this.readAll();
    }
    clearInterval(this.timer);
    clearInterval(this.utilTimer);
    clearTimeout(this.watchdog);
    this.timer = undefined;
  }

  latest(): GpuReading[] {
    return [...this.latestByIndex.values()].sort((a, b) => a.index - b.index);
  }

  /** Who holds GPU memory now; from now on the worker's own utilisation is polled too. */
  processes(workerPid: number): Promise<GpuProcessSnapshot> {
    const snapshot = this.guard(() => readComputeProcesses(this.nvml, this.devices, workerPid)) ?? { workerMemoryMiB: null, workerGpus: [], others: [] };
    if (!this.util) {
      this.util = { pid: workerPid, sums: { sm: 0, mem: 0, samples: 0, newestUs: BigInt(Math.floor(this.o.now() * 1000)) } };
      this.utilTimer = setInterval(() => this.pollUtilization(), UTIL_POLL_MS).unref();
    }
    return Promise.resolve(snapshot);
  }

  /** The worker's mean SM and memory utilisation over the samples polled since processes(). */
  processUtilization(): Promise<{ smPct: number; memPct: number } | null> {
    this.pollUtilization();
    const s = this.util?.sums;
    return Promise.resolve(s && s.samples > 0 ? { smPct: s.sm / s.samples, memPct: s.mem / s.samples } : null);
  }

  private pollUtilization(): void {
    const util = this.util;
    if (!util || !this.timer) return;
    const got = this.guard(() => readProcessUtilization(this.nvml, this.devices, util.pid, util.sums.newestUs));
    if (got) util.sums = { sm: util.sums.sm + got.sm, mem: util.sums.mem + got.mem, samples: util.sums.samples + got.samples, newestUs: got.newestUs };
  }

  private guard<T>(read: () => T): T | undefined {
    if (this.failure) return undefined;
    try {
      return read();
    } catch (err) {
      this.fail(err);
      return undefined;
    }
  }

  private openDevices(): Device[] {
    const { fn, ok } = this.nvml;
    const count = this.u32;
    if (!ok('nvmlDeviceGetCount_v2', fn.count(count) as number)) return [];
    const total = count[0] ?? 0;
    const wanted = this.o.gpus.length ? this.o.gpus.filter((i) => i < total) : [...Array(total).keys()];
    return wanted.flatMap((index): Device[] => {
      const handle = new BigUint64Array(1);
      if (!ok('nvmlDeviceGetHandleByIndex_v2', fn.handle(index, handle) as number)) return [];
      const h = handle[0] as bigint;
      const dev: Device = { index, handle: h, uuid: null, name: null, memTotalMiB: null, powerLimitW: null, pcie: { tx: null, rx: null, inFlight: false, lastMs: -Infinity, unsupported: false }, unsupported: new Set() };
      dev.name = fn.name ? this.nvml.readString((b, l) => fn.name?.(h, b, l) as number) : null;
      dev.uuid = fn.uuid ? this.nvml.readString((b, l) => fn.uuid?.(h, b, l) as number) : null;
      dev.powerLimitW = this.readU32(dev, 'powerLimit', (b) => fn.powerLimit?.(h, b) as number, 1000);
      return [dev];
    });
  }

  private tick(): void {
    if (this.waiting || this.failure) return;
    const first = this.devices[0];
    const power = this.nvml.fn.power;
    if (!first || !power) return this.readAll();
    this.waiting = true;
    let back = (): void => undefined;
    this.inFlight = new Promise<void>((resolve) => (back = resolve));
    const limit = this.o.callTimeoutMs ?? Math.max(2_000, 10 * this.o.intervalMs);
    this.watchdog = setTimeout(() => {
      this.failure = `NVML did not answer within ${(limit / 1000).toFixed(1)} s (driver hung?): GPU telemetry stopped; CPU telemetry continues.`;
      this.stop();
      back();
    }, limit);
    power.async(first.handle, this.heartbeat, () => {
      clearTimeout(this.watchdog);
      this.waiting = false;
      if (this.timer && !this.failure) this.readAll();
      back();
    });
  }

  private readAll(): void {
    try {
      for (const dev of this.devices) {
        const reading = this.read(dev);
        this.latestByIndex.set(dev.index, reading);
        this.readings.push(reading);
      }
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    // The reason first: stop() reads no more once there is one.
    this.failure = `GPU telemetry stopped: ${err instanceof NvmlError ? err.message : String(err)}; CPU telemetry continues, readings so far are kept.`;
    this.stop();
  }

  /** One GPU now. Throws NvmlError when the GPU is lost. */
  private read(dev: Device): GpuReading {
    const { fn } = this.nvml;
    const h = dev.handle;
    const tMs = this.o.now();
    const util = this.call(dev, 'utilization', (b) => fn.utilization?.(h, b) as number, this.u32) ? [this.u32[0] ?? null, this.u32[1] ?? null] : [null, null];
    const mem = this.call(dev, 'memory', (b) => fn.memory?.(h, b) as number, this.u64) ? { total: Number(this.u64[0]) / MIB, used: Number(this.u64[2]) / MIB } : null;
    if (mem) dev.memTotalMiB = mem.total;
    const pstate = this.call(dev, 'pstate', (b) => fn.pstate?.(h, b) as number, this.i32) ? (this.i32[0] ?? PSTATE_UNKNOWN) : PSTATE_UNKNOWN;
    const throttle = this.call(dev, 'throttle', (b) => fn.throttle?.(h, b) as number, this.u64) ? Number(this.u64[0]) : null;
    const energy = this.call(dev, 'energy', (b) => fn.energy?.(h, b) as number, this.u64) ? (this.u64[0] as bigint) : null;
    if (energy !== null) dev.energyBase ??= energy;
    const [powerAvgW, powerInstantW] = this.powerFields(dev);
    this.readPcie(dev);
    return {
      tMs,
      index: dev.index,
      uuid: dev.uuid,
      name: dev.name,
      utilGpuPct: util[0] ?? null,
      utilMemPct: util[1] ?? null,
      memUsedMiB: mem?.used ?? null,
      memTotalMiB: dev.memTotalMiB,
      powerW: this.readU32(dev, 'power', (b) => fn.power?.(h, b) as number, 1000),
      powerLimitW: dev.powerLimitW,
      tempC: this.readU32(dev, 'temperature', (b) => fn.temperature?.(h, 0, b) as number),
      smClockMHz: this.readU32(dev, 'smClock', (b) => fn.clock?.(h, 1, b) as number),
      memClockMHz: this.readU32(dev, 'memClock', (b) => fn.clock?.(h, 2, b) as number),
      pstate: pstate === PSTATE_UNKNOWN ? null : `P${pstate}`,
      throttleReasons: throttle,
      pcieTxKBps: dev.pcie.tx,
      pcieRxKBps: dev.pcie.rx,
      powerInstantW,
      powerAvgW,
      energyMj: energy === null || dev.energyBase === undefined ? null : energySinceMj(dev.energyBase, energy),
    };
  }

  /** Calls a reader into `buf` unless the field is known unsupported; false for an absent reading. */
  private call(dev: Device, field: string, read: (buf: Uint32Array | BigUint64Array | Int32Array | Buffer) => number | undefined, buf: Uint32Array | BigUint64Array | Int32Array | Buffer): boolean {
    if (dev.unsupported.has(field)) return false;
    const code = read(buf);
    if (code === undefined) {
      dev.unsupported.add(field); // the function is missing from this driver
      return false;
    }
    if (this.nvml.ok(field, code)) return true;
    dev.unsupported.add(field);
    return false;
  }

  private readU32(dev: Device, field: string, read: (buf: Uint32Array) => number | undefined, divisor = 1): number | null {
    return this.call(dev, field, read as (b: unknown) => number | undefined, this.u32) ? (this.u32[0] ?? 0) / divisor : null;
  }

  /** [1 s average, instantaneous] power, null where not offered (asked once more only if one was). */
  private powerFields(dev: Device): [number | null, number | null] {
    const fn = this.nvml.fn.fieldValues;
    if (!fn || dev.unsupported.has('powerFields')) return [null, null];
    const { code, avgW, instantW } = readPowerFields(fn, dev.handle, this.fields);
    if (!this.nvml.ok('nvmlDeviceGetFieldValues', code) || (avgW === null && instantW === null)) dev.unsupported.add('powerFields');
    return [avgW, instantW];
  }

  private readPcie(dev: Device): void {
    const fn = this.nvml.fn.pcie;
    const nowMs = this.o.now();
    if (fn && !dev.pcie.inFlight && !dev.pcie.unsupported && nowMs - dev.pcie.lastMs >= PCIE_EVERY_MS) requestPcie(fn, dev.handle, dev.pcie, nowMs);
  }
}

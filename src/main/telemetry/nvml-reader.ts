/**
 * Every NVML read a GPU reading needs, made synchronously on the calling thread (the reader
 * thread, nvml-reader-worker.ts): about a microsecond per field through koffi, into buffers
 * allocated once. A field that answers NOT_SUPPORTED is absent (null) and not asked again. PCIe
 * throughput blocks ~20 ms in the driver, so it is started on koffi's pool twice a second and
 * each reading carries the latest pair. Throws NvmlError when the GPU is lost.
 */
import type { GpuReading } from '../../shared/telemetry';
import type { GpuProcessSnapshot } from './gpu-telemetry-source';
import { energySinceMj } from './gpu-energy-counter';
import type { NvmlLibrary } from './nvml-library';
import { readComputeProcesses, readProcessUtilization, type UtilizationSums } from './nvml-processes';
import { POWER_FIELDS_BYTES, readPowerFields, requestPcie, type PcieState } from './nvml-fields';

const MIB = 1024 * 1024;
/** PCIe throughput is the driver's own 20 ms sample and costs two calls off this thread (~90 µs of CPU): twice a second is plenty. */
const PCIE_EVERY_MS = 500;
/** nvmlPstates_t: 0..15, 32 = unknown. */
const PSTATE_UNKNOWN = 32;

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

export class NvmlReader {
  private devices: Device[] = [];
  private readonly u32 = new Uint32Array(2);
  private readonly u64 = new BigUint64Array(3);
  private readonly i32 = new Int32Array(1);
  private readonly fields = Buffer.alloc(POWER_FIELDS_BYTES);

  constructor(
    private readonly nvml: NvmlLibrary,
    private readonly now: () => number,
  ) {}

  /** Opens the requested GPUs (all when empty); how many answered. */
  open(gpus: readonly number[]): number {
    const { fn, ok } = this.nvml;
    const count = this.u32;
    if (!ok('nvmlDeviceGetCount_v2', fn.count(count) as number)) return 0;
    const total = count[0] ?? 0;
    const wanted = gpus.length ? gpus.filter((i) => i < total) : [...Array(total).keys()];
    this.devices = wanted.flatMap((index): Device[] => {
      const handle = new BigUint64Array(1);
      if (!ok('nvmlDeviceGetHandleByIndex_v2', fn.handle(index, handle) as number)) return [];
      const h = handle[0] as bigint;
      const dev: Device = { index, handle: h, uuid: null, name: null, memTotalMiB: null, powerLimitW: null, pcie: { tx: null, rx: null, inFlight: false, lastMs: -Infinity, unsupported: false }, unsupported: new Set() };
      dev.name = fn.name ? this.nvml.readString((b, l) => fn.name?.(h, b, l) as number) : null;
      dev.uuid = fn.uuid ? this.nvml.readString((b, l) => fn.uuid?.(h, b, l) as number) : null;
      dev.powerLimitW = this.readU32(dev, 'powerLimit', (b) => fn.powerLimit?.(h, b) as number, 1000);
      return [dev];
    });
    return this.devices.length;
  }

  /** One reading of every opened GPU. */
  readAll(): GpuReading[] {
    return this.devices.map((dev) => this.read(dev));
  }

  processes(workerPid: number): GpuProcessSnapshot {
    return readComputeProcesses(this.nvml, this.devices, workerPid);
  }

  utilizationSince(workerPid: number, sinceUs: bigint): UtilizationSums | null {
    return readProcessUtilization(this.nvml, this.devices, workerPid, sinceUs);
  }

  private read(dev: Device): GpuReading {
    const { fn } = this.nvml;
    const h = dev.handle;
    const tMs = this.now();
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
    const nowMs = this.now();
    if (fn && !dev.pcie.inFlight && !dev.pcie.unsupported && nowMs - dev.pcie.lastMs >= PCIE_EVERY_MS) requestPcie(fn, dev.handle, dev.pcie, nowMs);
  }
}

/**
 * Who is on the GPUs, from NVML: the compute processes holding memory on each sampled GPU
 * (nvmlDeviceGetComputeRunningProcesses_v3) — the benchmark worker's own footprint and the
 * other tenants that disturb it — and the worker's own SM and memory utilisation from the
 * driver's per-process samples (nvmlDeviceGetProcessUtilization), where the driver keeps them.
 */
import type { GpuProcessSnapshot } from './gpu-telemetry-source';
import type { NvmlLibrary } from './nvml-library';

const MIB = 1024 * 1024;
/** nvmlProcessInfo_t (v2/v3): pid u32, usedGpuMemory u64 at 8, gpuInstanceId, computeInstanceId: 24 bytes. */
const PROCESS_BYTES = 24;
/** nvmlProcessUtilizationSample_t: pid u32, timeStamp u64 at 8, smUtil, memUtil, encUtil, decUtil: 32 bytes. */
const SAMPLE_BYTES = 32;
/** NVML_VALUE_NOT_AVAILABLE for unsigned long long: the memory is not reported (e.g. under WDDM). */
const NOT_AVAILABLE = 0xffffffffffffffffn;

interface Handle {
  index: number;
  handle: bigint;
}

/** Calls a list-returning NVML function, growing the buffer once if the list grew meanwhile. */
function list(nvml: NvmlLibrary, call: string, read: (count: Uint32Array, buf: Buffer) => number, bytes: number): Buffer | null {
  const count = new Uint32Array([64]);
  for (let attempt = 0; attempt < 2; attempt++) {
    const buf = Buffer.alloc(Math.max(1, count[0] ?? 0) * bytes);
    const code = read(count, buf);
    if (nvml.isInsufficientSize(code)) {
      count[0] = (count[0] ?? 0) + 8;
      continue;
    }
    return nvml.ok(call, code) ? buf.subarray(0, (count[0] ?? 0) * bytes) : null;
  }
  return null;
}

export function readComputeProcesses(nvml: NvmlLibrary, devices: readonly Handle[], workerPid: number): GpuProcessSnapshot {
  const fn = nvml.fn.processes;
  const snapshot: GpuProcessSnapshot = { workerMemoryMiB: null, workerGpus: [], others: [] };
  if (!fn) return snapshot;
  for (const dev of devices) {
    const buf = list(nvml, 'nvmlDeviceGetComputeRunningProcesses_v3', (count, b) => fn(dev.handle, count, b) as number, PROCESS_BYTES);
    for (let at = 0; buf && at + PROCESS_BYTES <= buf.length; at += PROCESS_BYTES) {
      const pid = buf.readUInt32LE(at);
      const raw = buf.readBigUInt64LE(at + 8);
      const usedMemoryMiB = raw === NOT_AVAILABLE ? null : Number(raw) / MIB;
      if (pid === workerPid) {
        snapshot.workerGpus.push(dev.index);
        if (usedMemoryMiB !== null) snapshot.workerMemoryMiB = (snapshot.workerMemoryMiB ?? 0) + usedMemoryMiB;
      } else {
        const name = nvml.fn.processName ? nvml.readString((b, l) => nvml.fn.processName?.(pid, b, l) as number) : null;
        snapshot.others.push({ gpu: dev.index, pid, name, usedMemoryMiB });
      }
    }
  }
  return snapshot;
}

export interface UtilizationSums {
  sm: number;
  mem: number;
  samples: number;
  /** The newest sample's time stamp (µs since the epoch): the next call's lastSeenTimeStamp. */
  newestUs: bigint;
}

/**
 * The worker's SM and memory utilisation samples newer than `sinceUs` (µs since the epoch; NVML
 * stamps samples on that clock), summed across the GPUs it ran on. The driver keeps only a short
 * buffer of samples, so the caller polls while the worker runs. Null where the driver keeps no
 * per-process samples.
 */
export function readProcessUtilization(nvml: NvmlLibrary, devices: readonly Handle[], workerPid: number, sinceUs: bigint): UtilizationSums | null {
  const fn = nvml.fn.processUtilization;
  if (!fn) return null;
  const sums: UtilizationSums = { sm: 0, mem: 0, samples: 0, newestUs: sinceUs };
  for (const dev of devices) {
    const buf = list(nvml, 'nvmlDeviceGetProcessUtilization', (count, b) => fn(dev.handle, b, count, sinceUs) as number, SAMPLE_BYTES);
    for (let at = 0; buf && at + SAMPLE_BYTES <= buf.length; at += SAMPLE_BYTES) {
      const ts = buf.readBigUInt64LE(at + 8);
      if (buf.readUInt32LE(at) !== workerPid || ts <= sinceUs) continue;
      sums.sm += buf.readUInt32LE(at + 16);
      sums.mem += buf.readUInt32LE(at + 20);
      sums.samples++;
      if (ts > sums.newestUs) sums.newestUs = ts;
    }
  }
  return sums;
}

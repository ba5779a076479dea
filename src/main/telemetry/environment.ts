/**
 * The environment fingerprint stored with every run, so a later comparison can warn when two
 * runs were not measured on comparable machines or software.
 */
import { cpus, release, totalmem, type } from 'node:os';
import si from 'systeminformation';
import * as ort from 'onnxruntime-node';
import { vectorCpuFlags, type Environment } from '../../shared/telemetry';
import { gpuInventory, type GpuPresence } from './gpu-presence';

export async function environmentFingerprint(opts: { executionProvider: string; electronVersion: string | null; gpu: GpuPresence }): Promise<Environment> {
  const cpuList = cpus();
  const [cpu, temperature, inventory] = await Promise.all([
    si.cpu().catch(() => undefined),
    si.cpuTemperature().catch(() => undefined),
    opts.gpu.smi ? gpuInventory(opts.gpu.smi) : Promise.resolve(undefined),
  ]);
  const gpus = inventory
    ? inventory.gpus.map((g) => ({ name: g.name, driver: inventory.driverVersion, uuid: g.uuid, memoryTotalMiB: g.memoryTotalMiB, powerLimitW: g.powerLimitW, smClockMHz: g.smClockMHz }))
    : opts.gpu.gpus.map((g) => ({ ...g, uuid: null, memoryTotalMiB: null, powerLimitW: null, smClockMHz: null }));
  return {
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown CPU',
    logicalCores: cpuList.length,
    physicalCores: cpu?.physicalCores ?? null,
    totalMemoryBytes: totalmem(),
    os: `${type()} ${process.arch}`,
    kernel: release(),
    nodeVersion: process.versions.node,
    electronVersion: opts.electronVersion,
    ortVersion: ort.env.versions.node ?? ort.env.versions.common,
    executionProvider: opts.executionProvider,
    gpus,
    cudaVersion: inventory?.cudaVersion ?? null,
    gpuProcesses: inventory?.gpus.flatMap((g) => g.processes.map((p) => ({ gpu: g.index, ...p }))) ?? [],
    ...(opts.gpu.reason ? { gpuReason: opts.gpu.reason } : {}),
    cpuTemperatureC: typeof temperature?.main === 'number' ? temperature.main : null,
    ...(cpu?.flags ? { cpuFlags: vectorCpuFlags(cpu.flags) } : {}),
  };
}

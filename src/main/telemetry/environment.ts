/**
 * The environment fingerprint stored with every run, so a later comparison can warn when two
 * runs were not measured on comparable machines or software.
 */
import { cpus, release, totalmem, type } from 'node:os';
import si from 'systeminformation';
import * as ort from 'onnxruntime-node';
import type { Environment } from '../../shared/telemetry';
import type { GpuPresence } from './gpu-presence';

export async function environmentFingerprint(opts: { executionProvider: string; electronVersion: string | null; gpu: GpuPresence }): Promise<Environment> {
  const cpuList = cpus();
  const [cpu, temperature] = await Promise.all([si.cpu().catch(() => undefined), si.cpuTemperature().catch(() => undefined)]);
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
    gpus: opts.gpu.gpus,
    ...(opts.gpu.reason ? { gpuReason: opts.gpu.reason } : {}),
    cpuTemperatureC: typeof temperature?.main === 'number' ? temperature.main : null,
  };
}

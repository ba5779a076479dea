/**
 * Whether NVIDIA telemetry is possible here, and from which source: NVML in this process when
 * its library loads and initialises, otherwise nvidia-smi on PATH answering within a timeout (a
 * wedged driver can hang it forever, so it is killed), otherwise the reason. One probe per
 * studio, not per sample.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { delimiter, join } from 'node:path';
import { parseNvidiaSmiXml, type GpuInventory } from './nvidia-smi-xml';
import { defaultNvmlPath, openNvml, type NvmlLibrary } from './nvml-library';

export const NVIDIA_SMI_TIMEOUT_MS = 5_000;

export function findOnPath(command: string, pathEnv = process.env.PATH ?? ''): string | undefined {
  const names = process.platform === 'win32' ? [`${command}.exe`] : [command];
  for (const dir of pathEnv.split(delimiter).filter(Boolean)) {
    for (const n of names) if (existsSync(join(dir, n))) return join(dir, n);
  }
  return undefined;
}

export interface GpuPresence {
  available: boolean;
  reason?: string;
  gpus: { name: string; driver: string | null }[];
  /** The nvidia-smi to stream from, when available. */
  smi?: string;
  /** NVML, initialised, when it is the source. */
  nvml?: NvmlLibrary;
  source?: 'nvml' | 'nvidia-smi' | 'none';
  /** Why NVML is not the source, where it is not. */
  sourceNote?: string;
}

/**
 * NVML first, then nvidia-smi, then the reason for neither. `nvmlPath` null leaves NVML out
 * (tests that stand in for nvidia-smi alone).
 */
export async function probeGpuTelemetry(opts: { pathEnv?: string; nvmlPath?: string | null } = {}): Promise<GpuPresence> {
  const [nvml, smi] = await Promise.all([
    opts.nvmlPath === null ? Promise.resolve({ reason: 'NVML not used (turned off)' }) : openNvml(opts.nvmlPath ?? defaultNvmlPath()),
    probeGpus(opts.pathEnv),
  ]);
  let nvmlReason: string;
  if ('nvml' in nvml) {
    const count = new Uint32Array(1);
    const listed = nvml.nvml.fn.count(count) === 0 ? (count[0] ?? 0) : 0;
    if (listed > 0) {
      const driver = nvml.nvml.readString((b, l) => nvml.nvml.fn.driverVersion(b, l) as number);
      const gpus = [...Array(listed).keys()].map((i) => {
        const h = new BigUint64Array(1);
        const name = nvml.nvml.fn.handle(i, h) === 0 && nvml.nvml.fn.name ? nvml.nvml.readString((b, l) => nvml.nvml.fn.name?.(h[0], b, l) as number) : null;
        return { name: name ?? 'unknown GPU', driver };
      });
      return { available: true, gpus, nvml: nvml.nvml, source: 'nvml', ...(smi.smi ? { smi: smi.smi } : {}) };
    }
    nvml.nvml.close();
    nvmlReason = 'NVML lists no GPU';
  } else nvmlReason = nvml.reason;
  if (smi.available) return { ...smi, source: 'nvidia-smi', sourceNote: `${nvmlReason}: nvidia-smi instead` };
  return { ...smi, source: 'none', reason: `${smi.reason ?? 'no GPU telemetry'} ${nvmlReason}.` };
}

/** Asks nvidia-smi once for names and driver; a missing, failing or hung nvidia-smi is a reason. */
export function probeGpus(pathEnv = process.env.PATH ?? ''): Promise<GpuPresence> {
  const smi = findOnPath('nvidia-smi', pathEnv);
  if (!smi) return Promise.resolve({ available: false, reason: 'nvidia-smi not found on PATH (no NVIDIA driver): GPU telemetry is off; CPU telemetry continues.', gpus: [] });
  return new Promise((resolve) => {
    execFile(smi, ['--query-gpu=name,driver_version', '--format=csv,noheader'], { timeout: NVIDIA_SMI_TIMEOUT_MS, killSignal: 'SIGKILL' }, (err, stdout) => {
      if (err) {
        const hung = (err as NodeJS.ErrnoException & { killed?: boolean }).killed;
        resolve({
          available: false,
          reason: hung ? `nvidia-smi did not answer within ${NVIDIA_SMI_TIMEOUT_MS / 1000} s and was stopped (driver hung?).` : `nvidia-smi failed: ${err.message.split('\n')[0]}`,
          gpus: [],
        });
        return;
      }
      const gpus = stdout
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l) => {
          const [name, driver] = l.split(',').map((s) => s.trim());
          return { name: name ?? 'unknown GPU', driver: driver && !driver.startsWith('[') ? driver : null };
        });
      resolve(
        gpus.length > 0
          ? { available: true, gpus, smi }
          : { available: false, reason: 'nvidia-smi found no GPU.', gpus: [] },
      );
    });
  });
}

/** `nvidia-smi -q -x` once (never per sample), with the same timeout; undefined on any failure. */
export function gpuInventory(smi: string): Promise<GpuInventory | undefined> {
  return new Promise((resolve) => {
    execFile(smi, ['-q', '-x'], { timeout: NVIDIA_SMI_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 32 * 1024 * 1024 }, (err, stdout) => {
      if (err) return resolve(undefined);
      try {
        resolve(parseNvidiaSmiXml(String(stdout)));
      } catch {
        resolve(undefined);
      }
    });
  });
}

/**
 * GPU memory a process holds, from one `--query-compute-apps` call; null when not listed.
 * The query runs at the process's own priority: a benchmark worker raised above normal and busy
 * on every core would otherwise starve it until the worker had exited, and the answer would
 * no longer list it.
 */
export function gpuMemoryOfProcess(smi: string, pid: number): Promise<number | null> {
  return new Promise((resolve) => {
    const query = execFile(smi, ['--query-compute-apps=pid,used_memory', '--format=csv,noheader,nounits'], { timeout: NVIDIA_SMI_TIMEOUT_MS, killSignal: 'SIGKILL' }, (err, stdout) => {
      if (err) return resolve(null);
      let total: number | null = null;
      for (const line of String(stdout).split('\n')) {
        const [p, mem] = line.split(',').map((v) => v.trim());
        const mib = Number(mem);
        // A process on several GPUs appears once per GPU: add them up.
        if (Number(p) === pid && Number.isFinite(mib)) total = (total ?? 0) + mib;
      }
      resolve(total);
    });
    if (query.pid !== undefined) matchPriority(query.pid, pid);
  });
}

/** Gives `pid` the priority of `like`, where the OS allows it (raising needs privilege). */
function matchPriority(pid: number, like: number): void {
  try {
    setPriority(pid, getPriority(like));
  } catch {
    // Not permitted, or either process is gone: the query runs as it is.
  }
}

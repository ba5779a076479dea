/**
 * How many intra-op threads ONNX Runtime uses when the config leaves it at 0. onnxruntime-node
 * cannot tell (no API reads a session's pool size back), so this computes it the way ORT does:
 * `thread_pool_size = 0` means one thread per physical core (`Env::GetNumPhysicalCpuCores`); on
 * Linux ORT counts cores with cpuinfo, which reads the same sysfs topology read here (all cores
 * of the machine: neither ORT nor this honours a cgroup quota or an affinity mask), and where it
 * cannot it guesses half the logical processors; that guess is used here off Linux too (on
 * Windows ORT counts physical cores itself, so there it is an estimate). The pool counts the
 * calling thread: n threads means n − 1 new ones, which the integration test checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

const CPU_DIR = '/sys/devices/system/cpu';

/** Distinct (package, core) pairs in sysfs; undefined where there is no such topology. */
export function physicalCoresFromSysfs(cpuDir = CPU_DIR): number | undefined {
  let cpus: string[];
  try {
    cpus = readdirSync(cpuDir).filter((d) => /^cpu\d+$/.test(d));
  } catch {
    return undefined;
  }
  const cores = new Set<string>();
  for (const cpu of cpus) {
    try {
      const topology = join(cpuDir, cpu, 'topology');
      cores.add(`${readFileSync(join(topology, 'physical_package_id'), 'utf8').trim()}:${readFileSync(join(topology, 'core_id'), 'utf8').trim()}`);
    } catch {
      // An offline CPU has no topology folder: ORT's cpuinfo skips it too.
    }
  }
  return cores.size > 0 ? cores.size : undefined;
}

/** The intra-op thread count ORT resolves `configured` to (0 = its default). */
export function intraOpThreadsUsed(configured: number, cpuDir = CPU_DIR): number {
  if (configured > 0) return configured;
  const physical = process.platform === 'linux' ? physicalCoresFromSysfs(cpuDir) : undefined;
  return physical ?? Math.max(1, Math.floor(cpus().length / 2));
}

/**
 * The one-shot GPU inventory from `nvidia-smi -q -x`: names, UUIDs, driver and CUDA versions,
 * memory, power limits, clocks and the processes on each GPU. Field names drift across drivers
 * (power_readings → gpu_power_readings, power_limit → current_power_limit), so each value is
 * looked up under every name it has had; "N/A" and "[Not Supported]" become null.
 */
import { XMLParser } from 'fast-xml-parser';

export interface GpuInventoryItem {
  index: number;
  name: string;
  uuid: string | null;
  busId: string | null;
  memoryTotalMiB: number | null;
  powerLimitW: number | null;
  defaultPowerLimitW: number | null;
  maxPowerLimitW: number | null;
  smClockMHz: number | null;
  memClockMHz: number | null;
  processes: { pid: number; name: string | null; usedMemoryMiB: number | null }[];
}

export interface GpuInventory {
  driverVersion: string | null;
  cudaVersion: string | null;
  gpus: GpuInventoryItem[];
}

type Node = Record<string, unknown>;

const asNode = (v: unknown): Node => (v && typeof v === 'object' ? (v as Node) : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]);

function str(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  const s = String(v).trim();
  return s === '' || s === 'N/A' || /^\[.*\]$/.test(s) ? null : s;
}

function num(v: unknown): number | null {
  const s = str(v);
  const m = s ? /^-?\d+(\.\d+)?/.exec(s) : null;
  return m ? Number(m[0]) : null;
}

/** The first of several element paths (old and new driver names) that has a value. */
function pick(node: Node, ...paths: string[][]): unknown {
  for (const path of paths) {
    let cur: unknown = node;
    for (const key of path) cur = asNode(cur)[key];
    if (str(cur) !== null) return cur;
  }
  return undefined;
}

export function parseNvidiaSmiXml(xml: string): GpuInventory {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => name === 'gpu' || name === 'process_info' });
  const root = asNode(asNode(parser.parse(xml)).nvidia_smi_log);
  const gpus = asList(root.gpu).map((raw, i): GpuInventoryItem => {
    const g = asNode(raw);
    const power = (...keys: string[]) => num(pick(g, ...keys.flatMap((k) => [['gpu_power_readings', k], ['power_readings', k]])));
    return {
      index: num(g.minor_number) ?? i,
      name: str(g.product_name) ?? 'unknown GPU',
      uuid: str(g.uuid),
      busId: str(g['@id']),
      memoryTotalMiB: num(pick(g, ['fb_memory_usage', 'total'])),
      powerLimitW: power('current_power_limit', 'power_limit', 'enforced_power_limit'),
      defaultPowerLimitW: power('default_power_limit'),
      maxPowerLimitW: power('max_power_limit'),
      smClockMHz: num(pick(g, ['clocks', 'sm_clock'])),
      memClockMHz: num(pick(g, ['clocks', 'mem_clock'])),
      processes: asList(asNode(g.processes).process_info).map((p) => {
        const n = asNode(p);
        return { pid: num(n.pid) ?? -1, name: str(n.process_name), usedMemoryMiB: num(n.used_memory) };
      }),
    };
  });
  return { driverVersion: str(root.driver_version), cudaVersion: str(root.cuda_version), gpus };
}

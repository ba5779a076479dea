/**
 * The CPUs a process may run on (its affinity mask), from /proc/<pid>/status on Linux: a worker
 * pinned by taskset, a container's cpuset or a scheduler's cgroup has fewer cores than the
 * machine. Elsewhere, or when unreadable, undefined (callers fall back to the machine's count).
 */
import { readFileSync } from 'node:fs';

/** Counts the CPUs in a kernel list such as "0-3,6,8-9". */
export function countCpuList(list: string): number {
  let n = 0;
  for (const part of list.trim().split(',')) {
    const [lo, hi] = part.split('-').map(Number);
    if (lo === undefined || !Number.isInteger(lo)) continue;
    n += hi !== undefined && Number.isInteger(hi) ? hi - lo + 1 : 1;
  }
  return n;
}

export function allowedCpus(pid: number, root = '/proc'): { list: string; count: number } | undefined {
  try {
    const list = /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync(`${root}/${pid}/status`, 'utf8'))?.[1];
    const count = list ? countCpuList(list) : 0;
    return list && count > 0 ? { list, count } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The benchmark worker's own footprint on Linux, read from /proc/<pid>: resident memory and
 * CPU time (user + system). Reading two small files per sample spawns nothing.
 */
import { readFileSync } from 'node:fs';

/** USER_HZ: the kernel reports CPU times in 1/100 s on every Linux ABI Node supports. */
const TICKS_PER_S = 100;

export interface ProcStats {
  rssBytes: number;
  cpuSeconds: number;
}

/** A /proc/<pid>/stat line: the command name and CPU time (user + system) in seconds. */
export function parseProcStat(stat: string): { name: string; cpuSeconds: number } {
  // The command name is in parentheses and may contain spaces; fields follow the last ')'.
  const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { name, cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S };
}

export function readProcStats(pid: number, root = '/proc'): ProcStats | undefined {
  try {
    const { cpuSeconds } = parseProcStat(readFileSync(`${root}/${pid}/stat`, 'utf8'));
    // Resident memory from status (in kB): stat counts pages, whose size varies (4 or 64 KiB).
    const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`${root}/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
    if (!Number.isFinite(rssKb)) return undefined;
    return { rssBytes: rssKb * 1024, cpuSeconds };
  } catch {
    return undefined;
  }
}

/**
 * The benchmark worker's own footprint on Linux, read from /proc/<pid>: resident memory and
 * CPU time (user + system). Reading two small files per sample spawns nothing.
 */
import { readFileSync } from 'node:fs';

const PAGE_BYTES = 4096;
/** USER_HZ: the kernel reports CPU times in 1/100 s on every Linux ABI Node supports. */
const TICKS_PER_S = 100;

export interface ProcStats {
  rssBytes: number;
  cpuSeconds: number;
}

export function readProcStats(pid: number, root = '/proc'): ProcStats | undefined {
  try {
    const stat = readFileSync(`${root}/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const rssPages = Number(fields[21]);
    return { rssBytes: rssPages * PAGE_BYTES, cpuSeconds: (utime + stime) / TICKS_PER_S };
  } catch {
    return undefined;
  }
}

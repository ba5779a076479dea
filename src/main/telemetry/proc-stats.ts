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

export function readProcStats(pid: number, root = '/proc'): ProcStats | undefined {
  try {
    const stat = readFileSync(`${root}/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    // Resident memory from status (in kB): stat counts pages, whose size varies (4 or 64 KiB).
    const rssKb = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`${root}/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN);
    if (!Number.isFinite(rssKb)) return undefined;
    return { rssBytes: rssKb * 1024, cpuSeconds: (utime + stime) / TICKS_PER_S };
  } catch {
    return undefined;
  }
}

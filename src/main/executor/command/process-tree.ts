/**
 * A command's whole process tree on Linux: its descendants found through
 * /proc/<pid>/task/<tid>/children, and their summed resident memory (proc-stats.ts reads each).
 * Two small reads per process and no spawn, so it can sample every few milliseconds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readProcStats } from '../../telemetry/proc-stats';

export function descendantsOf(pid: number, root = '/proc'): number[] {
  const out: number[] = [];
  const todo = [pid];
  const seen = new Set<number>();
  while (todo.length > 0) {
    const p = todo.pop() as number;
    if (seen.has(p)) continue;
    seen.add(p);
    out.push(p);
    let tasks: string[];
    try {
      tasks = readdirSync(`${root}/${p}/task`);
    } catch {
      continue; // gone already
    }
    for (const tid of tasks) {
      try {
        for (const c of readFileSync(`${root}/${p}/task/${tid}/children`, 'utf8').split(' ')) if (c.trim()) todo.push(Number(c));
      } catch {
        // The thread ended between the two reads.
      }
    }
  }
  return out;
}

/** Resident memory of the tree now, or undefined when nothing of it could be read (it has exited). */
export function treeRssBytes(pid: number, root = '/proc'): number | undefined {
  let total = 0;
  let read = 0;
  for (const p of descendantsOf(pid, root)) {
    const s = readProcStats(p, root);
    if (s) {
      total += s.rssBytes;
      read++;
    }
  }
  return read > 0 ? total : undefined;
}

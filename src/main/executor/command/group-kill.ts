/**
 * SIGKILL to a run's whole process group: a program cannot ignore it, and its children go with
 * it. Sent after every run's exit (to stop what it left behind), where the group is almost
 * always empty already: process.kill reports that by throwing, whose error object costs more
 * than the signal, so the C library's kill() is called where it can be, and its -1 ignored.
 */
import { loadLibc } from './libc';

const SIGKILL = 9;

type Kill = (pid: number, sig: number) => number;

let kill: Kill | null | undefined;

export function killGroup(pid: number | undefined): void {
  if (pid === undefined || pid <= 0) return;
  kill ??= (loadLibc()?.func('int kill(int pid, int sig)') as Kill | undefined) ?? null;
  if (kill) {
    kill(-pid, SIGKILL); // -1 (ESRCH) when the group is gone already
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is gone already.
  }
}

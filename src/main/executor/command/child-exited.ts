/**
 * Whether a child has exited, asked of the kernel without reaping it (waitid with WNOWAIT, so
 * Node still reaps it and emits 'exit'). A run's output pipes reach end-of-file in the same
 * event-loop turn as the child's exit but are handled first, and Node sees SIGCHLD only on the
 * next turn: asking here lets a run's wall time stop when Dyno first knows the child is gone,
 * not a turn later (bench:exec). Linux only: siginfo_t's layout is assumed.
 */
import { loadLibc } from './libc';

const P_PID = 1;
const WNOHANG = 1;
const WEXITED = 4;
const WNOWAIT = 0x01000000;
/** siginfo_t is 128 bytes; on 64-bit Linux si_pid follows three ints and padding, at byte 16. */
const SIGINFO_BYTES = 128;
const SI_PID_AT = 16;

type Waitid = (idtype: number, id: number, info: Buffer, options: number) => number;

let waitid: Waitid | null | undefined;

/** True once `pid` (a child of this process) has exited; false while it runs or where this cannot be asked. */
export function childHasExited(pid: number): boolean {
  waitid ??= process.platform === 'linux' ? ((loadLibc()?.func('int waitid(int idtype, uint32_t id, _Out_ uint8_t *info, int options)') as Waitid | undefined) ?? null) : null;
  if (!waitid) return false;
  const info = Buffer.alloc(SIGINFO_BYTES);
  // WNOHANG: 0 with si_pid still 0 while the child runs; -1 (ECHILD) once it is reaped already.
  if (waitid(P_PID, pid, info, WEXITED | WNOHANG | WNOWAIT) !== 0) return false;
  return info.readInt32LE(SI_PID_AT) === pid;
}

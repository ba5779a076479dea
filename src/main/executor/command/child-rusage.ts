/**
 * CPU time of the children this process has waited for (getrusage(RUSAGE_CHILDREN), through
 * koffi): a command's user and system time are the difference across its run. It covers every
 * descendant each parent waited for, which /proc cannot: a child's /proc entry is gone by the
 * time it is reaped. Microseconds, unlike /proc's 10 ms ticks.
 */
import { loadLibc } from './libc';

export interface ChildCpu {
  userMs: number;
  sysMs: number;
}

const RUSAGE_CHILDREN = -1;
/** struct rusage is 18 longs on 64-bit Linux and macOS; the two timevals come first. */
const RUSAGE_BYTES = 144;

type Getrusage = (who: number, out: Buffer) => number;

let getrusage: Getrusage | null | undefined;

/** The children's CPU time so far, or null where it cannot be read (other OS, koffi missing). */
export function childCpu(): ChildCpu | null {
  getrusage ??= (loadLibc()?.func('int getrusage(int who, _Out_ uint8_t *usage)') as Getrusage | undefined) ?? null;
  if (!getrusage) return null;
  const buf = Buffer.alloc(RUSAGE_BYTES);
  if (getrusage(RUSAGE_CHILDREN, buf) !== 0) return null;
  const ms = (at: number): number => Number(buf.readBigInt64LE(at)) * 1000 + Number(buf.readBigInt64LE(at + 8)) / 1000;
  return { userMs: ms(0), sysMs: ms(16) };
}

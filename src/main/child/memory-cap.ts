/**
 * `--memory-cap`: the worker caps its own memory with setrlimit(RLIMIT_DATA) through koffi, in
 * the worker process and before the session is created. RLIMIT_DATA (Linux ≥ 4.7) counts private
 * writable mappings (malloc, mmap'd buffers, thread stacks) but not the address space V8 and ORT
 * only reserve, so Node starts and runs under it where RLIMIT_AS would not (V8 reserves tens of
 * GiB up front). An allocation past the cap then fails inside this process only: ONNX Runtime
 * throws "Failed to allocate memory", or V8 aborts with "heap out of memory", and the host words
 * either as out of memory (executor/out-of-memory.ts). macOS accepts RLIMIT_DATA but does not
 * enforce it on mmap, so the cap is refused there and elsewhere rather than silently not held.
 */
import koffi from 'koffi';

/** <sys/resource.h> on Linux (x86-64 and arm64 alike). */
const RLIMIT_DATA = 2;

type Setrlimit = (resource: number, limits: bigint[]) => number;

let setrlimit: Setrlimit | undefined;

/** Caps this process's private data at `mib` MiB; throws with the reason where it cannot. */
export function capOwnMemory(mib: number): void {
  if (process.platform !== 'linux') {
    throw new Error(`Memory cap (--memory-cap) is only held on Linux (it sets RLIMIT_DATA on the worker); this is ${process.platform}. Leave it unset here.`);
  }
  // struct rlimit { rlim_t cur, max; } with a 64-bit rlim_t on 64-bit Linux.
  setrlimit ??= koffi.load('libc.so.6').func('int setrlimit(int resource, const uint64_t *rlim)') as Setrlimit;
  const bytes = BigInt(mib) * 1_048_576n;
  // Soft and hard alike: the worker runs models from strangers and must not raise it again.
  if (setrlimit(RLIMIT_DATA, [bytes, bytes]) !== 0) throw new Error(`Memory cap (--memory-cap): setrlimit(RLIMIT_DATA, ${mib} MiB) was refused by the system.`);
}

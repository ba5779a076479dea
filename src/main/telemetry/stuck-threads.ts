/**
 * Threads given up on: a worker thread inside a native call that never returns (a wedged GPU
 * driver) cannot be terminated — worker.terminate() only interrupts JavaScript — and Node joins
 * every thread on its way out, so such a thread would keep the process from ever exiting. Once a
 * thread is abandoned here, the process's 'exit' ends it with the OS's own exit call, which does
 * not wait for threads; stdout and stderr are already written (synchronous for files and pipes).
 */
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import type Koffi from 'koffi';

const stuck = new Set<Worker>();
let osExit: ((code: number) => void) | undefined;

/** The OS's exit, bound through koffi (already loaded: only NVML's reader thread is abandoned). */
function bindOsExit(): (code: number) => void {
  const koffi = createRequire(import.meta.url)('koffi') as typeof Koffi;
  if (process.platform === 'win32') return koffi.load('kernel32.dll').func('void __stdcall ExitProcess(uint32_t code)') as (code: number) => void;
  return koffi.load(process.platform === 'darwin' ? 'libSystem.B.dylib' : 'libc.so.6').func('void _exit(int code)') as (code: number) => void;
}

/** Stops waiting for `worker`: terminated if it can be, and never a reason for the process to stay. */
export function abandonThread(worker: Worker): void {
  if (!osExit) {
    try {
      osExit = bindOsExit();
      process.on('exit', (code) => {
        if (stuck.size > 0) osExit?.(typeof code === 'number' ? code : 0);
      });
    } catch {
      // Without the OS's exit the process may still wait for the thread; the run is kept either way.
    }
  }
  stuck.add(worker);
  worker.once('exit', () => stuck.delete(worker));
  // terminate() refs the thread again (to deliver its 'exit'): unref after it, or the loop never empties.
  void worker.terminate().catch(() => undefined);
  worker.unref();
}

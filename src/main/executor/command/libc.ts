/**
 * The C library, loaded once through koffi for the few calls the command executor makes that
 * Node does not expose (getrusage of children, waitid without reaping), and the errno they
 * leave. Only on 64-bit Linux and macOS, whose struct layouts the callers assume; null elsewhere
 * or where koffi is missing.
 */
import koffi, { type LibraryHandle } from 'koffi';

let libc: LibraryHandle | null | undefined;

export function loadLibc(): LibraryHandle | null {
  if (libc !== undefined) return libc;
  libc = null;
  if ((process.platform === 'linux' || process.platform === 'darwin') && (process.arch === 'x64' || process.arch === 'arm64')) {
    try {
      libc = koffi.load(process.platform === 'darwin' ? 'libSystem.dylib' : 'libc.so.6');
    } catch {
      libc = null;
    }
  }
  return libc;
}

/** errno as the last libc call through koffi left it (koffi saves it after each call). */
export function lastErrno(): number {
  return koffi.errno();
}

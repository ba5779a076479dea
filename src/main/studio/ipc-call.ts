/**
 * The desktop app's IPC door to the studio, apart from Electron so it can be tested (and fuzzed)
 * in plain Node: a call from any frame but the studio's own page is refused, and every error
 * crosses as one JSON line carrying its code (Electron passes only an Error's message).
 */
import { ApiCallError } from '../../shared/contract';
import type { Studio } from './studio';

/** What the handler reads of Electron's IpcMainInvokeEvent. */
export interface IpcSender {
  senderFrame?: { url: string } | null;
}

/**
 * Whether a frame URL is the studio's page: the dev server's in `electron-vite dev`, else the
 * built index.html under out/renderer loaded from a file (never a remote page, never another file).
 */
export function isStudioFrame(url: string, devServerUrl: string | undefined): boolean {
  if (devServerUrl) return url.startsWith(devServerUrl);
  if (!url.startsWith('file://')) return false;
  try {
    return decodeURIComponent(new URL(url).pathname).endsWith('/out/renderer/index.html');
  } catch {
    return false;
  }
}

export function ipcCallHandler(studio: Pick<Studio, 'call'>, devServerUrl: string | undefined) {
  return async (event: IpcSender, method: unknown, params: unknown): Promise<unknown> => {
    if (!isStudioFrame(event.senderFrame?.url ?? '', devServerUrl)) throw new Error('IPC from an untrusted frame was refused.');
    try {
      return await studio.call(method, params);
    } catch (err) {
      const e = err instanceof ApiCallError ? err : new ApiCallError(String(err), 'failed');
      throw new Error(JSON.stringify({ message: e.message, code: e.code }), { cause: err });
    }
  };
}

/**
 * The renderer's only door to the host: exactly the API contract, nothing else. Method names
 * are checked here and parameters again in the host (which trusts no renderer).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { isMethodName } from '../shared/method-names';
import { IPC_CALL, IPC_EVENT, IPC_OPEN_LINK } from '../shared/ipc-channels';

const api = {
  call(method: string, params: unknown): Promise<unknown> {
    if (!isMethodName(method)) return Promise.reject(new Error(`Unknown method: ${method}`));
    return ipcRenderer.invoke(IPC_CALL, method, params);
  },
  onEvent(listener: (event: unknown) => void): () => void {
    const handler = (_e: unknown, event: unknown): void => listener(event);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.off(IPC_EVENT, handler);
  },
  /** dyno:// links the app is asked to open, as studio addresses (the host parsed them; only '#/…' passes). */
  onOpenLink(listener: (hash: string) => void): () => void {
    const handler = (_e: unknown, hash: unknown): void => {
      if (typeof hash === 'string' && hash.startsWith('#/')) listener(hash);
    };
    ipcRenderer.on(IPC_OPEN_LINK, handler);
    return () => ipcRenderer.off(IPC_OPEN_LINK, handler);
  },
  /** The path of a dropped file: Electron hides it from the web File API. */
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
};

contextBridge.exposeInMainWorld('dyno', api);

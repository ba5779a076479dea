/**
 * The renderer's only door to the host: exactly the API contract, nothing else. Method names
 * are checked here and parameters again in the host (which trusts no renderer).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { isMethodName } from '../shared/method-names';
import { IPC_CALL, IPC_EVENT } from '../shared/ipc-channels';

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
  /** The path of a dropped file: Electron hides it from the web File API. */
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
};

contextBridge.exposeInMainWorld('dyno', api);

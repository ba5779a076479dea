/** Picks the transport: Electron's preload bridge when present, else `dyno serve`'s WebSocket. */
import type { DynoApi } from '../../../shared/contract';
import { createElectronApi, type PreloadBridge } from './electron-client';
import { createWsApi, takeToken } from './ws-client';
import { useConnection } from '../stores/connection-store';

declare global {
  interface Window {
    dyno?: PreloadBridge;
  }
}

function create(): DynoApi {
  if (window.dyno) return createElectronApi(window.dyno);
  const token = takeToken();
  if (!token) {
    useConnection.getState().set(false, 'No access token: open the full URL that `dyno serve` printed (it ends in ?token=…).');
    return createWsApi('', () => undefined);
  }
  return createWsApi(token, (up, reason) => useConnection.getState().set(up, reason));
}

export const api: DynoApi = create();

/** In Electron a dropped file has a real path; in a browser it must be uploaded. */
export function pathOfDroppedFile(file: File): string | undefined {
  const path = window.dyno?.pathForFile(file);
  return path ? path : undefined;
}

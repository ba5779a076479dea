/**
 * Picks the transport: Electron's preload bridge when present, else `dyno serve`'s WebSocket.
 * Nothing here knows about stores: the event bridge (src/renderer/src/events) copies host
 * events and the connection state into them.
 */
import type { DynoApi } from '../../../shared/contract';
import { createConnectionFeed } from './connection-feed';
import { createElectronApi, type PreloadBridge } from './electron-client';
import { createWsApi } from './ws-client';
import { apiUrl, takeToken } from './token';
import { earlyConnection } from './early-connection';

declare global {
  interface Window {
    dyno?: PreloadBridge;
  }
}

export const connection = createConnectionFeed();

export const NO_TOKEN = 'No access token: open the full URL that `dyno serve` printed (it ends in ?token=…).';
let missingToken = false;

function create(): DynoApi {
  if (window.dyno) {
    // The preload bridge is in-process: it is up for as long as the window exists.
    connection.report(true);
    return createElectronApi(window.dyno);
  }
  const token = takeToken();
  if (!token) {
    missingToken = true;
    connection.report(false, NO_TOKEN);
    return createWsApi(apiUrl(''), () => undefined);
  }
  return createWsApi(apiUrl(token), (up, reason) => connection.report(up, reason), earlyConnection());
}

export const api: DynoApi = create();

/** In a browser without `dyno serve`'s token nothing can work: the page shows only why. */
export const hasNoToken = (): boolean => missingToken;

/** In Electron a dropped file has a real path; in a browser it must be uploaded. */
export function pathOfDroppedFile(file: File): string | undefined {
  const path = window.dyno?.pathForFile(file);
  return path ? path : undefined;
}

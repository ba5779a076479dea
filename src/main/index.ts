/**
 * Electron entry: the only module that imports `electron`. It makes a hardened window and
 * bridges IPC to the same Studio that `dyno serve` and the CLI use.
 *
 * Hardening (Electron's security checklist): contextIsolation, sandbox, no nodeIntegration,
 * a CSP on every response, navigation and new windows refused, every IPC sender checked.
 */
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { IPC_CALL, IPC_EVENT } from '../shared/ipc-channels';
import { createStudio } from './studio/create-studio';
import { ipcCallHandler } from './studio/ipc-call';
import { appRoot } from './studio/paths';
import { electronSqliteBinding } from './studio/electron-native';
import { batchLiveEvents } from './studio/live-event-batcher';
import { trySetPriority, WATCHER_PRIORITY } from './executor/process-priority';

const root = appRoot();
const rendererUrl = process.env.ELECTRON_RENDERER_URL; // set by `electron-vite dev`
const rendererFile = join(root, 'out', 'renderer', 'index.html');

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    backgroundColor: '#14161b',
    title: 'Dyno',
    webPreferences: {
      preload: join(root, 'out', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // A middle click must not open links in new windows behind the window-open handler's back.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  // The window only watches runs: below normal priority, so its drawing yields the cores to the
  // benchmark worker (src/main/executor/process-priority.ts); so does the GPU process.
  win.webContents.on('did-finish-load', lowerWatcherProcesses);
  if (rendererUrl) void win.loadURL(rendererUrl);
  else void win.loadFile(rendererFile);
  return win;
}

function lowerWatcherProcesses(): void {
  for (const metric of app.getAppMetrics()) {
    if (metric.type === 'Tab' || metric.type === 'GPU') trySetPriority(metric.pid, WATCHER_PRIORITY);
  }
}

app.enableSandbox();
app.whenReady().then(() => {
  // In `electron-vite dev` the dev server's hot-reload preamble is an inline script; the
  // built app (what users run) gets the strict policy on every response.
  if (!rendererUrl) {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
  }
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const binding = electronSqliteBinding(root, process.versions.electron);
  const handle = createStudio({
    electronVersion: process.versions.electron,
    // The window is the local user's own (IPC from any other frame is refused above), as a terminal is.
    allowCommands: true,
    // A desktop session is long: a warm inspection worker and providers probed at start.
    warm: true,
    ...(binding && existsSync(binding) ? { sqliteNativeBinding: binding } : {}),
  });
  // Every sender is checked and every error crosses with its code (studio/ipc-call.ts).
  ipcMain.handle(IPC_CALL, ipcCallHandler(handle.studio, rendererUrl));
  // Live events batched as for `dyno serve`: fewer IPC messages and renders while a run measures.
  const events = batchLiveEvents((event) => {
    for (const w of BrowserWindow.getAllWindows()) w.webContents.send(IPC_EVENT, event);
  });
  handle.studio.onEvent((event) => events.push(event));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('will-quit', () => handle.close());
});

// Every web contents, not only the main window's: no webviews, no navigation, no new windows.
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

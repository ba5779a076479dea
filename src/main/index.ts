/**
 * Electron entry: the only module that imports `electron`. It makes a hardened window and
 * bridges IPC to the same Studio that `dyno serve` and the CLI use.
 *
 * Hardening (Electron's security checklist): contextIsolation, sandbox, no nodeIntegration,
 * a CSP on every response, navigation and new windows refused, every IPC sender checked.
 */
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { IPC_CALL, IPC_EVENT, IPC_OPEN_LINK } from '../shared/ipc-channels';
import { DEEP_LINK_SCHEME } from '../shared/deep-link';
import { DeepLinkInbox } from './studio/deep-link-inbox';
import { createStudio } from './studio/create-studio';
import { ipcCallHandler } from './studio/ipc-call';
import { appRoot } from './studio/paths';
import { electronSqliteBinding } from './studio/electron-native';
import { batchLiveEvents } from './studio/live-event-batcher';
import { trySetPriority, WATCHER_PRIORITY } from './executor/process-priority';
import { studioStopper } from './studio/stop-studio';

const root = appRoot();
const rendererUrl = process.env.ELECTRON_RENDERER_URL; // set by `electron-vite dev`
const rendererFile = join(root, 'out', 'renderer', 'index.html');

// dyno:// links open in the running window (shared/deep-link.ts: parsed strictly, refused in one line).
const deepLinks = new DeepLinkInbox(
  (hash) => {
    const win = BrowserWindow.getAllWindows()[0];
    if (!win) return;
    win.webContents.send(IPC_OPEN_LINK, hash);
    if (win.isMinimized()) win.restore();
    win.focus();
  },
  (line) => process.stderr.write(`dyno: ${line}\n`),
);
// One instance owns the database and the window: a second launch (a link clicked on Windows or
// Linux starts the app again with the link in its argv) hands its argv to this one and leaves.
if (!app.requestSingleInstanceLock()) app.exit(0);
// Run from source (`electron .`), the OS must start Electron with the entry script as well.
if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [resolve(process.argv[1])]);
else app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
// macOS hands links over as events, possibly before the app is ready (the inbox keeps the latest).
app.on('open-url', (e, url) => {
  e.preventDefault();
  deepLinks.receive(url);
});
app.on('second-instance', (_e, argv) => {
  deepLinks.receiveArgv(argv);
  const win = BrowserWindow.getAllWindows()[0];
  if (win?.isMinimized()) win.restore();
  win?.focus();
});
deepLinks.receiveArgv(process.argv);

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
  win.webContents.on('did-finish-load', () => deepLinks.windowReady());
  win.on('closed', () => deepLinks.windowGone());
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
  // A batch as one IPC message (an array; electron-client.ts takes either), handled in one task.
  const events = batchLiveEvents((batch) => {
    for (const w of BrowserWindow.getAllWindows()) w.webContents.send(IPC_EVENT, batch.length === 1 ? batch[0] : batch);
  });
  handle.studio.onEvent((event) => events.push(event));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  // As `dyno serve` stops: the run in flight is cancelled and saved as aborted (a command's tree
  // is in a group of its own and would outlive the app), then the studio closes; then the quit goes on.
  const stopper = studioStopper(handle);
  app.on('will-quit', (e) => {
    if (stopper.stopped) return;
    e.preventDefault();
    void stopper
      .stop()
      .catch((err: unknown) => process.stderr.write(`dyno: stopping the studio: ${err instanceof Error ? err.message : String(err)}\n`))
      .finally(() => app.quit());
  });
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

/** The frame: a left rail of views, a top bar with device status and the run in progress. */
import { Suspense, useEffect, useState } from 'react';
import { useUi, type View } from './stores/ui-store';
import { useApp } from './stores/app-store';
import { useModel } from './stores/model-store';
import { useLiveRun } from './stores/live-run-store';
import { NO_TOKEN, useConnection } from './stores/connection-store';
import { FailureNotice } from './components/FailureNotice';
import { RunView } from './views/RunView';
import { CompareView, ModelsView, OptimizeView, prefetchViews, SessionsView } from './views/lazy-views';
import { ToastHost } from './components/Toast';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { useGlobalKeys } from './keyboard/use-global-keys';
import { formatBytes } from '../../shared/format';
import { useImports } from './stores/import-store';
import { prefetchPlotly } from './charts/plotly';
import { AddressNotice } from './components/AddressNotice';

const VIEWS: { id: View; label: string }[] = [
  { id: 'run', label: 'Run' },
  { id: 'sessions', label: 'Sessions' },
  { id: 'compare', label: 'Compare' },
  { id: 'models', label: 'Models' },
  { id: 'optimize', label: 'Optimize' },
];

function TopBar() {
  const info = useApp((s) => s.info);
  const { up, reason } = useConnection();
  const { theme, toggleTheme, showShortcuts, view } = useUi();
  // Only the words shown, and only off the Run view: the live store changes with every batch
  // while a run measures, and the bar need not re-render for each.
  const topRun = useLiveRun((s) => (view !== 'run' && s.run?.status === 'running' && s.runId ? `${s.run.modelName} · ${Math.round((s.progress?.fraction ?? 0) * 100)}%` : undefined));
  const cancel = useLiveRun((s) => s.cancel);
  return (
    <header className="top-bar">
      <span className="brand">Dyno</span>
      {info ? (
        <span
          className="device"
          data-testid="device-status"
          // The line is cut to the bar's width; the whole of it is one hover away.
          title={`${info.cpuModel} · ${info.logicalCores} threads · ${formatBytes(info.totalMemoryBytes)} · ONNX Runtime ${info.ortVersion} · ${info.executionProviders.map((ep) => `${ep.name}: ${ep.available ? 'available' : (ep.reason ?? 'unavailable')}`).join(' · ')}`}
        >
          {info.cpuModel} · {info.logicalCores} threads · {formatBytes(info.totalMemoryBytes)} · ONNX Runtime {info.ortVersion} ·{' '}
          {info.executionProviders.map((ep) => (
            // A provider still being probed keeps its place (no jump when the verdict lands).
            <span key={ep.name} className={`ep ${ep.checking ? 'checking' : ep.available ? 'on' : 'off'}`} title={ep.reason ?? 'available'}>
              {ep.name}
            </span>
          ))}
        </span>
      ) : (
        <span className={`device ${up ? '' : 'offline'}`}>{up ? 'connecting…' : (reason ?? 'connecting…')}</span>
      )}
      {info && !up && (
        // Lost after loading (a restarted `dyno serve`, a dropped tunnel): the client is retrying.
        <span className="connection-lost" data-testid="connection-lost" role="status">
          {reason ?? 'offline'}
        </span>
      )}
      <span className="spacer" />
      {/* One Cancel in sight: the Run view has its own beside the progress bar. */}
      {topRun && (
        <span className="top-run">
          {topRun}
          <button onClick={() => void cancel()}>Cancel</button>
        </span>
      )}
      <button className="ghost" onClick={() => showShortcuts(true)} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" data-testid="open-shortcuts">
        ?
      </button>
      <button className="ghost" onClick={toggleTheme} title="Toggle light/dark theme">
        {theme === 'dark' ? 'Light' : 'Dark'}
      </button>
    </header>
  );
}

/** Without the token every call would fail: no frame that looks usable, only what to do. */
function NoTokenPage() {
  return (
    <main className="no-token" data-testid="no-token">
      <h1>Dyno</h1>
      <p>{NO_TOKEN}</p>
      <p className="hint">The token changes with every launch of `dyno serve`; a link to a run or a comparison works once the token is known to this tab.</p>
    </main>
  );
}

export function App() {
  const noToken = useConnection((s) => s.noToken);
  return noToken ? <NoTokenPage /> : <Studio />;
}

function Studio() {
  const { view, go, theme } = useUi();
  const { info, failure } = useApp();
  const [dragging, setDragging] = useState(false);
  useGlobalKeys();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  // Not before the first screen is complete (devices and the model's facts shown): plotly's
  // evaluation is a long task (0.7 s of main thread on a quiet 2-core machine), and one that
  // lands before the model's answer holds that answer's frame back.
  const opening = useModel((s) => s.loading);
  useEffect(() => {
    if (!info || opening) return;
    prefetchPlotly();
    prefetchViews();
  }, [info, opening]);
  return (
    <div
      className="frame"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer.files[0];
        // On Sessions, files other than a model are runs to import (bundles, reports, other tools' results).
        if (file && view === 'sessions' && !file.name.toLowerCase().endsWith('.onnx')) {
          void useImports.getState().importFiles([...e.dataTransfer.files]);
          return;
        }
        if (file) {
          go('run');
          void useModel.getState().openFile(file);
        }
      }}
    >
      <nav className="rail" aria-label="Views">
        {VIEWS.map((v) => (
          <button key={v.id} className={view === v.id ? 'active' : ''} onClick={() => go(v.id)} data-testid={`nav-${v.id}`}>
            {v.label}
          </button>
        ))}
      </nav>
      <div className="main-col">
        <TopBar />
        {info?.notices.map((n) => (
          <div key={n} className="notice">
            {n}
          </div>
        ))}
        <AddressNotice />
        {failure && (
          <div className="notice-row">
            <FailureNotice failure={failure} testId="app-failure" box />
          </div>
        )}
        <div className="view">
          {/* The views off the first screen load as chunks of their own (views/lazy-views.tsx). */}
          <Suspense fallback={<p className="hint">Loading…</p>}>
            {view === 'run' && <RunView />}
            {view === 'sessions' && <SessionsView />}
            {view === 'compare' && <CompareView />}
            {view === 'models' && <ModelsView />}
            {view === 'optimize' && <OptimizeView />}
          </Suspense>
        </div>
      </div>
      <ToastHost />
      <ShortcutsDialog />
      {dragging && <div className="drop-overlay">{view === 'sessions' ? 'Drop .dyno bundles, Dyno reports, hyperfine JSON or onnxruntime_perf_test output to import them (an .onnx file opens it)' : 'Drop an .onnx file to open it'}</div>}
    </div>
  );
}

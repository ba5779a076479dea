/**
 * The Models view's graph of the open model (Netron-style): search by name or op, keyboard
 * through the results, a node's panel, and a profiled run laid over it — nodes coloured by
 * their share of time, badged by provider, CPU fall-backs outlined.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ModelInfo } from '../../../../shared/model';
import { isFallback, type NodeTime } from '../../../../shared/model-graph';
import { formatMs } from '../../../../shared/format';
import { useGraph } from '../../stores/graph-store';
import { useUi } from '../../stores/ui-store';
import { FailureNotice } from '../FailureNotice';
import { GraphCanvas, type GraphCanvasHandle, type NodeLook } from './GraphCanvas';
import type { LaidNode } from './layout-types';
import { FAMILY_FILL, heatColour, opFamily, providerBadge } from './node-colours';
import { NodePanel } from './NodePanel';
import { GraphLegend } from './GraphLegend';

/** The search lists this many matches at most (a search for "Conv" in a big model finds hundreds). */
const MAX_RESULTS = 500;

export function ModelGraphPanel({ model }: { model: ModelInfo }) {
  const { graph, layout, busy, failure, runs, runId, profile, profileBusy, profileFailure, load, showRun } = useGraph();
  const theme = useUi((s) => s.theme);
  const canvas = useRef<GraphCanvasHandle>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [openId, setOpenId] = useState<string | undefined>(undefined);

  useEffect(() => {
    void load(model.path, model.fileName);
  }, [model.path, model.fileName, load]);
  useEffect(() => {
    setOpenId(undefined);
    setQuery('');
  }, [graph]);

  const nodeById = useMemo(() => new Map((graph?.nodes ?? []).map((n) => [n.id, n])), [graph]);
  const timeById = useMemo(() => new Map<string, NodeTime>((profile?.nodes ?? []).map((t) => [t.id, t])), [profile]);
  const maxShare = useMemo(() => Math.max(0, ...(profile?.nodes ?? []).map((t) => t.share)), [profile]);
  const fallbacks = useMemo(() => (profile ? profile.nodes.filter((t) => isFallback(t, profile.executionProvider)).length : 0), [profile]);

  const results = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q || !graph) return [];
    return graph.nodes.filter((n) => n.id.toLowerCase().includes(q) || n.name.toLowerCase().includes(q) || n.opType.toLowerCase().includes(q)).slice(0, MAX_RESULTS);
  }, [query, graph]);
  const activeId = results[Math.min(active, results.length - 1)]?.id;
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    if (activeId) canvas.current?.centre(activeId);
  }, [activeId]);

  const look = useCallback(
    (n: LaidNode): NodeLook => {
      const palette = FAMILY_FILL[theme];
      if (n.kind !== 'op') return { fill: palette.other };
      const op = nodeById.get(n.id);
      if (!profile) return { fill: palette[opFamily(op?.opType ?? '')] };
      const t = timeById.get(n.id);
      if (!t) return { fill: palette.other, dashed: true };
      const warn = isFallback(t, profile.executionProvider);
      return { fill: heatColour(maxShare > 0 ? t.share / maxShare : 0, theme), warn, badge: t.providers.map(providerBadge).join('+') };
    },
    [theme, nodeById, profile, timeById, maxShare],
  );

  const step = (by: number): void => {
    if (results.length === 0) return;
    setActive((a) => (Math.min(a, results.length - 1) + by + results.length) % results.length);
  };
  const onKey = (e: KeyboardEvent<HTMLElement>): void => {
    const inSearch = e.target instanceof HTMLInputElement;
    if (e.key === 'Escape' && openId) {
      e.preventDefault();
      setOpenId(undefined);
    } else if (e.key === 'Enter' && activeId) {
      e.preventDefault();
      setOpenId(activeId);
    } else if ((e.key === 'ArrowDown' || (e.key === 'ArrowRight' && !inSearch) || (e.key === 'Tab' && !e.shiftKey)) && results.length > 0) {
      e.preventDefault();
      step(1);
    } else if ((e.key === 'ArrowUp' || (e.key === 'ArrowLeft' && !inSearch) || (e.key === 'Tab' && e.shiftKey)) && results.length > 0) {
      e.preventDefault();
      step(-1);
    } else if (!inSearch && (e.key === '+' || e.key === '=')) {
      e.preventDefault();
      canvas.current?.zoom(1.25);
    } else if (!inSearch && e.key === '-') {
      e.preventDefault();
      canvas.current?.zoom(0.8);
    } else if (!inSearch && (e.key === 'f' || e.key === 'F')) {
      e.preventDefault();
      canvas.current?.fit();
    }
  };

  const open = openId ? nodeById.get(openId) : undefined;
  return (
    <section className="model-graph" data-testid="model-graph" onKeyDown={onKey}>
      <div className="graph-toolbar">
        <h3>Graph</h3>
        <span className="hint" data-testid="graph-status">
          {busy === 'graph' && 'Reading the graph…'}
          {busy === 'layout' && graph && `Laying out ${graph.nodes.length.toLocaleString('en-US')} nodes…`}
          {!busy && graph && layout && `${graph.nodes.length.toLocaleString('en-US')} nodes · ${graph.edges.length.toLocaleString('en-US')} edges · laid out in ${formatMs(layout.ms)}`}
        </span>
        <input
          type="search"
          className="graph-search"
          placeholder="Find a node by name or op"
          aria-label="Find a node by name or op"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          disabled={!layout}
        />
        <span className="hint" data-testid="graph-results">
          {query.trim() ? (results.length === 0 ? 'no match' : `${Math.min(active, results.length - 1) + 1} of ${results.length}${results.length === MAX_RESULTS ? '+' : ''}`) : ''}
        </span>
        <div className="graph-zoom">
          <button onClick={() => canvas.current?.zoom(0.8)} disabled={!layout} aria-label="Zoom out">
            −
          </button>
          <button onClick={() => canvas.current?.zoom(1.25)} disabled={!layout} aria-label="Zoom in">
            +
          </button>
          <button onClick={() => canvas.current?.fit()} disabled={!layout}>
            Fit
          </button>
        </div>
        <label className="graph-run">
          <span className="hint">Profiled run</span>
          <select value={runId ?? ''} onChange={(e) => void showRun(e.target.value || undefined)} disabled={!layout || runs.length === 0} data-testid="graph-run-picker">
            <option value="">{runs.length === 0 ? 'none of this model' : 'none (colour by op)'}</option>
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {new Date(r.createdAt).toLocaleString()} · {r.provider}
                {r.label ? ` · ${r.label}` : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      {failure && <FailureNotice failure={failure} testId="graph-failure" box />}
      {profileFailure && <FailureNotice failure={profileFailure} testId="graph-profile-failure" box />}
      {layout && <GraphLegend theme={theme} profile={profile} busy={profileBusy} maxShare={maxShare} fallbacks={fallbacks} />}
      <div className="graph-box" tabIndex={layout ? 0 : -1} aria-label="Model graph: arrows or Tab move through search results, Enter opens a node, Esc closes it, + and − zoom, F fits" data-testid="graph-box">
        {layout && <GraphCanvas ref={canvas} layout={layout} look={look} {...(openId ? { selectedId: openId } : {})} {...(activeId ? { activeId } : {})} onPick={setOpenId} />}
        {!layout && !failure && <div className="graph-placeholder hint">{busy === 'layout' ? 'Laying out the graph off the main thread…' : 'Reading the graph…'}</div>}
        {open && <NodePanel node={open} {...(profile ? { profile } : {})} onClose={() => setOpenId(undefined)} />}
      </div>
    </section>
  );
}

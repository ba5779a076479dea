/**
 * The Models view's graph of the open model (Netron-style): search by name or op, keyboard
 * through the results, a node's panel, and a profiled run laid over it — nodes coloured by
 * their share of time, badged by provider, CPU fall-backs outlined. Constant-generator chains
 * are folded into the node they feed (a "+N" badge; the node's panel lists and expands them),
 * and the search still finds folded nodes (it centres their host). "Show on graph" in a run's
 * operator table arrives here with a focus: an op type's nodes marked, or one node opened.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ModelInfo } from '../../../../shared/model';
import { isFallback, type NodeTime } from '../../../../shared/model-graph';
import { formatMs } from '../../../../shared/format';
import { drawnId } from '../../../../shared/graph-folding';
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
  const { graph, layout, folds, fold, busy, failure, runs, runId, profile, profileBusy, profileFailure, focus, reveal, load, showRun, setFocus, setFold, expand } = useGraph();
  const section = useRef<HTMLElement>(null);
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

  const focusOp = focus && 'op' in focus ? focus.op : undefined;
  const results = useMemo(() => {
    if (!graph) return [];
    if (focusOp !== undefined) return graph.nodes.filter((n) => n.opType === focusOp).slice(0, MAX_RESULTS);
    const q = query.trim().toLowerCase();
    if (!q) return [];
    return graph.nodes.filter((n) => n.id.toLowerCase().includes(q) || n.name.toLowerCase().includes(q) || n.opType.toLowerCase().includes(q)).slice(0, MAX_RESULTS);
  }, [query, graph, focusOp]);
  const activeId = results[Math.min(active, results.length - 1)]?.id;
  useEffect(() => setActive(0), [query, focusOp]);
  useEffect(() => {
    if (activeId && layout) canvas.current?.centre(drawnId(folds, activeId));
  }, [activeId, layout, folds]);

  // "Show on graph": the panel comes into view; a node focus opens that node once the graph (and,
  // for an ORT kernel's name, the profile that maps kernels to nodes) is there.
  useEffect(() => {
    if (reveal > 0) section.current?.scrollIntoView({ block: 'start' });
  }, [reveal, layout]);
  const focusNode = focus && 'node' in focus ? focus.node : undefined;
  const focusNodeId = useMemo(() => {
    if (focusNode === undefined) return undefined;
    if (nodeById.has(focusNode)) return focusNode;
    return profile?.nodes.find((t) => t.kernels.includes(focusNode))?.id;
  }, [focusNode, nodeById, profile]);
  // A link's node that names nothing here (a typo, another model's node) says so, once what
  // could resolve it has arrived: the graph, and a run's profile (it maps kernel names to nodes).
  const unknownNode = focusNode !== undefined && focusNodeId === undefined && graph !== undefined && (runId === undefined || profile !== undefined || profileFailure !== undefined);
  useEffect(() => {
    if (!focusNodeId || !layout) return;
    setOpenId(focusNodeId);
    canvas.current?.centre(drawnId(folds, focusNodeId));
  }, [focusNodeId, layout, folds]);

  const look = useCallback(
    (n: LaidNode): NodeLook => {
      const palette = FAMILY_FILL[theme];
      if (n.kind !== 'op') return { fill: palette.other };
      const op = nodeById.get(n.id);
      const marked = focusOp !== undefined && op?.opType === focusOp;
      if (!profile) return { fill: palette[opFamily(op?.opType ?? '')], marked };
      const t = timeById.get(n.id);
      if (!t) return { fill: palette.other, dashed: true, marked };
      const warn = isFallback(t, profile.executionProvider);
      return { fill: heatColour(maxShare > 0 ? t.share / maxShare : 0, theme), warn, marked, badge: t.providers.map(providerBadge).join('+') };
    },
    [theme, nodeById, profile, timeById, maxShare, focusOp],
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
  const openHost = openId ? folds.hostOf.get(openId) : undefined;
  const foldedCount = folds.hostOf.size;
  return (
    <section className="model-graph" data-testid="model-graph" onKeyDown={onKey} ref={section}>
      <div className="graph-toolbar">
        <h3>Graph</h3>
        <input
          type="search"
          className="graph-search"
          placeholder="Find a node by name or op"
          aria-label="Find a node by name or op"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            if (focus) setFocus(undefined);
          }}
          disabled={!layout}
        />
        <span className="hint" data-testid="graph-results">
          {focusOp !== undefined && `${focusOp}: `}
          {query.trim() || focusOp !== undefined ? (results.length === 0 ? 'no match' : `${Math.min(active, results.length - 1) + 1} of ${results.length}${results.length === MAX_RESULTS ? '+' : ''}`) : ''}
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
        <label className="graph-fold" title="Draw chains of constant generators (e.g. ConstantOfShape making a weight) inside the node they feed">
          <input type="checkbox" checked={fold} onChange={(e) => void setFold(e.target.checked)} disabled={!graph} data-testid="graph-fold" />
          Fold constants
        </label>
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
      {/* Its own line: with the cache's timings it is as long as the toolbar (which wrapped at 1280 px). */}
      <div className="hint graph-status" data-testid="graph-status">
        {busy === 'graph' && 'Reading the graph…'}
        {busy === 'layout' && graph && `Laying out ${graph.nodes.length.toLocaleString('en-US')} nodes…`}
        {!busy && graph && layout && `${graph.nodes.length.toLocaleString('en-US')} nodes${foldedCount > 0 ? ` (${foldedCount.toLocaleString('en-US')} constant nodes folded into ${folds.folded.size.toLocaleString('en-US')})` : ''} · ${graph.edges.length.toLocaleString('en-US')} edges · ${layout.cached ? `layout read from this browser's cache in ${formatMs(layout.cached.readMs)} (dagre took ${formatMs(layout.ms)})` : `laid out in ${formatMs(layout.ms)}`}`}
      </div>
      {failure && <FailureNotice failure={failure} testId="graph-failure" box />}
      {profileFailure && <FailureNotice failure={profileFailure} testId="graph-profile-failure" box />}
      {unknownNode && (
        <div className="notice graph-link-notice" role="status" data-testid="graph-unknown-node">
          The link names node <span className="mono">{focusNode}</span>, which this graph of {model.fileName} does not have{profile ? ' (nor is it a kernel of the run laid over it)' : ''}: showing the
          whole graph.{' '}
          <button className="ghost" onClick={() => setFocus(undefined)}>
            Dismiss
          </button>
        </div>
      )}
      {layout && <GraphLegend theme={theme} profile={profile} busy={profileBusy} maxShare={maxShare} fallbacks={fallbacks} />}
      <div className="graph-box" tabIndex={layout ? 0 : -1} aria-label="Model graph: arrows or Tab move through search results, Enter opens a node, Esc closes it, + and − zoom, F fits" data-testid="graph-box">
        {layout && (
          <GraphCanvas
            ref={canvas}
            layout={layout}
            look={look}
            {...(openId ? { selectedId: drawnId(folds, openId) } : {})}
            {...(activeId ? { activeId: drawnId(folds, activeId) } : {})}
            onPick={setOpenId}
          />
        )}
        {!layout && !failure && <div className="graph-placeholder hint">{busy === 'layout' ? 'Laying out the graph off the main thread…' : 'Reading the graph…'}</div>}
        {open && (
          <NodePanel
            node={open}
            {...(profile ? { profile } : {})}
            folded={(folds.folded.get(open.id) ?? []).flatMap((id) => nodeById.get(id) ?? [])}
            {...(openHost ? { host: nodeById.get(openHost) } : {})}
            onOpen={setOpenId}
            onExpand={(hostId) => void expand(hostId)}
            onClose={() => setOpenId(undefined)}
          />
        )}
      </div>
    </section>
  );
}

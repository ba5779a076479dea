/**
 * Time per operator type and the slowest nodes, from the profiled pass: both tables sortable
 * by any column (a header is a button, so the keyboard sorts too; `aria-sort` and an arrow
 * show the sort), the run's whole trace one click away as a file for Perfetto, and "Show on
 * graph": the Models view's graph of the run's model with this run laid over it (an operator's
 * or a node's name there centres its nodes).
 */
import { useState, type ReactNode } from 'react';
import type { Profile } from '../../../shared/run-results';
import { formatFlops, formatMs } from '../../../shared/format';
import { profilePassSentence } from '../../../shared/profile-words';
import { ariaSort, nextSort, sortRows, type SortDir, type SortState } from '../../../shared/sort-rows';
import { failure, type Failure } from '../stores/failure';
import { download } from './download';
import { fetchTrace } from '../stores/report-store';
import { FailureNotice } from './FailureNotice';
import { useGraph } from '../stores/graph-store';
import type { GraphFocus } from '../routing/route';

/** An operator's or node's name that opens the graph on it. */
function GraphLink({ runId, focus, text, what }: { runId: string; focus: GraphFocus; text: string; what: string }) {
  const showOnGraph = useGraph((s) => s.showOnGraph);
  return (
    <button className="link" onClick={() => void showOnGraph(runId, focus)} title={`Show ${what} on the model graph`}>
      {text}
    </button>
  );
}

function Share({ share }: { share: number }) {
  return (
    <span className="share">
      <span className="share-bar" style={{ width: `${Math.max(1, share * 100)}%` }} />
      <span className="share-text">{(share * 100).toFixed(1)}%</span>
    </span>
  );
}

interface Column<K extends string> {
  key: K;
  label: string;
  numeric?: boolean;
  /** A share of the table's width (the tables lay out fixed, to keep within their panel). */
  width?: string;
}

/** A sortable table's header row: numbers sort largest first on the first click, text A→Z. */
function SortHeader<K extends string>({ columns, sort, onSort, testId }: { columns: Column<K>[]; sort: SortState<K>; onSort(s: SortState<K>): void; testId: string }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={ariaSort(sort, c.key)} style={c.width ? { width: c.width } : undefined}>
            <button className="sort-button" onClick={() => onSort(nextSort(sort, c.key, c.numeric ? 'desc' : 'asc'))} data-testid={`${testId}-sort-${c.key}`} title={`Sort by ${c.label}`}>
              {c.label}
              <span className="sort-mark" aria-hidden="true">
                {sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
              </span>
            </button>
          </th>
        ))}
      </tr>
    </thead>
  );
}

function ShowOnGraph({ runId }: { runId: string }) {
  const showOnGraph = useGraph((s) => s.showOnGraph);
  return (
    <button onClick={() => void showOnGraph(runId)} data-testid="show-on-graph" title="The model's graph in the Models view, each node coloured by its share of this run's time">
      Show on graph
    </button>
  );
}

function TraceDownload({ runId, traceFile }: { runId: string; traceFile: string }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Failure>();
  const save = async (): Promise<void> => {
    setBusy(true);
    try {
      download(await fetchTrace(runId));
      setProblem(undefined);
    } catch (err) {
      setProblem(failure('Could not fetch the trace', err, save));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="trace-actions">
      <ShowOnGraph runId={runId} />
      <button onClick={() => void save()} disabled={busy} data-testid="download-trace">
        Download trace (Chrome trace JSON)
      </button>
      <span className="hint" data-testid="perfetto-note">
        Open it in Perfetto: <span className="mono">ui.perfetto.dev</span> → Open trace file. Perfetto reads the file inside your browser; Dyno uploads nothing. On the host:{' '}
        <span className="mono trace-path" title={traceFile}>
          {traceFile}
        </span>
      </span>
      {problem && <FailureNotice failure={problem} testId="trace-failure" />}
    </div>
  );
}

type OpKey = 'opType' | 'nodes' | 'ms' | 'share';
type NodeKey = 'name' | 'opType' | 'ms' | 'share';
const OP_COLUMNS: Column<OpKey>[] = [
  { key: 'opType', label: 'operator' },
  { key: 'nodes', label: 'nodes', numeric: true },
  { key: 'ms', label: 'time / iter', numeric: true },
  { key: 'share', label: 'share', numeric: true },
];
const NODE_COLUMNS: Column<NodeKey>[] = [
  { key: 'name', label: 'slowest nodes', width: '38%' },
  { key: 'opType', label: 'operator' },
  { key: 'ms', label: 'time / iter', numeric: true },
  { key: 'share', label: 'share', numeric: true },
];
const BY_TIME: { key: 'ms'; dir: SortDir } = { key: 'ms', dir: 'desc' };

function cellOf(row: { ms: number; share: number }, key: string, text: ReactNode): ReactNode {
  return key === 'ms' ? formatMs(row.ms) : key === 'share' ? <Share share={row.share} /> : text;
}

export function ProfileTable({ profile, runId }: { profile: Profile; runId: string }) {
  const [opSort, setOpSort] = useState<SortState<OpKey>>(BY_TIME);
  const [nodeSort, setNodeSort] = useState<SortState<NodeKey>>(BY_TIME);
  // The twelve slowest nodes, then in the order asked for.
  const slowest = sortRows(profile.topNodes, BY_TIME).slice(0, 12);
  return (
    <div className="profile" data-testid="profile">
      <div className="hint">
        <span data-testid="profile-pass">{profilePassSentence(profile)}</span> · {formatFlops(profile.flopsPerIteration)} per iteration
      </div>
      <TraceDownload runId={runId} traceFile={profile.traceFile} />
      <div className="profile-tables">
        <table className="io-table" data-testid="profile-by-op">
          <SortHeader columns={OP_COLUMNS} sort={opSort} onSort={setOpSort} testId="profile-by-op" />
          <tbody>
            {sortRows(profile.byOpType, opSort).map((t) => (
              <tr key={t.opType}>
                {OP_COLUMNS.map((c) => (
                  <td key={c.key} className={c.key === 'opType' ? 'mono' : c.numeric && c.key !== 'share' ? 'num' : undefined}>
                    {cellOf(t, c.key, c.key === 'opType' ? <GraphLink runId={runId} focus={{ op: t.opType }} text={t.opType} what={`the ${t.opType} nodes`} /> : t.nodes)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <table className="io-table" data-testid="profile-top-nodes">
          <SortHeader columns={NODE_COLUMNS} sort={nodeSort} onSort={setNodeSort} testId="profile-top-nodes" />
          <tbody>
            {sortRows(slowest, nodeSort).map((n) => (
              <tr key={n.name}>
                {NODE_COLUMNS.map((c) => (
                  <td key={c.key} className={c.key === 'name' ? 'mono node-name' : c.key === 'opType' ? 'mono' : c.key === 'ms' ? 'num' : undefined} title={c.key === 'name' ? n.name : undefined}>
                    {cellOf(n, c.key, c.key === 'name' ? <GraphLink runId={runId} focus={{ node: n.name }} text={n.name} what={n.name} /> : n.opType)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

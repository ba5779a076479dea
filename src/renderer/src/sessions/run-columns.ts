/**
 * The Sessions list's columns: what tells runs apart (model, provider, threads, batch,
 * scenario, label, tags, status, date) and their headline figures (p50, throughput, energy),
 * each with the sort key the host orders by. One list, read by the header and every row. A
 * command run has no provider, threads or batch: its EP cell says "exec" (it runs as `dyno exec`), and one cell in place of
 * threads, batch and scenario gives its runs, peak memory and the metrics it printed.
 */
import type { Run } from '../../../shared/run';
import type { RunSortKey } from '../../../shared/sessions/run-query';
import { formatBytes, plural, formatMs, formatRate } from '../../../shared/format';

export interface RunColumn {
  id: string;
  title: string;
  sort?: RunSortKey;
  numeric?: boolean;
  text(run: Run): string;
}

const statsOf = (run: Run) => ('stats' in run ? run.stats : undefined);
const resultsOf = (run: Run) => ('results' in run ? run.results : undefined);

export function threadsText(run: Run): string {
  const asked = run.config.session.intraOpThreads;
  if (asked > 0) return String(asked);
  const resolved = resultsOf(run)?.intraOpThreads;
  return resolved !== undefined ? `auto (${resolved})` : 'auto';
}

export function energyText(run: Run): string {
  const mj = resultsOf(run)?.telemetry?.energy?.perInferenceMj;
  return mj === null || mj === undefined ? '—' : `${mj.toPrecision(3)} mJ`;
}

const isCommand = (run: Run): boolean => run.config.command !== undefined;

/** A command's measured runs ("3 runs"); a model run's scenario. */
export function scenarioText(run: Run): string {
  if (!isCommand(run)) return run.config.scenario.kind;
  const runs = resultsOf(run)?.command?.runs.filter((r) => r.phase === 'measure').length;
  // A command that failed before measuring has no runs to count.
  return runs === undefined ? 'not measured' : plural(runs, 'run');
}

/** Four significant figures, no trailing zeros (a step count stays 20, not "20.00"). */
const metricValue = (v: number): string => String(Number(v.toPrecision(4)));

/** Peak memory, then (for a command) each metric's final value, the median across its runs. */
export function memoryAndMetricsText(run: Run): string {
  const r = resultsOf(run);
  if (!r) return '—';
  const parts = r.memory.peakRssBytes > 0 ? [formatBytes(r.memory.peakRssBytes)] : [];
  for (const m of r.command?.metrics ?? []) if (m.final) parts.push(`${m.name} ${metricValue(m.final.median)}`);
  return parts.length > 0 ? parts.join(' · ') : '—';
}

/** "✓ 2/2" all passed, "✗ 1/3" one failed, "? 1/2" not all judged; "—" without targets. */
export function targetsText(run: Run): string {
  const t = resultsOf(run)?.targets ?? [];
  if (t.length === 0) return '—';
  const failed = t.filter((x) => x.outcome === 'fail').length;
  const passed = t.filter((x) => x.outcome === 'pass').length;
  if (failed > 0) return `✗ ${failed}/${t.length}`;
  return passed === t.length ? `✓ ${passed}/${t.length}` : `? ${passed}/${t.length}`;
}

/** "Nov 7, 10:35": short enough for its column; the year only when it is not this year's. */
function shortDate(iso: string): string {
  const d = new Date(iso);
  const thisYear = d.getFullYear() === new Date().getFullYear();
  return d.toLocaleString([], { ...(thisYear ? {} : { year: '2-digit' }), month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** The user's label, or the one the run was started with. */
export const labelOf = (run: Run): string => run.label ?? run.config.label ?? '';

export const RUN_COLUMNS: readonly RunColumn[] = [
  { id: 'date', title: 'when', sort: 'createdAt', text: (r) => shortDate(r.createdAt) },
  { id: 'model', title: 'model', sort: 'model', text: (r) => r.modelName },
  { id: 'provider', title: 'EP', sort: 'provider', text: (r) => (isCommand(r) ? 'exec' : r.config.session.executionProvider) },
  { id: 'threads', title: 'threads', sort: 'threads', numeric: true, text: threadsText },
  { id: 'batch', title: 'batch', sort: 'batch', numeric: true, text: (r) => String(r.config.batchSize ?? 1) },
  { id: 'scenario', title: 'scenario', sort: 'scenario', text: scenarioText },
  { id: 'label', title: 'label', sort: 'label', text: labelOf },
  { id: 'tags', title: 'tags', text: (r) => (r.tags ?? []).join(', ') },
  { id: 'status', title: 'status', sort: 'status', text: (r) => r.status },
  { id: 'targets', title: 'targets', text: targetsText },
  { id: 'p50', title: 'p50', sort: 'p50', numeric: true, text: (r) => formatMs(statsOf(r)?.percentiles.p50?.valueMs) },
  { id: 'throughput', title: 'throughput', sort: 'throughput', numeric: true, text: (r) => { const s = statsOf(r); return s ? formatRate(s.throughputPerS) : '—'; } },
  { id: 'energy', title: 'energy/inf', sort: 'energy', numeric: true, text: energyText },
];

/**
 * A command run's row merges the model-only threads and batch cells with its scenario cell
 * into one that says what it has: its runs, peak memory and printed metrics (no room for a
 * column of its own at 1280 px).
 */
export const COMMAND_SPAN = { from: 'threads', columns: 3, text: (run: Run): string => [scenarioText(run), memoryAndMetricsText(run)].filter((t) => t !== '—').join(' · ') } as const;

/** The cells of a row: each column's, a command run's merged ones as one spanning cell. */
export function rowCells(run: Run): { column: RunColumn; text: string; span: number }[] {
  const cells: { column: RunColumn; text: string; span: number }[] = [];
  for (let i = 0; i < RUN_COLUMNS.length; i++) {
    const column = RUN_COLUMNS[i] as RunColumn;
    if (isCommand(run) && column.id === COMMAND_SPAN.from) {
      cells.push({ column, text: COMMAND_SPAN.text(run), span: COMMAND_SPAN.columns });
      i += COMMAND_SPAN.columns - 1;
    } else cells.push({ column, text: column.text(run), span: 1 });
  }
  return cells;
}

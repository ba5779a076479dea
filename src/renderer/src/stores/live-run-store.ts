/**
 * The run the Run view is watching: starting and cancelling it, the events it streams, and its
 * stored detail once it ends. Failures of those calls are kept for the view to show.
 */
import { create } from 'zustand';
import type { Progress, RunDetail } from '../../../shared/contract';
import { isRunActive, type Run, type RunConfig, type Sample } from '../../../shared/run';
import type { TelemetrySample } from '../../../shared/telemetry';
import type { Display } from '../../../shared/conditions';
import { api } from '../api';
import { failure, type Failure } from './failure';
import { appendSamples, emptyPoints, refilledPoints, type LivePoints } from './live-points';

export type { LivePoints } from './live-points';

/**
 * Points fetched to refill the view after a reconnect: the whole run so far, thinned (LTTB) only
 * beyond this, as the finished run's chart is.
 */
const REFILL_MAX_POINTS = 20_000;

interface LiveRunState {
  /** Latest state of every run heard of, so a run whose first events beat runs.start's reply is not missed. */
  known: Map<string, Run>;
  runId?: string;
  run?: Run;
  telemetry: TelemetrySample[];
  progress?: Progress;
  points: LivePoints;
  /** Bumped on every batch of samples so charts can redraw without copying arrays. */
  version: number;
  /**
   * Bumped on every batch of telemetry, apart from `version`: while a run measures nothing draws
   * telemetry, so a telemetry batch must not make the live chart or the median so far recompute.
   */
  telemetryVersion: number;
  /** The stored run with its warnings, fetched once the watched run has ended. */
  detail?: RunDetail;
  /** runs.start refused the run (shown beside the Run button: no run is being watched for it). */
  startFailure?: Failure;
  /** Cancelling the watched run, or fetching its detail, failed. */
  failure?: Failure;
  /** While the watched run is queued: the run in progress it waits behind, once known. */
  ahead?: Run;
  /** `display`: what the Run view will draw while it measures (the run records it). */
  start(config: RunConfig, display: Display): Promise<void>;
  cancel(): Promise<void>;
  loadDetail(): Promise<void>;
  watch(runId: string): void;
  /** Watch a run named by the address (`#/run?run=<id>`, e.g. after a reload): its results if it ended, its live state if not. */
  reopen(runId: string): Promise<RunDetail | undefined>;
  /**
   * After a reconnect: the watched run's state as the host has it (it may have ended meanwhile),
   * and the samples stored while the socket was down, so the chart has no hole.
   */
  resync(): Promise<void>;
  onRun(run: Run): void;
  onProgress(runId: string, progress: Progress): void;
  onSamples(runId: string, samples: Sample[]): void;
  onTelemetry(runId: string, samples: TelemetrySample[]): void;
}

const ended = (run: Run | undefined): run is Run => run !== undefined && !isRunActive(run);

/**
 * The run the queued, watched one waits behind: the host's run in progress (the queue runs one
 * at a time). Unknown, the Run view says only that the run is queued.
 */
async function findAhead(runId: string): Promise<void> {
  try {
    const [running] = await api.call('runs.list', { filter: { status: ['running'] }, limit: 1 });
    const now = useLiveRun.getState();
    if (running && now.runId === runId && now.run?.status === 'queued') useLiveRun.setState({ ahead: running });
  } catch {
    // The note says "queued" without naming what it waits for.
  }
}

/**
 * The watched run's stored samples and telemetry (thinned beyond REFILL_MAX_POINTS), merged with
 * what was heard live meanwhile: after a reconnect, or for a run reopened from its address.
 */
async function refill(runId: string): Promise<void> {
  const [series, stored] = await Promise.all([api.call('runs.series', { runId, maxPoints: REFILL_MAX_POINTS }), api.call('runs.telemetry', { runId })]);
  const now = useLiveRun.getState();
  if (now.runId !== runId) return;
  // Telemetry is stored as it is sampled too; what was heard beyond the stored end is kept.
  const storedEnd = stored.at(-1)?.tMs ?? -Infinity;
  const telemetry = [...stored, ...now.telemetry.filter((t) => t.tMs > storedEnd)];
  useLiveRun.setState({ points: refilledPoints(series.points, now.points), telemetry, version: now.version + 1, telemetryVersion: now.telemetryVersion + 1 });
}

export const useLiveRun = create<LiveRunState>((set, get) => ({
  known: new Map(),
  telemetry: [],
  points: emptyPoints(),
  version: 0,
  telemetryVersion: 0,
  start: async (config, display) => {
    set({ startFailure: undefined });
    try {
      const { runId } = await api.call('runs.start', { config, display });
      get().watch(runId);
    } catch (err) {
      set({ startFailure: failure('Could not start the run', err) });
    }
  },
  cancel: async () => {
    const { runId } = get();
    if (!runId) return;
    set({ failure: undefined });
    try {
      await api.call('runs.cancel', { runId });
    } catch (err) {
      set({ failure: failure('Could not cancel the run', err, () => get().cancel()) });
    }
  },
  loadDetail: async () => {
    const { runId } = get();
    if (!runId) return;
    set({ failure: undefined });
    try {
      const detail = await api.call('runs.get', { runId });
      if (get().runId === runId) set({ detail });
    } catch (err) {
      if (get().runId === runId) set({ failure: failure(`Could not load the results of run ${runId}`, err, () => get().loadDetail()) });
    }
  },
  watch: (runId) => {
    const run = get().known.get(runId);
    set({ runId, run, detail: undefined, failure: undefined, ahead: undefined, progress: undefined, points: emptyPoints(), telemetry: [], version: 0, telemetryVersion: 0 });
    if (ended(run)) void get().loadDetail();
    if (run?.status === 'queued') void findAhead(runId);
  },
  reopen: async (runId) => {
    get().watch(runId);
    try {
      const detail = await api.call('runs.get', { runId });
      if (get().runId !== runId) return undefined;
      // Set before onRun, which would otherwise fetch the same detail again.
      if (!isRunActive(detail.run)) set({ detail });
      get().onRun(detail.run);
      // The chart's points: the whole run if it ended, the samples so far if it still measures.
      await refill(runId);
      return detail;
    } catch (err) {
      // Nothing to watch (an unknown or deleted run): the empty Run view, saying why.
      if (get().runId === runId) set({ runId: undefined, run: undefined, failure: failure(`Could not open run ${runId}`, err, async () => void (await get().reopen(runId))) });
      return undefined;
    }
  },
  resync: async () => {
    const { runId } = get();
    if (!runId) return;
    try {
      const { run } = await api.call('runs.get', { runId });
      get().onRun(run);
      await refill(runId);
    } catch {
      // A run not stored yet, or the socket dropped again: the next event or reconnect says more.
    }
  },
  onRun: (run) => {
    get().known.set(run.id, run);
    const watched = get().run;
    if (run.id !== get().runId) {
      // Another run started while the watched one is queued: that is the one it now waits for.
      if (watched?.status === 'queued' && run.status === 'running') set({ ahead: run });
      return;
    }
    set({ run, ...(run.status === 'queued' ? {} : { ahead: undefined }) });
    if (run.status === 'queued' && watched?.status !== 'queued' && !get().ahead) void findAhead(run.id);
    if (ended(run) && get().detail?.run.id !== run.id) void get().loadDetail();
  },
  onProgress: (runId, progress) => {
    if (runId === get().runId) set({ progress });
  },
  onTelemetry: (runId, samples) => {
    const s = get();
    if (runId !== s.runId) return;
    s.telemetry.push(...samples);
    set({ telemetryVersion: s.telemetryVersion + 1 });
  },
  onSamples: (runId, samples) => {
    const s = get();
    if (runId !== s.runId) return;
    appendSamples(s.points, samples);
    set({ version: s.version + 1 });
  },
}));

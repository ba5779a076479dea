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

export interface LivePoints {
  x: number[];
  /** Start of each iteration on the shared time base, to align with telemetry. */
  tMs: number[];
  latencyMs: number[];
  warmupCount: number;
}

interface LiveRunState {
  /** Latest state of every run heard of, so a run whose first events beat runs.start's reply is not missed. */
  known: Map<string, Run>;
  runId?: string;
  run?: Run;
  telemetry: TelemetrySample[];
  progress?: Progress;
  points: LivePoints;
  /** Bumped on every batch so charts can redraw without copying arrays. */
  version: number;
  /** The stored run with its warnings, fetched once the watched run has ended. */
  detail?: RunDetail;
  /** runs.start refused the run (shown beside the Run button: no run is being watched for it). */
  startFailure?: Failure;
  /** Cancelling the watched run, or fetching its detail, failed. */
  failure?: Failure;
  /** `display`: what the Run view will draw while it measures (the run records it). */
  start(config: RunConfig, display: Display): Promise<void>;
  cancel(): Promise<void>;
  loadDetail(): Promise<void>;
  watch(runId: string): void;
  /** After a reconnect: the watched run's state as the host has it (it may have ended meanwhile). */
  resync(): Promise<void>;
  onRun(run: Run): void;
  onProgress(runId: string, progress: Progress): void;
  onSamples(runId: string, samples: Sample[]): void;
  onTelemetry(runId: string, samples: TelemetrySample[]): void;
}

const empty = (): LivePoints => ({ x: [], tMs: [], latencyMs: [], warmupCount: 0 });
const ended = (run: Run | undefined): run is Run => run !== undefined && !isRunActive(run);

export const useLiveRun = create<LiveRunState>((set, get) => ({
  known: new Map(),
  telemetry: [],
  points: empty(),
  version: 0,
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
    set({ runId, run, detail: undefined, failure: undefined, progress: undefined, points: empty(), telemetry: [], version: 0 });
    if (ended(run)) void get().loadDetail();
  },
  resync: async () => {
    const { runId } = get();
    if (!runId) return;
    try {
      const { run } = await api.call('runs.get', { runId });
      get().onRun(run);
    } catch {
      // A run not stored yet, or the socket dropped again: the next event or reconnect says more.
    }
  },
  onRun: (run) => {
    get().known.set(run.id, run);
    if (run.id !== get().runId) return;
    set({ run });
    if (ended(run) && get().detail?.run.id !== run.id) void get().loadDetail();
  },
  onProgress: (runId, progress) => {
    if (runId === get().runId) set({ progress });
  },
  onTelemetry: (runId, samples) => {
    const s = get();
    if (runId !== s.runId) return;
    s.telemetry.push(...samples);
    set({ version: s.version + 1 });
  },
  onSamples: (runId, samples) => {
    const s = get();
    if (runId !== s.runId) return;
    const p = s.points;
    for (const sample of samples) {
      if (sample.phase === 'warmup') {
        p.warmupCount = Math.max(p.warmupCount, sample.i + 1);
        p.x.push(sample.i);
      } else p.x.push(p.warmupCount + sample.i);
      p.latencyMs.push(sample.latencyMs);
      p.tMs.push(sample.tMs);
    }
    set({ version: s.version + 1 });
  },
}));

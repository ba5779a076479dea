/**
 * The Compare view: which runs (in selection order), which is the baseline, each run's own data
 * for the overlaid charts (record, latency series, distribution, telemetry), and the host's
 * verdicts (`runs.compare`). The charts need only the runs' data, so they draw even when the
 * comparison itself fails; each failure is kept and shown where its result would be.
 */
import { create } from 'zustand';
import type { Result, RunDetail, Series } from '../../../shared/contract';
import type { Comparison } from '../../../shared/compare/schema';
import type { TelemetrySample } from '../../../shared/telemetry';
import { api } from '../api';
import { failure, type Failure } from './failure';
import { runInterleavedRounds } from '../../../shared/compare/interleave';

let stopAsked = false;

export interface CompareRunData {
  detail: RunDetail;
  series: Series;
  distribution?: Result<'runs.distribution'>;
  telemetry: TelemetrySample[];
}

interface CompareState {
  runIds: string[];
  baselineId?: string;
  data: Readonly<Record<string, CompareRunData>>;
  loading: boolean;
  dataFailure?: Failure;
  comparison?: Comparison;
  comparisonFailure?: Failure;
  /** Interleaved A/B in progress: rounds done of rounds asked, and the study it stores them in. */
  interleave?: { rounds: number; done: number; studyId?: string; runId?: string };
  interleaveFailure?: Failure;
  open(runIds: readonly string[]): void;
  /** Measures the runs' configurations again in alternating rounds and compares them round by round. */
  runInterleaved(rounds: number): Promise<void>;
  cancelInterleaved(): Promise<void>;
  setBaseline(runId: string): void;
  load(): Promise<void>;
  compare(): Promise<void>;
}

async function runData(runId: string): Promise<CompareRunData> {
  const [detail, series, telemetry] = await Promise.all([
    api.call('runs.get', { runId }),
    api.call('runs.series', { runId, maxPoints: 2000 }),
    api.call('runs.telemetry', { runId }),
  ]);
  // A run that measured nothing (failed, aborted early) has no distribution to overlay.
  const distribution = detail.run.status === 'completed' || (detail.run.status === 'aborted' && detail.run.stats) ? await api.call('runs.distribution', { runId }) : undefined;
  return { detail, series, telemetry, ...(distribution ? { distribution } : {}) };
}

export const useCompare = create<CompareState>((set, get) => ({
  runIds: [],
  data: {},
  loading: false,
  open: (runIds) => {
    set({ interleave: undefined, interleaveFailure: undefined });
    set({ runIds: [...runIds], baselineId: runIds[0], data: {}, comparison: undefined, comparisonFailure: undefined, dataFailure: undefined });
    void get().load();
  },
  setBaseline: (baselineId) => {
    set({ baselineId });
    void get().compare();
  },
  load: async () => {
    const { runIds } = get();
    set({ loading: true, dataFailure: undefined });
    try {
      const loaded = await Promise.all(runIds.map(async (id) => [id, await runData(id)] as const));
      if (get().runIds !== runIds) return;
      set({ data: Object.fromEntries(loaded), loading: false });
    } catch (err) {
      if (get().runIds === runIds) set({ loading: false, dataFailure: failure('Could not load the runs to compare', err, () => get().load()) });
    }
    await get().compare();
  },
  runInterleaved: async (rounds) => {
    const { runIds, data, baselineId } = get();
    const configs = runIds.flatMap((id) => (data[id] ? [data[id].detail.run.config] : []));
    if (configs.length !== runIds.length || get().interleave) return;
    stopAsked = false;
    set({ interleave: { rounds, done: 0 }, interleaveFailure: undefined });
    const progress = (patch: Partial<NonNullable<CompareState['interleave']>>): void => {
      const now = get().interleave;
      if (now) set({ interleave: { ...now, ...patch } });
    };
    try {
      const measured = await runInterleavedRounds(api, configs, rounds, runIds.map((id) => [id]), {
        shouldStop: () => stopAsked,
        onStudy: (studyId) => progress({ studyId }),
        onRunStarted: (runId) => progress({ runId }),
        onMeasured: (round, side) => {
          if (side === configs.length - 1) progress({ done: round });
        },
      });
      const baselineAt = Math.max(0, runIds.indexOf(baselineId ?? ''));
      const comparison = await api.call('runs.compare', { runIds: measured.sides, baselineId: measured.sides[baselineAt]?.[0], paired: true });
      if (get().runIds === runIds) set({ comparison: { ...comparison, studyId: measured.studyId }, comparisonFailure: undefined });
    } catch (err) {
      set({ interleaveFailure: failure('Interleaved A/B stopped', err, () => get().runInterleaved(rounds)) });
    } finally {
      set({ interleave: undefined });
    }
  },
  cancelInterleaved: async () => {
    stopAsked = true;
    const runId = get().interleave?.runId;
    if (runId) await api.call('runs.cancel', { runId }).catch(() => undefined);
  },
  compare: async () => {
    const { runIds, baselineId } = get();
    if (runIds.length < 2) return;
    set({ comparisonFailure: undefined });
    try {
      const comparison = await api.call('runs.compare', { runIds, ...(baselineId ? { baselineId } : {}) });
      if (get().runIds === runIds && get().baselineId === baselineId) set({ comparison });
    } catch (err) {
      if (get().runIds === runIds) set({ comparison: undefined, comparisonFailure: failure('Could not compare the runs', err, () => get().compare()) });
    }
  },
}));

/** Stored runs: the list, and the one open in detail. */
import { create } from 'zustand';
import type { RunDetail, Series } from '../../../shared/contract';
import { isRunActive, type Run } from '../../../shared/run';
import type { TelemetrySample } from '../../../shared/telemetry';
import { api } from '../api';
import { failure, type Failure } from './failure';

interface SessionsState {
  runs: Run[];
  /** The run list could not be loaded. */
  listFailure?: Failure;
  selectedId?: string;
  detail?: RunDetail;
  series?: Series;
  telemetry?: TelemetrySample[];
  /** The selected run's detail, series or telemetry could not be loaded. */
  detailFailure?: Failure;
  refresh(): Promise<void>;
  select(runId: string): Promise<void>;
  upsert(run: Run): void;
}

export const useSessions = create<SessionsState>((set, get) => ({
  runs: [],
  refresh: async () => {
    try {
      set({ runs: await api.call('runs.list', { limit: 500 }), listFailure: undefined });
    } catch (err) {
      set({ listFailure: failure('Could not load the stored runs', err, () => get().refresh()) });
    }
  },
  select: async (runId) => {
    set({ selectedId: runId, detail: undefined, series: undefined, telemetry: undefined, detailFailure: undefined });
    try {
      const [detail, series, telemetry] = await Promise.all([
        api.call('runs.get', { runId }),
        api.call('runs.series', { runId, maxPoints: 4000 }),
        api.call('runs.telemetry', { runId }),
      ]);
      if (get().selectedId === runId) set({ detail, series, telemetry });
    } catch (err) {
      if (get().selectedId === runId) set({ detailFailure: failure(`Could not load run ${runId}`, err, () => get().select(runId)) });
    }
  },
  upsert: (run) => {
    const runs = get().runs;
    const at = runs.findIndex((r) => r.id === run.id);
    set({ runs: at >= 0 ? runs.map((r) => (r.id === run.id ? run : r)) : [run, ...runs] });
    if (get().selectedId === run.id && !isRunActive(run)) void get().select(run.id);
  },
}));

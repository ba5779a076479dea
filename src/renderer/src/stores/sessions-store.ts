/** Stored runs: the list, and the one open in detail. */
import { create } from 'zustand';
import type { RunDetail, Series } from '../../../shared/contract';
import type { Run } from '../../../shared/run';
import type { TelemetrySample } from '../../../shared/telemetry';
import { api } from '../api';

interface SessionsState {
  runs: Run[];
  selectedId?: string;
  detail?: RunDetail;
  series?: Series;
  telemetry?: TelemetrySample[];
  error?: string;
  refresh(): Promise<void>;
  select(runId: string): Promise<void>;
  upsert(run: Run): void;
}

export const useSessions = create<SessionsState>((set, get) => ({
  runs: [],
  refresh: async () => {
    try {
      set({ runs: await api.call('runs.list', { limit: 500 }), error: undefined });
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err) });
    }
  },
  select: async (runId) => {
    set({ selectedId: runId, detail: undefined, series: undefined, telemetry: undefined });
    try {
      const [detail, series, telemetry] = await Promise.all([
        api.call('runs.get', { runId }),
        api.call('runs.series', { runId, maxPoints: 4000 }),
        api.call('runs.telemetry', { runId }),
      ]);
      if (get().selectedId === runId) set({ detail, series, telemetry });
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err) });
    }
  },
  upsert: (run) => {
    const runs = get().runs;
    const at = runs.findIndex((r) => r.id === run.id);
    set({ runs: at >= 0 ? runs.map((r) => (r.id === run.id ? run : r)) : [run, ...runs] });
    if (get().selectedId === run.id && (run.status === 'completed' || run.status === 'failed' || run.status === 'aborted')) void get().select(run.id);
  },
}));

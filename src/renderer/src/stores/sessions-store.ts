/** The stored run open in detail: its record, latency series and telemetry. The list is sessions-list-store. */
import { create } from 'zustand';
import type { RunDetail, Series } from '../../../shared/contract';
import { isRunActive, type Run } from '../../../shared/run';
import type { TelemetrySample } from '../../../shared/telemetry';
import { api } from '../api';
import { failure, type Failure } from './failure';

interface SessionsState {
  selectedId?: string;
  detail?: RunDetail;
  series?: Series;
  telemetry?: TelemetrySample[];
  /** The selected run's detail, series or telemetry could not be loaded. */
  detailFailure?: Failure;
  select(runId: string): Promise<void>;
  /** A run's label, notes or tags changed: the open detail shows the stored ones. */
  onEdited(run: Run): void;
  upsert(run: Run): void;
}

export const useSessions = create<SessionsState>((set, get) => ({
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
  onEdited: (run) => {
    const detail = get().detail;
    if (detail?.run.id === run.id) set({ detail: { ...detail, run } });
  },
  upsert: (run) => {
    if (get().selectedId === run.id && !isRunActive(run)) void get().select(run.id);
  },
}));

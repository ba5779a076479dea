/**
 * Latency distributions of finished runs, fetched once per run and state: a run's stored
 * samples do not change after it ends, and the Run view and Sessions can show the same run.
 */
import { create } from 'zustand';
import type { Distribution } from '../../../shared/distribution';
import type { RunStatus } from '../../../shared/run';
import { api } from '../api';
import { failure, type Failure } from './failure';

export interface DistributionEntry {
  data?: Distribution;
  failure?: Failure;
}

interface DistributionState {
  byKey: Record<string, DistributionEntry>;
  load(runId: string, status: RunStatus): Promise<void>;
}

/** A run's samples can still grow while it is not finished: the status is part of the key. */
export const distributionKey = (runId: string, status: RunStatus): string => `${runId}:${status}`;

export const useDistributions = create<DistributionState>((set, get) => ({
  byKey: {},
  load: async (runId, status) => {
    const key = distributionKey(runId, status);
    if (get().byKey[key]?.data) return;
    const put = (entry: DistributionEntry): void => set((s) => ({ byKey: { ...s.byKey, [key]: entry } }));
    put({});
    try {
      put({ data: await api.call('runs.distribution', { runId }) });
    } catch (err) {
      put({ failure: failure('Could not load the latency distribution', err, () => get().load(runId, status)) });
    }
  },
}));

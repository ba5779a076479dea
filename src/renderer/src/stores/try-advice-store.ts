/**
 * "Try it" on a run's advice: queues the run's configuration with only that item's change
 * (runs.rerun with the advice id: the host applies the change), shows it live in the Run view,
 * and when it has finished opens the comparison of the two with the original as baseline, so the
 * verdict is measured rather than claimed.
 */
import { create } from 'zustand';
import type { AdviceId } from '../../../shared/advice/advice';
import type { Display } from '../../../shared/conditions';
import { api } from '../api';
import { openRoute } from '../routing/router';
import { failure, type Failure } from './failure';
import { useLiveRun } from './live-run-store';
import { useUi } from './ui-store';

interface Trying {
  baseRunId: string;
  adviceId: AdviceId;
  /** The tried run, once queued. */
  runId?: string;
}

interface TryAdviceState {
  trying?: Trying;
  failure?: Failure;
  tryIt(baseRunId: string, adviceId: AdviceId, display: Display): Promise<void>;
}

export const useTryAdvice = create<TryAdviceState>((set, get) => ({
  tryIt: async (baseRunId, adviceId, display) => {
    if (get().trying) return;
    set({ trying: { baseRunId, adviceId }, failure: undefined });
    try {
      const { runId } = await api.call('runs.rerun', { runId: baseRunId, advice: adviceId, display });
      set({ trying: { baseRunId, adviceId, runId } });
      useLiveRun.getState().watch(runId);
      useUi.getState().go('run');
      const { run } = await api.call('runs.wait', { runId });
      if (run.status !== 'completed') throw new Error(`run ${runId} ${run.status === 'failed' ? `failed: ${run.error}` : `was ${run.status}`}; there is nothing to compare.`);
      openRoute({ view: 'compare', runIds: [runId, baseRunId], baselineId: baseRunId });
    } catch (err) {
      set({ failure: failure('Could not try the advice', err) });
    } finally {
      set({ trying: undefined });
    }
  },
}));

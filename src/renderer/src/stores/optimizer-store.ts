/**
 * The optimizer wizard: the goal being typed, the study shown (live from `optimizer.updated`
 * events while it runs, read with `optimizer.get` when opened by address or after a reload),
 * starting, cancelling and resuming it, and the Pareto explorer's sliders. The explorer's
 * re-ranking is the pure shared/optimizer/explorer.ts, so moving a slider costs no call.
 */
import { create } from 'zustand';
import type { OptimizerState } from '../../../shared/optimizer/study-state';
import type { ExplorerLimits } from '../../../shared/optimizer/explorer';
import { DEFAULT_GOAL_FIELDS, goalRequest, type GoalFields } from '../../../shared/optimizer/goal-form';
import { api } from '../api';
import { failure, type Failure } from './failure';

interface OptimizerStoreState {
  fields: GoalFields;
  studyId?: string;
  state?: OptimizerState;
  /** The start (or resume) was refused: shown beside its button. */
  startFailure?: Failure;
  failure?: Failure;
  limits: ExplorerLimits;
  /** A study measuring on the host now, whichever is shown (from its events): the Run view says so. */
  measuring?: { studyId: string; model: string; phase: string };
  setFields(patch: Partial<GoalFields>): void;
  setLimits(patch: Partial<ExplorerLimits>): void;
  start(): Promise<void>;
  cancel(): Promise<void>;
  resume(): Promise<void>;
  /** Shows a stored study (by address); undefined: back to a new goal. */
  open(studyId: string | undefined): Promise<void>;
  onState(state: OptimizerState): void;
}

/** The sliders start at the study's own constraints. */
const limitsOf = (s: OptimizerState): ExplorerLimits => ({ latencyBudgetMs: s.goal.latencyBudgetMs, maxError: s.goal.maxError, memoryCapBytes: s.goal.memoryCapBytes });

export const useOptimizer = create<OptimizerStoreState>((set, get) => ({
  fields: { model: '', ...DEFAULT_GOAL_FIELDS },
  limits: {},
  setFields: (patch) => set({ fields: { ...get().fields, ...patch } }),
  setLimits: (patch) => set({ limits: { ...get().limits, ...patch } }),
  start: async () => {
    const { request } = goalRequest(get().fields);
    if (!request) return;
    set({ startFailure: undefined });
    try {
      const { studyId } = await api.call('optimizer.start', request);
      await get().open(studyId);
    } catch (err) {
      set({ startFailure: failure('The optimizer did not start', err) });
    }
  },
  cancel: async () => {
    const { studyId } = get();
    if (!studyId) return;
    try {
      await api.call('optimizer.cancel', { studyId });
    } catch (err) {
      set({ failure: failure('Could not cancel the study', err) });
    }
  },
  resume: async () => {
    const { studyId } = get();
    if (!studyId) return;
    set({ startFailure: undefined });
    try {
      await api.call('optimizer.resume', { studyId });
      await get().open(studyId);
    } catch (err) {
      set({ startFailure: failure('The study did not resume', err) });
    }
  },
  open: async (studyId) => {
    if (studyId === undefined) {
      set({ studyId: undefined, state: undefined, failure: undefined });
      return;
    }
    set({ studyId, failure: undefined, ...(get().state?.studyId === studyId ? {} : { state: undefined }) });
    try {
      const state = await api.call('optimizer.get', { studyId });
      // An event may have brought a newer state while the call was out.
      const now = get().state;
      if (get().studyId !== studyId || (now && now.trials.length > state.trials.length)) return;
      set({ state, limits: limitsOf(state), ...(state.status !== 'running' && get().measuring?.studyId === studyId ? { measuring: undefined } : {}) });
    } catch (err) {
      if (get().studyId === studyId) set({ failure: failure(`Could not open optimizer study ${studyId}`, err, () => get().open(studyId)) });
    }
  },
  onState: (state) => {
    const measuring = get().measuring;
    if (state.status === 'running') set({ measuring: { studyId: state.studyId, model: state.model, phase: state.phase } });
    else if (measuring?.studyId === state.studyId) set({ measuring: undefined });
    if (state.studyId !== get().studyId) return;
    const first = get().state === undefined;
    set({ state, ...(first || state.result !== get().state?.result ? { limits: limitsOf(state) } : {}) });
  },
}));

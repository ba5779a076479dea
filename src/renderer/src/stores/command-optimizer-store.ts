/**
 * The optimizer wizard's Command workload: which workload the wizard shows (a model or a
 * command), the command goal being typed, and the command study shown — live from
 * `commandOptimizer.updated` events while it runs, read with `commandOptimizer.get` when opened
 * by address or after a reload — with starting, cancelling and resuming it. The model workload
 * keeps its own store (optimizer-store.ts); the two share only the address and the host's
 * one-study-at-a-time rule.
 */
import { create } from 'zustand';
import type { CommandOptimizerState } from '../../../shared/optimizer/command/study-state';
import { DEFAULT_COMMAND_GOAL_FIELDS, commandGoalRequest, type CommandGoalFields } from '../../../shared/optimizer/command/goal-form';
import { api } from '../api';
import { failure, type Failure } from './failure';

export type OptimizeWorkload = 'model' | 'command';

interface CommandOptimizerStoreState {
  workload: OptimizeWorkload;
  fields: CommandGoalFields;
  studyId?: string;
  state?: CommandOptimizerState;
  startFailure?: Failure;
  failure?: Failure;
  setWorkload(w: OptimizeWorkload): void;
  setFields(patch: Partial<CommandGoalFields>): void;
  start(): Promise<void>;
  cancel(): Promise<void>;
  resume(): Promise<void>;
  /** Shows a stored command study (by address); undefined: back to a new command goal. */
  open(studyId: string | undefined): Promise<void>;
  onState(state: CommandOptimizerState): void;
}

export const useCommandOptimizer = create<CommandOptimizerStoreState>((set, get) => ({
  workload: 'model',
  fields: DEFAULT_COMMAND_GOAL_FIELDS,
  setWorkload: (workload) => set({ workload }),
  setFields: (patch) => set({ fields: { ...get().fields, ...patch } }),
  start: async () => {
    const { request } = commandGoalRequest(get().fields);
    if (!request) return;
    set({ startFailure: undefined });
    try {
      const { studyId } = await api.call('commandOptimizer.start', request);
      await get().open(studyId);
    } catch (err) {
      set({ startFailure: failure('The optimizer did not start', err) });
    }
  },
  cancel: async () => {
    const { studyId } = get();
    if (!studyId) return;
    try {
      await api.call('commandOptimizer.cancel', { studyId });
    } catch (err) {
      set({ failure: failure('Could not cancel the study', err) });
    }
  },
  resume: async () => {
    const { studyId } = get();
    if (!studyId) return;
    set({ startFailure: undefined });
    try {
      await api.call('commandOptimizer.resume', { studyId });
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
    set({ workload: 'command', studyId, failure: undefined, ...(get().state?.studyId === studyId ? {} : { state: undefined }) });
    try {
      const state = await api.call('commandOptimizer.get', { studyId });
      // An event may have brought a newer state while the call was out.
      const now = get().state;
      if (get().studyId !== studyId || (now && now.trials.length > state.trials.length)) return;
      set({ state });
    } catch (err) {
      if (get().studyId === studyId) set({ failure: failure(`Could not open optimizer study ${studyId}`, err, () => get().open(studyId)) });
    }
  },
  onState: (state) => {
    if (state.studyId === get().studyId) set({ state });
  },
}));

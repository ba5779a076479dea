/** Building a model from the zoo: the host writes it into the studio's folder, opens it and sends back its inspection. */
import { create } from 'zustand';
import type { Params } from '../../../shared/contract';
import { api } from '../api';
import { failure, type Failure } from './failure';
import { useModel } from './model-store';
import { useUi } from './ui-store';

export type ZooRequest = Params<'models.zoo'>;
export type ZooFamily = ZooRequest['family'];
export type ZooSize = ZooRequest['size'];

/** The form's choice, kept here (not in the component) so leaving the view or reloading keeps it. */
export interface ZooChoice {
  family: ZooFamily;
  size: ZooSize;
  /** As typed: a half-typed seed is not lost. */
  seed: string;
}

export const DEFAULT_ZOO_CHOICE: ZooChoice = { family: 'resnet', size: 'small', seed: '1' };

interface ZooState {
  choice: ZooChoice;
  choose(patch: Partial<ZooChoice>): void;
  busy: boolean;
  failure?: Failure;
  build(request: ZooRequest): Promise<void>;
}

export const useZoo = create<ZooState>((set, get) => ({
  choice: DEFAULT_ZOO_CHOICE,
  choose: (patch) => set((s) => ({ choice: { ...s.choice, ...patch } })),
  busy: false,
  build: async (request) => {
    set({ busy: true, failure: undefined });
    try {
      useModel.getState().opened(await api.call('models.zoo', request));
      useUi.getState().go('run');
    } catch (err) {
      set({ failure: failure(`Could not build the ${request.size} ${request.family} model`, err, () => get().build(request)) });
    } finally {
      set({ busy: false });
    }
  },
}));

/** What the host told us about itself, and the bundled samples; loading them opens the default sample. */
import { create } from 'zustand';
import type { AppInfo } from '../../../shared/contract';
import type { SampleModel } from '../../../shared/model';
import { api } from '../api';
import { failure, type Failure } from './failure';
import { useModel } from './model-store';

interface AppState {
  info?: AppInfo;
  samples: SampleModel[];
  failure?: Failure;
  load(): Promise<void>;
}

export const useApp = create<AppState>((set, get) => ({
  samples: [],
  load: async () => {
    set({ failure: undefined });
    try {
      const [info, samples] = await Promise.all([api.call('app.info', {}), api.call('models.samples', {})]);
      set({ info, samples });
      const sample = samples.find((s) => s.isDefault);
      // The default never overrides a model the user already asked for.
      if (sample && !useModel.getState().requested) void useModel.getState().openPath(sample.path);
    } catch (err) {
      set({ failure: failure('Could not load the studio (host, devices and sample models)', err, () => get().load()) });
    }
  },
}));

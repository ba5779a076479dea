import { create } from 'zustand';
import type { AppInfo } from '../../../shared/contract';
import type { SampleModel } from '../../../shared/model';
import { api } from '../api';

/** What the host told us about itself, and the bundled samples. */
export const useApp = create<{ info?: AppInfo; samples: SampleModel[]; load(): Promise<void> }>((set) => ({
  samples: [],
  load: async () => {
    const [info, samples] = await Promise.all([api.call('app.info', {}), api.call('models.samples', {})]);
    set({ info, samples });
  },
}));

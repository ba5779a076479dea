/** What the host told us about itself, and the bundled samples; loading them opens the default sample. */
import { create } from 'zustand';
import type { AppInfo, ExecutionProviderStatus } from '../../../shared/contract';
import type { SampleModel } from '../../../shared/model';
import { api } from '../api';
import { failure, type Failure } from './failure';
import { useModel } from './model-store';

interface AppState {
  info?: AppInfo;
  samples: SampleModel[];
  failure?: Failure;
  /** The probe's verdict when it came before app.info's answer was stored (see onProviders). */
  probedProviders?: ExecutionProviderStatus[];
  load(): Promise<void>;
  /** The host's `app.providers` event: every provider probed. */
  onProviders(list: ExecutionProviderStatus[]): void;
}

export const useApp = create<AppState>((set, get) => ({
  samples: [],
  load: async () => {
    set({ failure: undefined });
    try {
      // The default sample opens as soon as the list arrives, not after app.info: probing the
      // providers and inspecting the model (each in its own process) then overlap, which is
      // most of a first load over a slow tunnel.
      const samples = api.call('models.samples', {}).then((list) => {
        set({ samples: list });
        const sample = list.find((s) => s.isDefault);
        // The default never overrides a model the user already asked for.
        if (sample && !useModel.getState().requested) void useModel.getState().openPath(sample.path);
        return list;
      });
      // Answered at once: providers still being probed come marked `checking`, and their
      // verdict follows as an event, so a cold host's probe is not part of the first load.
      const [info] = await Promise.all([api.call('app.info', { waitForProbe: false }), samples]);
      const probed = get().probedProviders;
      set({ info: probed ? { ...info, executionProviders: probed } : info });
    } catch (err) {
      set({ failure: failure('Could not load the studio (host, devices and sample models)', err, () => get().load()) });
    }
  },
  onProviders: (list) => {
    // The event can overtake the stored answer (both arrive, the answer's await resumes later).
    const info = get().info;
    set(info ? { info: { ...info, executionProviders: list }, probedProviders: list } : { probedProviders: list });
  },
}));

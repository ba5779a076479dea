/**
 * A real studio in a temp home, reached through the in-process DynoApi as the CLI reaches it:
 * registers its own beforeAll/afterAll, so a test file just calls it at the top.
 */
import { afterAll, beforeAll } from 'vitest';
import { createStudio, type CreateStudioOptions, type StudioHandle } from '../../src/main/studio/create-studio';
import { createInProcessApi } from '../../src/main/studio/in-process-api';
import type { DynoApi } from '../../src/shared/contract';
import { tempHome } from './temp-home';

export interface InProcessStudio {
  readonly home: string;
  readonly handle: StudioHandle;
  readonly api: DynoApi;
}

/** `options` go to createStudio beside the temp home (e.g. allowCommands for command workloads). */
export function useInProcessStudio(options: Omit<CreateStudioOptions, 'home'> = {}): InProcessStudio {
  let t: ReturnType<typeof tempHome> | undefined;
  let handle: StudioHandle | undefined;
  let api: DynoApi | undefined;
  beforeAll(() => {
    t = tempHome();
    handle = createStudio({ ...options, home: t.home });
    api = createInProcessApi(handle.studio);
  });
  afterAll(() => {
    handle?.close();
    t?.cleanup();
  });
  const ready = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('useInProcessStudio: used outside a test (before beforeAll ran).');
    return v;
  };
  return {
    get home() {
      return ready(t).home;
    },
    get handle() {
      return ready(handle);
    },
    get api() {
      return ready(api);
    },
  };
}

/**
 * A listener that throws (a closed window, a dead socket) must not turn a measured run into a
 * failed one, nor keep the other listeners from their events: the studio contains it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import { createInProcessApi } from '../../src/main/studio/in-process-api';
import type { DynoApi, StudioEvent } from '../../src/shared/contract';
import { CONV2D, tempHome } from '../helpers/temp-home';

let t: ReturnType<typeof tempHome>;
let handle: StudioHandle;
let api: DynoApi;
beforeAll(() => {
  t = tempHome();
  handle = createStudio({ home: t.home });
  api = createInProcessApi(handle.studio);
});
afterAll(() => {
  handle.close();
  t.cleanup();
});

describe('a broken event listener', () => {
  it('leaves the run completed and the other listeners served', async () => {
    const offBroken = handle.studio.onEvent(() => {
      throw new Error('Object has been destroyed');
    });
    const seen: StudioEvent[] = [];
    const offSeen = api.onEvent((e) => seen.push(e));
    try {
      const config = { modelPath: CONV2D, telemetry: { enabled: false }, stop: { warmupIterations: 1, minIterations: 20, maxIterations: 20, minDurationMs: 0, maxDurationMs: 10_000 } };
      const { runId } = await api.call('runs.start', { config });
      const { run } = await api.call('runs.wait', { runId });
      expect(run.status).toBe('completed');
      expect((await api.call('runs.get', { runId })).run.status).toBe('completed');
      expect(seen.some((e) => e.type === 'run.updated' && e.run.id === runId && e.run.status === 'completed')).toBe(true);
    } finally {
      offBroken();
      offSeen();
    }
  });
});

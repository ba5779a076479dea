/**
 * A listener that throws (a closed window, a dead socket) must not turn a measured run into a
 * failed one, nor keep the other listeners from their events: the studio contains it.
 */
import { describe, expect, it } from 'vitest';
import type { StudioEvent } from '../../src/shared/contract';
import { CONV2D } from '../helpers/temp-home';
import { useInProcessStudio } from '../helpers/in-process-studio';

const studio = useInProcessStudio();

describe('a broken event listener', () => {
  it('leaves the run completed and the other listeners served', async () => {
    const offBroken = studio.handle.studio.onEvent(() => {
      throw new Error('Object has been destroyed');
    });
    const seen: StudioEvent[] = [];
    const offSeen = studio.api.onEvent((e) => seen.push(e));
    try {
      const config = { modelPath: CONV2D, telemetry: { enabled: false }, stop: { warmupIterations: 1, minIterations: 20, maxIterations: 20, minDurationMs: 0, maxDurationMs: 10_000 } };
      const { runId } = await studio.api.call('runs.start', { config });
      const { run } = await studio.api.call('runs.wait', { runId });
      expect(run.status).toBe('completed');
      expect((await studio.api.call('runs.get', { runId })).run.status).toBe('completed');
      expect(seen.some((e) => e.type === 'run.updated' && e.run.id === runId && e.run.status === 'completed')).toBe(true);
    } finally {
      offBroken();
      offSeen();
    }
  });
});

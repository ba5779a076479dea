/**
 * A run configuration the host refuses names the setting as the run form labels it and as the
 * CLI spells it, so the UI and the terminal show the same one line (the knob registry's names).
 */
import { describe, expect, it } from 'vitest';
import { CONV2D } from '../helpers/temp-home';
import { useInProcessStudio } from '../helpers/in-process-studio';

const studio = useInProcessStudio();

const stop = { warmupIterations: 0, minIterations: 5, maxIterations: 5, minDurationMs: 0, maxDurationMs: 10_000 };

describe('a refused run configuration', () => {
  it('names the setting by label and flag', async () => {
    const config = { modelPath: CONV2D, stop, session: { intraOpThreads: -1 } };
    await expect(studio.api.call('runs.start', { config: config as never })).rejects.toThrow(/^Invalid runs.start request: Intra-op threads \(--threads\): Too small: expected number to be >=0$/);
  });

  it('names every broken setting in one line', async () => {
    const config = { modelPath: CONV2D, stop: { ...stop, maxIterations: 2 }, session: { intraOpThreads: -1 } };
    await expect(studio.api.call('runs.start', { config: config as never })).rejects.toThrow('Invalid runs.start request: Intra-op threads (--threads): Too small: expected number to be >=0; Max iterations (--max-iterations) must be at least the min iterations');
  });
});

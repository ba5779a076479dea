/**
 * The CLI's progress bar hears only progress, once a second, whatever the studio emits while a
 * run measures (a stand-in studio emits the host's mix: a sample batch and a progress event every
 * 250 ms, a telemetry sample every 100 ms).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInProcessApi } from '../../../src/main/studio/in-process-api';
import { progressEventsOf } from '../../../src/main/cli/progress-events';
import type { StudioEvent } from '../../../src/shared/contract';

afterEach(() => vi.useRealTimers());

function emittingStudio() {
  const listeners = new Set<(e: StudioEvent) => void>();
  let emitted = 0;
  const emit = (e: StudioEvent): void => {
    emitted++;
    for (const l of listeners) l(e);
  };
  const progress = (ms: number): StudioEvent => ({
    type: 'run.progress',
    runId: 'r1',
    progress: { phase: 'measure', warmupDone: 10, measuredDone: ms / 10, elapsedMs: ms, fraction: Math.min(1, ms / 10_000) },
  });
  return {
    emitted: () => emitted,
    listening: () => listeners.size,
    studio: {
      call: async () => ({}),
      onEvent(l: (e: StudioEvent) => void) {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    },
    /** `ms` of a measuring run from `fromMs`, on the fake clock in 50 ms steps. */
    advance(fromMs: number, ms: number): void {
      for (let t = fromMs; t < fromMs + ms; t += 50) {
        if (t % 100 === 0) emit({ type: 'run.telemetry', runId: 'r1', samples: [{ tMs: t, cpuPct: 50, gpus: [] } as never] });
        if (t % 250 === 0) {
          emit({ type: 'run.samples', runId: 'r1', samples: [{ i: t, tMs: t, latencyMs: 10, phase: 'measure' }] });
          emit(progress(t));
        }
        vi.advanceTimersByTime(50);
      }
    },
  };
}

describe("the CLI progress bar's events", () => {
  it('are the latest progress once a second, nothing else, and nothing after it stops listening', () => {
    vi.useFakeTimers();
    const s = emittingStudio();
    const heard: StudioEvent[] = [];
    const off = createInProcessApi(progressEventsOf(s.studio)).onEvent((e) => heard.push(e));
    s.advance(0, 3000);
    // 3 s of a run: 30 telemetry events, 12 sample batches, 12 progress events emitted; 3 heard.
    expect(s.emitted()).toBe(54);
    expect(heard.map((e) => e.type)).toEqual(['run.progress', 'run.progress', 'run.progress']);
    // Each is the latest progress when its second is up (the first was held from 0 ms until 1000 ms).
    expect(heard.map((e) => (e.type === 'run.progress' ? e.progress.elapsedMs : -1))).toEqual([750, 1750, 2750]);
    off();
    expect(s.listening()).toBe(0);
    s.advance(3000, 2000);
    expect(heard).toHaveLength(3);
  });
});

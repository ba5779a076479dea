/**
 * The command executor's measured window on real runs: the queue's handlers (SQLite writes, the
 * "measuring started" snapshot of every process) run between runs in the same loop, and their
 * time is not the command's — a slow handler must not show up in the measured wall time, while
 * every run's own time does, nor count toward --min-duration.
 */
import { describe, expect, it } from 'vitest';
import { commandExecutor } from '../../src/main/executor/command-executor';
import { execConfig, EXEC_DEFAULTS } from '../../src/main/cli/exec-options';
import type { ExecutorHandlers } from '../../src/main/executor/executor';

const SLOW_HANDLER_MS = 150;

const options = { ...EXEC_DEFAULTS, env: {}, metric: [], target: [], param: [], telemetry: false };

function busyFor(ms: number): void {
  const t = performance.now();
  while (performance.now() - t < ms);
}

describe('the measured window of a command run', () => {
  it('leaves a slow sample handler out of the measured wall time and keeps every run in it', async () => {
    // One warm-up: its batch is handed over when measuring begins, inside the measured loop.
    const config = execConfig(['sleep', '0.05'], { ...options, warmup: 1, runs: 4, maxRuns: 4, minDuration: 0, maxDuration: EXEC_DEFAULTS.maxDurationS });
    let batches = 0;
    const handlers: ExecutorHandlers = {
      onReady: () => undefined,
      onSamples: () => {
        batches++;
        busyFor(SLOW_HANDLER_MS);
      },
    };
    const t = performance.now();
    const outcome = await commandExecutor().start({ runId: 'r', config, artifactsDir: '' }, handlers).outcome;
    const elapsedMs = performance.now() - t;
    expect(outcome.kind).toBe('done');
    if (outcome.kind !== 'done') return;
    const measured = (outcome.command?.runs ?? []).filter((r) => r.phase === 'measure');
    expect(measured).toHaveLength(4);
    const runsMs = measured.reduce((sum, r) => sum + r.wallMs, 0);
    expect(batches).toBeGreaterThanOrEqual(2); // the warm-up's, then the measured runs'
    // Every run is in the measured wall; the handler's 150 ms inside the loop is not.
    expect(outcome.measuredWallMs).toBeGreaterThanOrEqual(runsMs);
    expect(outcome.measuredWallMs).toBeLessThan(runsMs + SLOW_HANDLER_MS / 2);
    expect(elapsedMs).toBeGreaterThanOrEqual(outcome.measuredWallMs + batches * SLOW_HANDLER_MS);
  });

  it('meets --min-duration with the command\'s own measured time, not with the handlers\' time', async () => {
    // The warm-up's batch is handed over after the first measured run, and its handler alone
    // outlasts --min-duration: counted, it would end measuring after that one short run. (Only
    // that batch is slow: the batcher times its interval from before the handler, so a slow
    // handler on every batch would make each run's batch slow too.)
    const MIN_DURATION_S = 0.3;
    const config = execConfig(['sleep', '0.02'], { ...options, warmup: 1, runs: 1, maxRuns: 10_000, minDuration: MIN_DURATION_S, maxDuration: EXEC_DEFAULTS.maxDurationS });
    const handlers: ExecutorHandlers = {
      onReady: () => undefined,
      onSamples: (batch) => {
        if (batch.phase === 'warmup') busyFor(2 * MIN_DURATION_S * 1000);
      },
    };
    const outcome = await commandExecutor().start({ runId: 'r', config, artifactsDir: '' }, handlers).outcome;
    expect(outcome.kind).toBe('done');
    if (outcome.kind !== 'done') return;
    const measured = (outcome.command?.runs ?? []).filter((r) => r.phase === 'measure');
    expect(outcome.measuredWallMs).toBeGreaterThanOrEqual(MIN_DURATION_S * 1000);
    // It stopped once the rule was met: the runs before the last fell short of it.
    const beforeLastMs = measured.slice(0, -1).reduce((sum, r) => sum + r.wallMs, 0);
    expect(beforeLastMs).toBeLessThan(MIN_DURATION_S * 1000);
  });
});

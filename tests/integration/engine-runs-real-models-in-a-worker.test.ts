/**
 * The studio end to end below the UI: real ONNX Runtime sessions in a real worker process,
 * results and samples in a real SQLite file.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createStudio, type StudioHandle } from '../../src/main/studio/create-studio';
import { RunConfigSchema, type Run } from '../../src/shared/run';
import type { RunDetail, Series, StudioEvent } from '../../src/shared/contract';
import { CONV2D, SQUEEZENET, tempHome } from '../helpers/temp-home';

let t: ReturnType<typeof tempHome>;
let handle: StudioHandle;

beforeEach(() => {
  t = tempHome();
  handle = createStudio({ home: t.home });
});
afterEach(() => {
  handle.close();
  t.cleanup();
});

const config = (modelPath: string, stop: Partial<Run['config']['stop']> = {}) =>
  RunConfigSchema.parse({
    modelPath,
    stop: { warmupIterations: 5, minIterations: 20, maxIterations: 20, minDurationMs: 0, maxDurationMs: 60_000, ...stop },
  });

/** Resolves once the run has measured more than `n` iterations. */
function measured(runId: string, n: number): Promise<void> {
  return new Promise((resolve) => {
    const off = handle.studio.onEvent((e) => {
      if (e.type === 'run.progress' && e.runId === runId && e.progress.measuredDone > n) {
        off();
        resolve();
      }
    });
  });
}

async function start(cfg: Run['config']): Promise<string> {
  return ((await handle.studio.call('runs.start', { config: cfg })) as { runId: string }).runId;
}

describe('a benchmark run', () => {
  it('measures exactly the asked iterations and stores every sample', async () => {
    const events: StudioEvent[] = [];
    handle.studio.onEvent((e) => events.push(e));
    const runId = await start(config(SQUEEZENET));
    const run = await handle.studio.queue.whenFinished(runId);
    expect(run.status).toBe('completed');
    if (run.status !== 'completed') return;
    expect(run.stats.count).toBe(20);
    expect(run.stats.percentiles.p50!.valueMs).toBeGreaterThan(0);
    expect(run.stats.minMs).toBeLessThanOrEqual(run.stats.percentiles.p50!.valueMs);
    expect(run.stats.throughputPerS).toBeGreaterThan(0);
    expect(run.coldStart.sessionCreateMs).toBeGreaterThan(0);
    expect(run.coldStart.firstRunMs).toBeGreaterThan(0);

    // Every state change was broadcast, in order, and samples streamed while it ran.
    const statuses = events.flatMap((e) => (e.type === 'run.updated' ? [e.run.status] : []));
    expect(statuses).toEqual(['queued', 'running', 'completed']);
    const streamed = events.flatMap((e) => (e.type === 'run.samples' ? e.samples : []));
    expect(streamed.filter((s) => s.phase === 'warmup')).toHaveLength(5);
    expect(streamed.filter((s) => s.phase === 'measure')).toHaveLength(20);

    // The stored run and its samples agree with what was streamed.
    const detail = (await handle.studio.call('runs.get', { runId })) as RunDetail;
    expect(detail.run).toEqual(run);
    const series = (await handle.studio.call('runs.series', { runId, maxPoints: 1000 })) as Series;
    expect(series.totalPoints).toBe(25);
    expect(series.points.map((p) => p.latencyMs)).toEqual(streamed.map((s) => s.latencyMs));
    expect(series.points.map((p) => p.i)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('honours a minimum duration beyond the minimum iterations', async () => {
    const runId = await start(config(CONV2D, { minIterations: 10, maxIterations: 10_000_000, minDurationMs: 300 }));
    const run = await handle.studio.queue.whenFinished(runId);
    expect(run.status).toBe('completed');
    if (run.status !== 'completed') return;
    expect(run.stats.measuredWallMs).toBeGreaterThanOrEqual(300);
    expect(run.stats.count).toBeGreaterThan(10);
  });

  it('answers a wait for a run that has already finished', async () => {
    const runId = await start(config(CONV2D));
    const first = await handle.studio.queue.whenFinished(runId);
    // Asked again after the fact, and by two waiters at once: both hear the same ending.
    const [again, twice] = await Promise.all([handle.studio.queue.whenFinished(runId), handle.studio.queue.whenFinished(runId)]);
    expect(again).toEqual(first);
    expect(twice).toEqual(first);
  });

  it('runs queued benchmarks one at a time, in order', async () => {
    const a = await start(config(CONV2D));
    const b = await start(config(CONV2D));
    const [ra, rb] = await Promise.all([handle.studio.queue.whenFinished(a), handle.studio.queue.whenFinished(b)]);
    expect(ra.status).toBe('completed');
    expect(rb.status).toBe('completed');
    if (ra.status !== 'completed' || rb.status !== 'completed') return;
    expect(Date.parse(rb.startedAt)).toBeGreaterThanOrEqual(Date.parse(ra.finishedAt));
  });

  it('can be cancelled, keeping what it measured', async () => {
    const runId = await start(config(CONV2D, { minIterations: 10, maxIterations: 10_000_000, minDurationMs: 60_000 }));
    await measured(runId, 100);
    expect(await handle.studio.call('runs.cancel', { runId })).toEqual({ cancelled: true });
    const run = await handle.studio.queue.whenFinished(runId);
    expect(run.status).toBe('aborted');
    if (run.status === 'aborted') expect(run.stats?.count).toBeGreaterThan(100);
  });

  it('turns a killed worker into a failed run with a reason, and the studio carries on', async () => {
    const runId = await start(config(CONV2D, { minIterations: 10, maxIterations: 10_000_000, minDurationMs: 60_000 }));
    await measured(runId, 0);
    process.kill(handle.studio.queue.activeWorkerPid!, 'SIGKILL');
    const run = await handle.studio.queue.whenFinished(runId);
    expect(run.status).toBe('failed');
    if (run.status === 'failed') expect(run.error).toMatch(/worker was killed by SIGKILL/);
    const next = await handle.studio.queue.whenFinished(await start(config(CONV2D)));
    expect(next.status).toBe('completed');
  });
});

describe('bad input is refused with a clear message', () => {
  it('a missing model file', async () => {
    await expect(start(config(join(t.home, 'nope.onnx')))).rejects.toThrow(`Model file not found: ${join(t.home, 'nope.onnx')}`);
  });
  it('a truncated model file', async () => {
    const bad = join(t.home, 'truncated.onnx');
    writeFileSync(bad, Buffer.from('\x08\x07\x12\x04onnx\x3a\xff\xff'));
    await expect(start(config(bad))).rejects.toThrow(/truncated\.onnx is not a valid ONNX model/);
    expect(await handle.studio.call('runs.list', {})).toEqual([]);
  });
  it('an unknown method and malformed parameters', async () => {
    await expect(handle.studio.call('runs.explode', {})).rejects.toThrow('Unknown method: runs.explode');
    await expect(handle.studio.call('runs.start', { config: { modelPath: '' } })).rejects.toThrow(/Invalid runs.start request/);
  });
});

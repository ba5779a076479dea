/**
 * The CLI's and the benches' door to the studio: the in-process DynoApi over a real studio
 * (real worker processes, ONNX Runtime, SQLite). Real runs of each kind it can make quickly are
 * exported as JSON and read back unchanged by the reader.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApiCallError, type StudioEvent } from '../../src/shared/contract';
import type { RunConfigInput } from '../../src/shared/run';
import { runToJson } from '../../src/shared/run-json-from-run';
import { readRunJson } from '../../src/shared/run-json-reader';
import { EXPORTERS } from '../../src/shared/export';
import { CONV2D, SQUEEZENET } from '../helpers/temp-home';
import { useInProcessStudio } from '../helpers/in-process-studio';

const studio = useInProcessStudio();

const stop = (n: number) => ({ warmupIterations: 2, minIterations: n, maxIterations: n, minDurationMs: 0, maxDurationMs: 30_000 });

async function runAndReadBack(config: RunConfigInput) {
  const { runId } = await studio.api.call('runs.start', { config });
  const detail = await studio.api.call('runs.wait', { runId });
  const doc = runToJson(detail.run, detail.warnings, 'dyno@test');
  const [back] = readRunJson(EXPORTERS.json.render([doc]));
  expect(back).toEqual(JSON.parse(JSON.stringify(doc)));
  return { detail, back: back! };
}

describe('the in-process API', () => {
  it('runs a benchmark, streams its events and answers runs.wait when it has ended', async () => {
    const events: StudioEvent['type'][] = [];
    const off = studio.api.onEvent((e) => events.push(e.type));
    const { detail, back } = await runAndReadBack({ modelPath: CONV2D, stop: stop(30), profile: true, telemetry: { intervalMs: 50, idleBaselineMs: 0 } });
    off();
    expect(detail.run.status).toBe('completed');
    expect(events).toEqual(expect.arrayContaining(['run.updated', 'run.progress', 'run.samples']));
    expect(back.stats?.count).toBe(30);
    expect(back.profile?.byOpType.map((o) => o.opType)).toContain('Conv');
    expect(back.telemetry?.interval_ms).toBe(50);
    expect(back.energy?.source).toMatch(/^(rapl|none|gpu-power-integral|rapl\+gpu-power-integral)$/);
    expect(back.environment?.ortVersion).toMatch(/^\d+\.\d+/);

    // A run that has already ended is answered at once, with the same detail as runs.get.
    expect(await studio.api.call('runs.wait', { runId: detail.run.id })).toEqual(await studio.api.call('runs.get', { runId: detail.run.id }));
  });

  it('exports and reads back a Server-scenario run with its verdict', async () => {
    const { back } = await runAndReadBack({ modelPath: CONV2D, stop: stop(40), scenario: { kind: 'server', targetQps: 500, latencyBudgetMs: 1000 }, telemetry: { enabled: false } });
    // Whether it passes is the verdict's business (40 queries cannot claim a p99); it must survive the trip.
    expect(back.server).toMatchObject({ targetQps: 500, latencyBudget_ms: 1000, percentile: 0.99, passed: expect.any(Boolean) });
    expect(back.server?.achievedQps).toBeGreaterThan(0);
  });

  it('exports and reads back a run whose outputs were checked', async () => {
    // ONNX's backend test data (the corpus beside the checkout; tests/helpers/onnx-corpus.ts on the tests branch).
    const dir = resolve('../shared/onnx-corpus/pytorch-converted/test_ReLU');
    expect(existsSync(dir), `this test needs the ONNX backend test corpus at ${dir}`).toBe(true);
    const { back } = await runAndReadBack({
      modelPath: join(dir, 'model.onnx'),
      inputs: { kind: 'files', dir: join(dir, 'test_data_set_0') },
      checkOutputs: true,
      stop: stop(5),
      telemetry: { enabled: false },
    });
    expect(back.check).toMatchObject({ passed: true, maxAbsError: 0 });
  });

  it('exports and reads back a run cancelled while it waited in the queue', async () => {
    const busy = await studio.api.call('runs.start', { config: { modelPath: SQUEEZENET, stop: stop(20), telemetry: { enabled: false } } });
    const queued = await studio.api.call('runs.start', { config: { modelPath: CONV2D, stop: stop(20), telemetry: { enabled: false } } });
    expect(await studio.api.call('runs.cancel', { runId: queued.runId })).toEqual({ cancelled: true });
    const detail = await studio.api.call('runs.wait', { runId: queued.runId });
    expect(detail.run.status).toBe('aborted');
    const [back] = readRunJson(EXPORTERS.json.render([runToJson(detail.run, detail.warnings, 'dyno@test')]));
    expect(back?.run.status).toBe('aborted');
    expect(back?.stats).toBeNull();
    expect((await studio.api.call('runs.wait', { runId: busy.runId })).run.status).toBe('completed');
  });

  it('refuses to wait for a run that does not exist, with the contract error', async () => {
    await expect(studio.api.call('runs.wait', { runId: 'no-such-run' })).rejects.toEqual(new ApiCallError('No run with id no-such-run.', 'not-found'));
    await expect(studio.api.call('runs.wait', { runId: '' })).rejects.toMatchObject({ code: 'invalid-params' });
  });
});

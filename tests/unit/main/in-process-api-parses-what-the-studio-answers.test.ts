/**
 * The in-process transport trusts the studio no more than the WebSocket does: results and
 * events are parsed with the contract's schemas. (A stand-in studio answers badly on purpose;
 * the real one is driven in tests/integration/in-process-api-runs-export-and-read-back.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { createInProcessApi } from '../../../src/main/studio/in-process-api';
import { ApiCallError, type StudioEvent } from '../../../src/shared/contract';

function studioAnswering(result: unknown, events: unknown[] = []) {
  const calls: { method: unknown; params: unknown }[] = [];
  return {
    calls,
    studio: {
      call: async (method: unknown, params: unknown) => {
        calls.push({ method, params });
        return result;
      },
      onEvent: (listener: (e: StudioEvent) => void) => {
        // Events as they might arrive from a host with a bug: one well-formed, one not.
        for (const e of events) listener(e as StudioEvent);
        return () => undefined;
      },
    },
  };
}

describe('the in-process API', () => {
  it('passes the call through and returns the parsed result', async () => {
    const { studio, calls } = studioAnswering({ runId: 'r1', extra: 'dropped' });
    expect(await createInProcessApi(studio).call('runs.start', { config: { modelPath: '/m.onnx', stop: { warmupIterations: 0, minIterations: 1, maxIterations: 1, minDurationMs: 0, maxDurationMs: 1 } } })).toEqual({ runId: 'r1' });
    expect(calls.map((c) => c.method)).toEqual(['runs.start']);
  });

  it('refuses a result that breaks the contract, in one line', async () => {
    const { studio } = studioAnswering({ runId: 42 });
    await expect(createInProcessApi(studio).call('runs.cancel', { runId: 'r1' })).rejects.toEqual(
      new ApiCallError('The host sent an unexpected runs.cancel result (cancelled: Invalid input: expected boolean, received undefined).', 'bad-result'),
    );
  });

  it('hands on only events that match the contract', () => {
    const good = { type: 'run.progress', runId: 'r1', progress: { phase: 'measure', warmupDone: 2, measuredDone: 5, elapsedMs: 10, fraction: 0.5 } };
    const { studio } = studioAnswering(null, [good, { type: 'run.progress', runId: 'r1' }]);
    const seen: StudioEvent[] = [];
    createInProcessApi(studio).onEvent((e) => seen.push(e));
    expect(seen).toEqual([good]);
  });
});

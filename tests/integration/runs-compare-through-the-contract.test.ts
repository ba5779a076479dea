/**
 * `runs.compare` through the studio's contract on real runs in a real SQLite file: the answer
 * parses with the contract's schema, samples come from the store, and bad requests (a missing
 * run, a baseline not among the runs, a run that did not complete, one side, a run compared with
 * itself) get one clear line.
 */
import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../src/shared/contract';
import { RunConfigSchema } from '../../src/shared/run';
import { CONV2D } from '../helpers/temp-home';
import { useInProcessStudio } from '../helpers/in-process-studio';

const s = useInProcessStudio();
const config = (threads: number) =>
  RunConfigSchema.parse({ modelPath: CONV2D, session: { intraOpThreads: threads }, telemetry: { enabled: false }, stop: { warmupIterations: 2, minIterations: 40, maxIterations: 40, minDurationMs: 0, maxDurationMs: 10_000 } });

async function run(threads: number): Promise<string> {
  const { runId } = await s.api.call('runs.start', { config: config(threads) });
  const { run: done } = await s.api.call('runs.wait', { runId });
  expect(done.status).toBe('completed');
  return runId;
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiCallError);
  return { code: (err as ApiCallError).code, message: (err as ApiCallError).message };
}

describe('runs.compare', () => {
  it('compares stored runs from their samples, with the baseline chosen by id', async () => {
    const a = await run(1);
    const b = await run(2);
    const c = await s.api.call('runs.compare', { runIds: [a, b], baselineId: b });
    expect(c.baseline).toBe(b);
    expect(c.runs.map((r) => r.runId)).toEqual([a]);
    const [r] = c.runs;
    expect(r?.evidence.samples).toBe(40);
    expect(r?.evidence.withinRunCiLow).not.toBeNull(); // a bootstrap over the stored samples
    expect(r?.evidence.iterationPValue).not.toBeNull();
    expect(r?.configDiff).toEqual([{ path: 'session.intraOpThreads', setting: 'Intra-op threads', flag: '--threads', baseline: '2', value: '1' }]);
    expect(c.threshold).toBe(0.01);
    expect((await s.api.call('runs.compare', { runIds: [a, b], threshold: 0.05 })).threshold).toBe(0.05);
  });

  it('refuses what cannot be compared, in one line each', async () => {
    const a = await run(1);
    expect(await refusal(s.api.call('runs.compare', { runIds: [a, 'nope'] }))).toEqual({ code: 'not-found', message: 'No run with id nope.' });
    expect((await refusal(s.api.call('runs.compare', { runIds: [a, a], baselineId: 'other' }))).message).toBe('The baseline other is not one of the runs compared.');
    expect((await refusal(s.api.call('runs.compare', { runIds: [a] }))).code).toBe('invalid-params');
    const { runId: queued } = await s.api.call('runs.start', { config: config(1) });
    s.api.call('runs.cancel', { runId: queued }).catch(() => undefined);
    await s.api.call('runs.wait', { runId: queued });
    const notDone = await refusal(s.api.call('runs.compare', { runIds: [a, queued] }));
    expect(notDone.code).toBe('not-comparable');
    expect(notDone.message).toMatch(new RegExp(`^Run ${queued} is (aborted|failed): only completed runs can be compared\\.$`));
    expect(await refusal(s.api.call('runs.compare', { runIds: [a, a] }))).toEqual({ code: 'not-comparable', message: `Run ${a} is named twice, and a run cannot be compared with itself.` });
    const b = await run(2);
    const c = await run(1);
    const paired = await refusal(s.api.call('runs.compare', { runIds: [[a, b], [c]], paired: true }));
    expect(paired.message).toBe('Interleaved sides need one run per round each: the baseline has 2, another side 1.');
  });
});

/**
 * The studio's optimizer methods (optimizer.start / get / cancel / resume) against a real studio:
 * real ONNX Runtime trials in worker processes on a zoo MLP, a real SQLite file. The trials
 * stream as `optimizer.updated` events while the search runs; a second start is refused while
 * one runs; the result (trials with verdicts, attribution, recommended with exports) is read
 * back and its files written beside the study; a cancelled study resumes reusing its trials.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynoApi, StudioEvent } from '../../src/shared/contract';
import type { OptimizerState } from '../../src/shared/optimizer/study-state';
import { useInProcessStudio } from '../helpers/in-process-studio';

const studio = useInProcessStudio();

/** Short trials: this is about the API, not about the figures. */
/** Real searches on a shared 2-core machine take minutes, not the default minute. */
const SHORT = { trialDurationS: 0.2, trialIterations: 20, warmup: 2, rounds: 2, top: 1 } as const;

/** Every state the studio announced for a study, until one says it ended. */
function watch(api: DynoApi): { states: OptimizerState[]; ended(studyId: string): Promise<OptimizerState>; off(): void } {
  const states: OptimizerState[] = [];
  const waiters: (() => void)[] = [];
  const off = api.onEvent((e: StudioEvent) => {
    if (e.type !== 'optimizer.updated') return;
    states.push(e.state);
    for (const w of waiters.splice(0)) w();
  });
  const ended = async (studyId: string): Promise<OptimizerState> => {
    for (;;) {
      const last = states.filter((s) => s.studyId === studyId).at(-1);
      if (last && last.status !== 'running') return last;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { states, ended, off };
}

describe('optimizer.* in the studio', () => {
  it('streams the trials, refuses a second start, and answers the result with its exports', async () => {
    const { api } = studio;
    const mlp = await api.call('models.zoo', { family: 'mlp', size: 'small', seed: 1 });
    const w = watch(api);
    const { studyId } = await api.call('optimizer.start', { model: mlp.path, objective: 'throughput', factors: ['threads'], timeBudgetMs: 300_000, ...SHORT });
    expect(studyId).toMatch(/^[0-9a-f-]{36}$/);
    await expect(api.call('optimizer.start', { model: mlp.path, objective: 'latency', timeBudgetMs: 300_000 })).rejects.toThrow(`Optimizer study ${studyId} is still running`);
    const live = await api.call('optimizer.get', { studyId });
    expect(live.status).toBe('running');

    const end = await w.ended(studyId);
    w.off();
    expect(end.status).toBe('completed');
    // Trials arrived one event at a time while the search ran, not only with the result.
    const counts = w.states.filter((s) => s.status === 'running').map((s) => s.trials.length);
    expect(Math.max(...counts)).toBeGreaterThanOrEqual(3);
    expect(new Set(counts).size).toBeGreaterThanOrEqual(3);
    expect(w.states.some((s) => s.phase === 'one change at a time')).toBe(true);
    expect(end.skipped).toContainEqual({ factor: 'precision', reason: 'not asked for (--factors)' });
    expect(end.trials[0]?.phase).toBe('baseline');
    expect(end.trials.some((t) => t.candidate === 'threads=1' && t.figures !== null && (t.figures.throughputPerS ?? 0) > 0)).toBe(true);

    // The stored answer is what the event said, and survives in the study's folder.
    const got = await api.call('optimizer.get', { studyId });
    expect(got.status).toBe('completed');
    const r = got.result;
    expect(r?.study).toBe(studyId);
    expect(r?.baseline.figures?.throughputPerS).toBeGreaterThan(0);
    expect(r?.trials.filter((t) => t.phase === 'single').every((t) => t.verdict !== null)).toBe(true);
    expect(r?.recommended?.exports.perfTest).toMatch(/^onnxruntime_perf_test -I -e cpu /);
    expect(r?.recommended?.exports.python).toContain('import onnxruntime as ort');
    expect(got.exportsDir).not.toBeNull();
    const dir = got.exportsDir as string;
    for (const f of ['report.md', 'report.html', 'optimize.json', 'session-options.json', 'session.py', 'session.mjs', 'session.cpp', 'perf_test.sh']) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'optimize.json'), 'utf8')).study).toBe(studyId);
    // Every trial is a run of the one optimizer study.
    const study = await api.call('studies.get', { studyId });
    expect(study.study.kind).toBe('optimizer');
    expect(study.runs.length).toBe(end.trials.length);
  }, 300_000);

  it('cancels after the current trial and resumes reusing what was measured', async () => {
    const { api } = studio;
    const mlp = await api.call('models.zoo', { family: 'mlp', size: 'small', seed: 2 });
    const w = watch(api);
    const { studyId } = await api.call('optimizer.start', { model: mlp.path, objective: 'latency', factors: ['threads', 'optLevel'], timeBudgetMs: 300_000, ...SHORT });
    // Cancel once two trials are in.
    await new Promise<void>((resolve) => {
      const off = api.onEvent((e) => {
        if (e.type === 'optimizer.updated' && e.state.studyId === studyId && e.state.trials.length >= 2) {
          off();
          resolve();
        }
      });
    });
    expect(await api.call('optimizer.cancel', { studyId })).toEqual({ cancelled: true });
    const cancelled = await w.ended(studyId);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.result?.stopped.reason).toBe('cancelled');
    const measured = cancelled.trials.filter((t) => t.status === 'completed').map((t) => t.candidate);
    expect(measured.length).toBeGreaterThanOrEqual(2);
    expect(await api.call('optimizer.cancel', { studyId })).toEqual({ cancelled: false });

    const before = w.states.length;
    await api.call('optimizer.resume', { studyId });
    const resumed = await w.ended(studyId);
    w.off();
    expect(w.states.length).toBeGreaterThan(before);
    expect(resumed.status).toBe('completed');
    // What the cancelled search measured came back as reused trials, not new runs.
    for (const key of measured) expect(resumed.trials.find((t) => t.candidate === key && t.phase !== 'combine' && !t.phase.startsWith('re-measure'))?.reused, key).toBe(true);
    expect(resumed.result?.stopped.reason).toBe('completed');
  }, 300_000);

  it('refuses a time budget too short for the baseline, and a study that is not an optimizer one', async () => {
    const { api } = studio;
    const mlp = await api.call('models.zoo', { family: 'mlp', size: 'small', seed: 1 });
    await expect(api.call('optimizer.start', { model: mlp.path, objective: 'latency', timeBudgetMs: 1_000 })).rejects.toThrow(/too short for the baseline and one trial: the minimum is 5 s/);
    const sweep = await api.call('studies.create', { kind: 'sweep', name: 'not an optimizer' });
    await expect(api.call('optimizer.resume', { studyId: sweep.id })).rejects.toThrow(`Study ${sweep.id} is a sweep study, not an optimizer study that can be resumed.`);
    await expect(api.call('optimizer.get', { studyId: 'nope' })).rejects.toThrow('No optimizer study nope is stored here');
  });
});

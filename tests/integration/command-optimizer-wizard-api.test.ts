/**
 * The studio's command optimizer (commandOptimizer.start / get / cancel / resume) against a real
 * studio: real runs of the example training script through the queue, a real SQLite file. The
 * trials stream as `commandOptimizer.updated` events; the result carries the gates, the
 * recommendation and the exports written beside the study; a cancelled study resumes reusing
 * its trials; a studio without --allow-commands refuses before any study exists.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DynoApi, StudioEvent } from '../../src/shared/contract';
import type { CommandOptimizerState } from '../../src/shared/optimizer/command/study-state';
import type { CommandOptimizerStartInput } from '../../src/shared/optimizer/command/start';
import { useInProcessStudio } from '../helpers/in-process-studio';

const studio = useInProcessStudio({ allowCommands: true });
const closed = useInProcessStudio();
const TRAIN = resolve('examples/train-logistic.mjs');

const GOAL: CommandOptimizerStartInput = {
  argv: [process.execPath, TRAIN, '--samples', '2000', '--epochs', '20', '--batch', '{batch}'],
  flags: [{ name: 'early', args: ['--max-steps', '3'] }],
  params: [{ name: 'batch', values: ['32', '64'] }],
  objective: 'time',
  gates: [{ metric: 'accuracy', op: '>=', offset: -0.01 }],
  runs: 1,
  rounds: 0,
  top: 0,
  timeBudgetMs: 300_000,
};

function watch(api: DynoApi): { states: CommandOptimizerState[]; ended(studyId: string): Promise<CommandOptimizerState>; off(): void } {
  const states: CommandOptimizerState[] = [];
  const waiters: (() => void)[] = [];
  const off = api.onEvent((e: StudioEvent) => {
    if (e.type !== 'commandOptimizer.updated') return;
    states.push(e.state);
    for (const w of waiters.splice(0)) w();
  });
  const ended = async (studyId: string): Promise<CommandOptimizerState> => {
    for (;;) {
      const last = states.filter((s) => s.studyId === studyId).at(-1);
      if (last && last.status !== 'running') return last;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { states, ended, off };
}

describe('commandOptimizer.* in the studio', () => {
  it('refuses on a host that runs no commands, before a study exists', async () => {
    await expect(closed.api.call('commandOptimizer.start', GOAL)).rejects.toThrow(/does not run commands: it was started without --allow-commands/);
    expect((await closed.api.call('studies.list', {})).length).toBe(0);
  });

  it('refuses a placeholder without a parameter and a missing program in one sentence', async () => {
    await expect(studio.api.call('commandOptimizer.start', { ...GOAL, params: [] })).rejects.toThrow('The command uses {batch} but no --param gives it a value');
    await expect(studio.api.call('commandOptimizer.start', { ...GOAL, argv: ['no-such-program-dyno', '{batch}'] })).rejects.toThrow('Command not found: no-such-program-dyno (not on the PATH).');
  });

  it('streams the trials, rejects one by its gate with the numbers, and answers the result with its exports', async () => {
    const { api } = studio;
    const w = watch(api);
    const { studyId } = await api.call('commandOptimizer.start', GOAL);
    await expect(api.call('optimizer.start', { model: '/nope.onnx', objective: 'latency', timeBudgetMs: 60_000 })).rejects.toThrow(`Optimizer study ${studyId} is still running`);
    const end = await w.ended(studyId);
    w.off();
    expect(end.error).toBeNull();
    expect(end.status).toBe('completed');
    expect(end.trials[0]?.phase).toBe('baseline');
    expect(new Set(w.states.map((s) => s.trials.length)).size).toBeGreaterThanOrEqual(3);
    const early = end.trials.find((t) => t.candidate === 'early=on');
    expect(early?.rejected).toMatch(/gate accuracy>=baseline-0\.01: accuracy 0\.\d+ is past the limit 0\.\d+ by/);
    const got = await api.call('commandOptimizer.get', { studyId });
    expect(got.result?.recommended?.exports.commandLine).toContain('train-logistic.mjs');
    expect(got.result?.recommended?.exports.parameters).toHaveProperty('early', false);
    const dir = got.exportsDir as string;
    for (const f of ['report.md', 'report.html', 'optimize.json', 'command.sh', 'parameters.json']) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'optimize.json'), 'utf8')).study).toBe(studyId);
  }, 300_000);

  it('cancels mid-search and resumes, reusing what it measured', async () => {
    const { api } = studio;
    const w = watch(api);
    const { studyId } = await api.call('commandOptimizer.start', GOAL);
    while (!w.states.some((s) => s.studyId === studyId && s.trials.length >= 1)) await new Promise((r) => setTimeout(r, 50));
    expect((await api.call('commandOptimizer.cancel', { studyId })).cancelled).toBe(true);
    const cancelled = await w.ended(studyId);
    expect(cancelled.status).toBe('cancelled');
    // The resumed study's first word ('running') is out before the call answers.
    await api.call('commandOptimizer.resume', { studyId });
    const end = await w.ended(studyId);
    w.off();
    expect(end.status).toBe('completed');
    expect(end.trials[0]).toMatchObject({ phase: 'baseline', reused: true });
    expect(end.result?.trials.length).toBeGreaterThanOrEqual(2);
  }, 300_000);
});

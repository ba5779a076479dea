/**
 * The studio's optimizer.start with what the wizard's goal form now sends beyond the goal: the
 * symbolic dims, an inputs folder (a test_data_set from the ONNX backend corpus, real ONNX Runtime
 * trials in worker processes, a real SQLite file) and a min accuracy. Every measured trial is fed
 * the folder's inputs and carries its accuracy against the folder's expected outputs; the stored
 * spec keeps the floor and the folder; a min accuracy without a folder, on outputs that are not a
 * classifier's scores, or a folder that is not there, is refused with one line before any study exists.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { StudioEvent } from '../../src/shared/contract';
import type { OptimizerState } from '../../src/shared/optimizer/study-state';
import { SpecSchema } from '../../src/main/optimizer/spec';
import { useInProcessStudio } from '../helpers/in-process-studio';
import { corpusPath } from '../helpers/onnx-corpus';

const studio = useInProcessStudio();

/** Short trials: this is about what reaches the trials, not about the figures. */
const SHORT = { trialDurationS: 0.2, trialIterations: 20, warmup: 2, rounds: 1, top: 1 } as const;

describe('optimizer.start with an inputs folder, dims and a min accuracy', () => {
  it('feeds the folder to every trial, and each measured trial carries its accuracy against the expected outputs', async () => {
    const { api } = studio;
    // Softmax over 20 classes ([10, 20]): top-1 agreement with the expected outputs is defined.
    const dir = corpusPath('pytorch-converted/test_Softmax');
    const inputsDir = join(dir, 'test_data_set_0');
    const ended = new Promise<OptimizerState>((resolve) => {
      const off = api.onEvent((e: StudioEvent) => {
        if (e.type === 'optimizer.updated' && e.state.status !== 'running') {
          off();
          resolve(e.state);
        }
      });
    });
    const { studyId } = await api.call('optimizer.start', { model: join(dir, 'model.onnx'), objective: 'latency', factors: ['threads'], timeBudgetMs: 300_000, inputsDir, minAccuracy: 0.99, ...SHORT });
    const end = await ended;
    expect(end.studyId).toBe(studyId);
    expect(end.status, end.error ?? '').toBe('completed');
    expect(end.goal.minAccuracy).toBe(0.99);

    const measured = end.trials.filter((t) => t.status === 'completed' && t.phase !== 'baseline');
    expect(measured.length).toBeGreaterThanOrEqual(2);
    for (const t of measured) {
      expect(t.config?.inputs, t.candidate).toEqual({ kind: 'files', dir: inputsDir });
      // ORT's softmax on the CPU agrees with PyTorch's on every row's top class.
      expect(t.fidelity?.accuracy, t.candidate).toBe(1);
      expect(t.fidelity?.vsExpected?.cosine, t.candidate).toBeGreaterThan(0.9999);
      expect(t.rejected, t.candidate).toBeNull();
    }
    // The stored spec is what `dyno optimize --resume` reads back: the floor and the folder are in it.
    const spec = SpecSchema.parse((await api.call('studies.get', { studyId })).study.spec);
    expect(spec.goal.minAccuracy).toBe(0.99);
    expect(spec.expectedDir).toBe(inputsDir);
  }, 300_000);

  it('sets the symbolic dims of generated inputs in every trial', async () => {
    const { api } = studio;
    const mlp = await api.call('models.zoo', { family: 'mlp', size: 'small', seed: 3 });
    expect(mlp.inputs[0]?.shape[0]).toBe('batch');
    const ended = new Promise<OptimizerState>((resolve) => {
      const off = api.onEvent((e: StudioEvent) => {
        if (e.type === 'optimizer.updated' && e.state.status !== 'running') {
          off();
          resolve(e.state);
        }
      });
    });
    await api.call('optimizer.start', { model: mlp.path, objective: 'latency', factors: ['threads'], timeBudgetMs: 300_000, dims: { batch: 3 }, ...SHORT });
    const end = await ended;
    expect(end.status, end.error ?? '').toBe('completed');
    const measured = end.trials.filter((t) => t.status === 'completed');
    expect(measured.length).toBeGreaterThanOrEqual(2);
    for (const t of measured) expect(t.config?.dims, t.candidate).toEqual({ batch: 3 });
  }, 300_000);

  it('refuses a min accuracy without an inputs folder, and a folder that is not there', async () => {
    const { api } = studio;
    const model = join(corpusPath('pytorch-converted/test_Softmax'), 'model.onnx');
    const before = (await api.call('studies.list', {})).length;
    await expect(api.call('optimizer.start', { model, objective: 'latency', timeBudgetMs: 300_000, minAccuracy: 0.9 })).rejects.toThrow('A min accuracy needs an inputs folder (inputsDir)');
    await expect(api.call('optimizer.start', { model, objective: 'latency', timeBudgetMs: 300_000, inputsDir: '/no/such/test_data_set_0' })).rejects.toThrow('The inputs folder /no/such/test_data_set_0 is not a folder on this machine');
    await expect(api.call('optimizer.start', { model, objective: 'latency', timeBudgetMs: 300_000, inputsDir: '/d', minAccuracy: 1.5 })).rejects.toThrow();
    // A feature map ([2, 4, 5, 4], the corpus's Conv2d) has no classes: a min accuracy on it is refused with its shape.
    const conv = corpusPath('pytorch-converted/test_Conv2d');
    await expect(api.call('optimizer.start', { model: join(conv, 'model.onnx'), objective: 'latency', timeBudgetMs: 300_000, inputsDir: join(conv, 'test_data_set_0'), minAccuracy: 0.9 })).rejects.toThrow(
      /^Min accuracy: it cannot apply to .*test_Conv2d\/test_data_set_0: top-1 agreement is an accuracy only for a classifier's scores, shaped \[N, C\] or \[N, C, 1, 1\]; the output '.+' has shape \[2, 4, 5, 4\]; for such outputs use the Max output error \(maxError\) instead, which gates the largest difference from the FP32 baseline's and the expected outputs\.$/,
    );
    expect((await api.call('studies.list', {})).length).toBe(before);
  });
});

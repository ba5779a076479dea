/**
 * The optimizer's precision factor, correctness gate and failure handling on real ONNX Runtime
 * runs, through the same API the CLI uses. The FP16/INT8 transforms are another engineer's
 * work (src/main/models/transforms/); here two stand-ins are plugged into the transform seam:
 * one writes the model with its first weight scaled by 1.5 (a real model whose outputs really
 * differ, as a broken conversion's would), one writes a truncated file (a real file ONNX
 * Runtime refuses, as a conversion that crashed would leave). The gate must reject the first
 * with its numbers, the second must be a failed trial, and the search must go on to its end.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import { buildZooModel } from '../../src/main/models/zoo/families';
import { defaultWorkerSpec } from '../../src/main/studio/create-studio';
import { outputsInWorker } from '../../src/main/child/outputs-in-worker';
import { optimize } from '../../src/main/optimizer/run-optimizer';
import type { TransformFn } from '../../src/main/optimizer/precision';
import { RunConfigSchema } from '../../src/shared/run';
import { useInProcessStudio } from '../helpers/in-process-studio';

const { onnx } = onnxProto;
const s = useInProcessStudio();

/** fp16 stand-in: first weight × 1.5; int8 stand-in: half a file. */
const standIn: TransformFn = (inputPath, kind, outPath) => {
  const bytes = readFileSync(inputPath);
  if (kind === 'int8-dynamic') writeFileSync(outPath, bytes.subarray(0, bytes.length / 2));
  else {
    const model = onnx.ModelProto.decode(bytes);
    const w = model.graph?.initializer?.[0];
    if (!w?.rawData) throw new Error('the zoo MLP stores its weights as raw data');
    const f = new Float32Array(Uint8Array.from(w.rawData).buffer);
    for (let i = 0; i < f.length; i++) f[i] = (f[i] as number) * 1.5;
    w.rawData = new Uint8Array(f.buffer);
    writeFileSync(outPath, onnx.ModelProto.encode(model).finish());
  }
  return { outPath, converted: 1, skipped: [] };
};

describe('optimizer trials', () => {
  it('rejects a candidate whose outputs differ with its numbers, records a failed one, and goes on', async () => {
    const model = join(s.home, 'mlp.onnx');
    writeFileSync(model, buildZooModel('mlp', 'small', 1, 'test'));
    const base = RunConfigSchema.parse({ modelPath: model, stop: { warmupIterations: 2, minIterations: 20, minDurationMs: 200, maxIterations: 100_000, maxDurationMs: 60_000 } });
    const outcome = await optimize(
      { api: s.api, outputs: (config, writeDir, refs) => outputsInWorker(defaultWorkerSpec(), config, writeDir, refs), transform: standIn, artifactsDir: join(s.home, 'artifacts'), now: () => Date.now() },
      { version: 1, model, goal: { objective: 'latency', maxError: 1e-3, timeBudgetMs: 240_000 }, base, rounds: 2, top: 1, factors: ['memArena', 'precision'] },
      undefined,
    );
    const byKey = new Map(outcome.trials.map((t) => [t.key, t]));
    const fp16 = byKey.get('precision=fp16');
    expect(fp16?.status).toBe('completed');
    expect(fp16?.config.modelPath).toBe(join(s.home, 'artifacts', 'optimizer', outcome.studyId, 'models', 'mlp.fp16.onnx'));
    expect(fp16?.fidelity?.maxAbsError).toBeGreaterThan(1e-3);
    expect(fp16?.fidelity?.cosine).toBeLessThan(1);
    expect(fp16?.rejected).toMatch(/^max output error: \d\.\d\de[-+]\d+ is over the limit 1\.00e-3 by /);
    const int8 = byKey.get('precision=int8-dynamic');
    expect(int8?.status).toBe('failed');
    expect(int8?.rejected).toMatch(/^failed: /);
    // The memory-arena trial passed the gate with FP32 outputs unchanged.
    expect(byKey.get('memArena=false')?.fidelity?.maxAbsError).toBeLessThanOrEqual(1e-3);
    expect(outcome.stopped.reason).toBe('completed');
    // A rejected or failed candidate is never re-measured nor recommended.
    expect(outcome.trials.filter((t) => t.phase.startsWith('re-measure')).map((t) => t.key)).not.toContain('precision=fp16');
    expect(outcome.recommended?.trial.key).not.toMatch(/precision/);
    const stored = await s.api.call('studies.get', { studyId: outcome.studyId });
    expect(stored.study.kind).toBe('optimizer');
    expect(stored.runs.map((r) => r.status)).toContain('completed');
  }, 240_000);
});

/**
 * Conformance over ../shared/onnx-corpus: every pytorch-converted model ONNX Runtime can load
 * runs on its test_data_set_0 inputs and matches the expected outputs; each one it cannot load
 * fails with one line naming the operator, its opset and what to do. Every light/ model
 * benchmarks. Runs the engine in-process (the worker's code, without the process around it).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runBenchmark, type BenchmarkOutcome } from '../../src/main/engine/run-benchmark';
import { RunConfigSchema } from '../../src/shared/run';
import { tempHome } from '../helpers/temp-home';
import { corpusPath } from '../helpers/onnx-corpus';

async function bench(modelPath: string, extra: Record<string, unknown>, iterations = 2): Promise<BenchmarkOutcome> {
  const t = tempHome('dyno-conf-');
  try {
    const config = RunConfigSchema.parse({
      modelPath,
      stop: { warmupIterations: 0, minIterations: iterations, maxIterations: iterations, minDurationMs: 0, maxDurationMs: 60_000 },
      ...extra,
    });
    return await runBenchmark(config, {
      now: () => performance.now(),
      toEpochMs: (x) => performance.timeOrigin + x,
      isCancelled: () => false,
      onReady: () => undefined,
      onSample: () => undefined,
      onYield: async () => undefined,
      yieldEveryMs: 1000,
      artifactsDir: t.home,
      runId: 'conformance',
      peakRssBytes: () => process.resourceUsage().maxRSS * 1024,
    });
  } finally {
    t.cleanup();
  }
}

describe('the ONNX backend conformance corpus', () => {
  it('passes --check-outputs on every model ORT 1.30 loads (59), and explains every other one (23)', async () => {
    const CONVERTED = corpusPath('pytorch-converted');
    const models = readdirSync(CONVERTED).sort();
    expect(models).toHaveLength(82);
    const passed: string[] = [];
    const explained: string[] = [];
    const other: string[] = [];
    for (const m of models) {
      const dir = join(CONVERTED, m);
      try {
        const out = await bench(join(dir, 'model.onnx'), { inputs: { kind: 'files', dir: join(dir, 'test_data_set_0') }, checkOutputs: true });
        if (out.check?.passed) passed.push(m);
        else other.push(`${m}: outputs differ ${JSON.stringify(out.check?.outputs.map((o) => [o.maxAbsError, o.problem]))}`);
      } catch (err) {
        const message = (err as Error).message;
        if (/^model\.onnx: ONNX Runtime has no kernel for \w+ at opset \d+; re-export the model at a newer opset/.test(message) && !message.includes('\n')) {
          explained.push(m);
        } else other.push(`${m}: ${message}`);
      }
    }
    expect(other).toEqual([]);
    expect(passed).toHaveLength(59);
    expect(explained).toHaveLength(23);
  }, 180_000);

  it('benchmarks every light/ architecture', async () => {
    const LIGHT = corpusPath('light');
    const models = readdirSync(LIGHT).filter((f) => f.endsWith('.onnx'));
    expect(models.length).toBeGreaterThanOrEqual(9);
    for (const m of models) {
      const out = await bench(join(LIGHT, m), {}, 1);
      expect(out.measuredWallMs, m).toBeGreaterThan(0);
      expect(out.inputs[0]?.shape, m).toEqual([1, 3, 224, 224]);
    }
  }, 300_000);
});

import { describe, expect, it } from 'vitest';
import { benchCommandFor } from '../../../src/shared/cli-command';
import { RUN_DEFAULTS, RunConfigSchema } from '../../../src/shared/run';

const base = { modelPath: '/models/resnet.onnx', stop: { ...RUN_DEFAULTS } };

describe('the CLI command shown for a configuration', () => {
  it('leaves defaults out', () => {
    expect(benchCommandFor(RunConfigSchema.parse(base))).toBe('npx dyno bench /models/resnet.onnx');
  });
  it('uses --iterations for an exact count and quotes paths with spaces', () => {
    const config = RunConfigSchema.parse({
      ...base,
      modelPath: '/my models/a.onnx',
      intraOpThreads: 2,
      dims: { batch: 8 },
      stop: { ...RUN_DEFAULTS, minIterations: 50, maxIterations: 50, minDurationMs: 0, warmupIterations: 3 },
    });
    expect(benchCommandFor(config)).toBe("npx dyno bench '/my models/a.onnx' --iterations 50 --warmup 3 --threads 2 --dim batch=8");
  });
  it('gives the stop rule in seconds', () => {
    const config = RunConfigSchema.parse({ ...base, stop: { ...RUN_DEFAULTS, minDurationMs: 1500, minIterations: 200 } });
    expect(benchCommandFor(config)).toBe('npx dyno bench /models/resnet.onnx --min-iterations 200 --min-duration 1.5');
  });
});

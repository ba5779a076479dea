import { describe, expect, it } from 'vitest';
import { benchArgsFor, benchCommandFor } from '../../../src/shared/cli-command';
import { RUN_DEFAULTS, RunConfigSchema, type RunConfigInput } from '../../../src/shared/run';
import { parseBenchArgs as parseBench } from '../../helpers/parse-bench-args';
import { parseTarget } from '../../../src/shared/targets/parse';

const base = { modelPath: '/models/resnet.onnx', stop: { ...RUN_DEFAULTS } };

describe('the CLI command shown for a configuration', () => {
  it('leaves defaults out', () => {
    expect(benchCommandFor(RunConfigSchema.parse(base))).toBe('npx dyno bench /models/resnet.onnx');
  });
  it('uses --iterations for an exact count and quotes paths with spaces', () => {
    const config = RunConfigSchema.parse({
      ...base,
      modelPath: '/my models/a.onnx',
      session: { intraOpThreads: 2 },
      dims: { batch: 8 },
      stop: { ...RUN_DEFAULTS, minIterations: 50, maxIterations: 50, minDurationMs: 0, warmupIterations: 3 },
    });
    expect(benchCommandFor(config)).toBe("npx dyno bench '/my models/a.onnx' --warmup 3 --iterations 50 --threads 2 --dim batch=8");
  });
  it('uses the --zeros shorthand, and lets --inputs imply files', () => {
    expect(benchArgsFor(RunConfigSchema.parse({ ...base, inputs: { kind: 'zeros' } }))).toEqual(['/models/resnet.onnx', '--zeros']);
    expect(benchArgsFor(RunConfigSchema.parse({ ...base, inputs: { kind: 'files', dir: '/d' } }))).toEqual(['/models/resnet.onnx', '--inputs', '/d']);
  });
  it("writes a run's targets as --target flags, quoted for the shell", () => {
    expect(benchCommandFor(RunConfigSchema.parse({ ...base, targets: [parseTarget('p99 ≤ 15 ms'), parseTarget('energy<=2J')] }))).toBe("npx dyno bench /models/resnet.onnx --target 'p99<=15ms' --target 'energy<=2J'");
  });
  it('leaves out knobs that do not apply (CUDA options on cpu, the seed of zeros)', () => {
    const config = RunConfigSchema.parse({ ...base, session: { cuda: { deviceId: 2 } }, inputs: { kind: 'zeros' } });
    expect(benchArgsFor(config)).toEqual(['/models/resnet.onnx', '--zeros']);
  });

  const cases: [string, RunConfigInput][] = [
    ['defaults', base],
    ['a stop rule in seconds', { ...base, stop: { ...RUN_DEFAULTS, minDurationMs: 1500, minIterations: 200, maxDurationMs: 30_000 } }],
    [
      'every session knob',
      {
        ...base,
        session: {
          executionProvider: 'cuda',
          graphOptimizationLevel: 'basic',
          intraOpThreads: 3,
          interOpThreads: 2,
          executionMode: 'parallel',
          enableCpuMemArena: false,
          enableMemPattern: false,
          freeDimensionOverrides: { batch: 4 },
          cuda: { deviceId: 1, cudnnConvAlgoSearch: 'HEURISTIC', enableCudaGraph: true },
        },
      },
    ],
    ['inputs and shapes', { ...base, dims: { seq: 128 }, shapes: { x: [1, 3, 640, 640] }, values: { sr: 16000 }, batchSize: 8, inputs: { kind: 'zeros' } }],
    ['files and an output check', { ...base, inputs: { kind: 'files', dir: '/data/test_data_set_0' }, checkOutputs: true, profile: true, label: 'nightly' }],
    ['the server scenario', { ...base, scenario: { kind: 'server', targetQps: 50, latencyBudgetMs: 20, percentile: 0.9 } }],
    ['the multi-stream scenario', { ...base, scenario: { kind: 'multi-stream', samplesPerQuery: 8 }, inputs: { kind: 'random', seed: 7 } }],
    ['the offline scenario', { ...base, scenario: { kind: 'offline' }, batchSize: 32 }],
    ['telemetry settings', { ...base, telemetry: { enabled: true, intervalMs: 20, idleBaselineMs: 0, gpus: [0, 2] } }],
    ['telemetry off', { ...base, telemetry: { enabled: false, intervalMs: 100, idleBaselineMs: 1000 } }],
    ['tensorrt on a second GPU', { ...base, session: { executionProvider: 'tensorrt', cuda: { deviceId: 1 } } }],
    ['targets (not knobs, but the run as asked)', { ...base, targets: [parseTarget('p99<=15ms'), parseTarget('throughput >= 2.5k/s'), parseTarget('memory<=512MiB')] }],
    ['a label and max iterations', { ...base, label: 'nightly run', stop: { ...RUN_DEFAULTS, maxIterations: 5000, warmupIterations: 0 } }],
  ];
  it.each(cases)('parses back to the same configuration: %s', (_name, input) => {
    const config = RunConfigSchema.parse(input);
    expect(parseBench(benchArgsFor(config))).toEqual(config);
  });
});

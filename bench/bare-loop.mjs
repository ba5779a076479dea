// The baseline of `npm run bench:overhead`: a bare session.run loop in plain Node, the least a
// harness can do. Same session options as Dyno's CPU defaults. Prints one JSON line.
import * as ort from 'onnxruntime-node';
import { performance } from 'node:perf_hooks';

const [modelPath, warmup, iterations, threads] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5] ?? 0)];
const session = await ort.InferenceSession.create(modelPath, {
  executionProviders: ['cpu'],
  graphOptimizationLevel: 'all',
  logSeverityLevel: 3,
  // 0 (or none): ORT's default pool, as Dyno's intraOpThreads = 0.
  ...(threads > 0 ? { intraOpNumThreads: threads } : {}),
});
const feeds = {};
for (const m of session.inputMetadata) {
  const shape = m.shape.map((d) => (typeof d === 'number' && d > 0 ? d : 1));
  const n = shape.reduce((a, b) => a * b, 1);
  feeds[m.name] = new ort.Tensor('float32', Float32Array.from({ length: n }, () => Math.random()), shape);
}
for (let i = 0; i < warmup; i++) await session.run(feeds);
const t0 = performance.now();
for (let i = 0; i < iterations; i++) await session.run(feeds);
const meanMs = (performance.now() - t0) / iterations;
await session.release();
process.stdout.write(JSON.stringify({ meanMs }) + '\n');

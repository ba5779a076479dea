/**
 * Many stored runs for the Sessions tests: completed runs that differ in every column the list
 * shows (model, provider, threads, batch, scenario, label, tags, p50, throughput, energy),
 * written into a real Dyno database through the real repository, in one transaction. Their
 * statistics come from the real summary of scaled latencies, so each is a run the host could
 * have stored.
 */
import { RunSchema, type Run } from '../../src/shared/run';
import { summarizeLatencies } from '../../src/shared/stats';
import { RunsRepository } from '../../src/main/store/runs-repository';
import { RunCatalog } from '../../src/main/store/run-catalog';
import { openDatabase } from '../../src/main/store/database';
import { ENVIRONMENT } from './hand-made-runs';

const MODELS = ['squeezenet.onnx', 'resnet50.onnx', 'conv2d.onnx', 'bert-small.onnx'];
const PROVIDERS = ['cpu', 'cpu', 'cpu', 'webgpu'] as const;
const BASE_MS = [1.2, 1.1, 1.3, 1.25, 1.15, 1.22, 1.18, 1.4, 1.05, 1.21];
const STOP = { warmupIterations: 2, minIterations: 10, maxIterations: 10, minDurationMs: 0, maxDurationMs: 10_000 };

/** The i-th seeded run: a pattern every filter can be checked against (see the cycle lengths). */
export function seededRun(i: number, epochMs = Date.parse('2026-11-01T00:00:00.000Z')): Run {
  const model = MODELS[i % MODELS.length] ?? 'conv2d.onnx';
  const scale = 1 + (i % 97) / 10; // p50 from 1.2 ms to 12.8 ms
  const latencies = BASE_MS.map((ms) => ms * scale);
  const stats = summarizeLatencies(latencies, { measuredWallMs: latencies.reduce((a, b) => a + b, 0) });
  const createdAt = new Date(epochMs + i * 60_000).toISOString();
  return RunSchema.parse({
    id: `seed-${String(i).padStart(5, '0')}`,
    status: i % 50 === 7 ? 'failed' : 'completed',
    modelName: model,
    createdAt,
    startedAt: createdAt,
    finishedAt: createdAt,
    config: {
      modelPath: `/models/${model}`,
      session: { executionProvider: PROVIDERS[i % PROVIDERS.length], intraOpThreads: 1 + (i % 3) },
      batchSize: [1, 2, 4, 8][i % 4],
      scenario: i % 5 === 0 ? { kind: 'offline' } : { kind: 'single-stream' },
      stop: STOP,
      ...(i % 10 === 0 ? { label: `nightly ${i}` } : {}),
    },
    ...(i % 50 === 7
      ? { error: 'out of memory' }
      : {
          coldStart: { sessionCreateMs: 40, firstRunMs: 3 },
          stats,
          results: {
            memory: { peakRssBytes: 250_000_000 },
            inputs: [{ name: 'x', type: 'float32', shape: [1, 3, 224, 224] }],
            samplesPerIteration: 1,
            stability: { stable: true, windowMediansMs: [1.2, 1.21, 1.19] },
            environment: ENVIRONMENT,
          },
        }),
  });
}

/** Writes runs 0 … n − 1 into the store at `file` (created or upgraded as Dyno would). */
export function seedRuns(file: string, n: number, tagEvery = 0): void {
  const { db } = openDatabase(file);
  try {
    const repo = new RunsRepository(db, 0, () => false);
    const catalog = new RunCatalog(db);
    db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const run = seededRun(i);
        repo.save(run);
        if (tagEvery > 0 && i % tagEvery === 0) catalog.updateMeta(run.id, { tags: ['baseline', `batch-${run.config.batchSize ?? 1}`] });
      }
    })();
  } finally {
    db.close();
  }
}


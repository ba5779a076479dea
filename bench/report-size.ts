/**
 * `npm run bench:report`: how large an HTML report of two runs is, against the 2 MB target, as
 * the runs grow (issue 11, item 9): the default report (exact summaries, decimated charts) and
 * one with --embed-samples (every sample, for an exact import). One real run of the bundled Conv2d model is measured; its
 * stored form is then given N measured samples (log-normal around its median, seeded) under new
 * ids, imported as a bundle, and reported through the API as the studio would (`reports.create`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStudio } from '../src/main/studio/create-studio';
import { createInProcessApi } from '../src/main/studio/in-process-api';
import { toBundle } from '../src/main/report/bundle-codec';
import { RunConfigSchema } from '../src/shared/run';
import { withSamples } from './synthetic-stored-run';

const SIZES = (process.env.SIZES ?? '1000,10000,100000,1000000').split(',').map(Number);
const TARGET_BYTES = 2_000_000;

const home = mkdtempSync(join(tmpdir(), 'dyno-bench-report-'));
const handle = createStudio({ home });
try {
  const api = createInProcessApi(handle.studio);
  const config = RunConfigSchema.parse({
    modelPath: resolve('resources/models/conv2d.onnx'),
    stop: { warmupIterations: 10, minIterations: 1000, maxIterations: 1000, minDurationMs: 0, maxDurationMs: 60_000 },
  });
  const { runId } = await api.call('runs.start', { config });
  const { run } = await api.call('runs.wait', { runId });
  const telemetry = await api.call('runs.telemetry', { runId });
  console.log(`two-run HTML report (target ≤ ${TARGET_BYTES / 1e6} MB), from a real Conv2d run given N samples each:`);
  for (const n of SIZES) {
    const pair = [withSamples(run, `bench-${n}-a`, n, 1), withSamples(run, `bench-${n}-b`, n, 2)].map((r) => ({ ...r, telemetry }));
    await api.call('runs.import', { fileName: `bench-${n}.dyno`, content: JSON.stringify(toBundle(pair, [], 'bench', new Date())) });
    for (const embedSamples of [false, true]) {
      const t0 = performance.now();
      const file = await api.call('reports.create', { runIds: pair.map((r) => r.run.id), format: 'html', embedSamples });
      const ms = performance.now() - t0;
      const bytes = Buffer.byteLength(file.content);
      const what = embedSamples ? '--embed-samples' : 'default        ';
      console.log(`  ${String(n).padStart(9)} samples a run, ${what}: ${(bytes / 1e6).toFixed(2).padStart(6)} MB  (${(bytes / TARGET_BYTES).toFixed(2)}× the target)  made in ${ms.toFixed(0)} ms`);
    }
  }
} finally {
  handle.close();
  rmSync(home, { recursive: true, force: true });
}

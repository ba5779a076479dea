/**
 * `npm run bench:overhead`: how much Dyno's harness adds to what it measures. For a tiny model
 * (tens of µs per run, where overhead shows) and a large one, it alternates rounds of
 *   A) a full Dyno run: studio → worker process → timing loop → samples to SQLite, and
 *   B) a bare `session.run` loop in plain Node (bench/bare-loop.mjs), timed as a whole,
 * with the same model, options, warm-up and iteration count, then compares the medians of the
 * round means. Interleaving means drift in machine load hits both sides alike. Target ≤ 1.02.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { createStudio } from '../src/main/studio/create-studio';
import { createInProcessApi } from '../src/main/studio/in-process-api';
import { RunConfigSchema } from '../src/shared/run';
import { quantileSorted, sortedCopy } from '../src/shared/stats';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const WITH_TELEMETRY = process.env.TELEMETRY === '1';
const CASES = [
  { name: 'tiny: Conv2d (PyTorch export)', model: resolve('resources/models/conv2d.onnx'), warmup: 200, iterations: 20_000 },
  { name: 'large: ResNet-50', model: resolve('../shared/onnx-corpus/light/light_resnet50.onnx'), warmup: 5, iterations: 60 },
];

const home = mkdtempSync(join(tmpdir(), 'dyno-bench-overhead-'));
// The built worker, as users run it (npm run build first; `npm run bench:overhead` does).
const handle = createStudio({ home, worker: { script: resolve('out/main/worker.js'), execArgv: [] } });
const api = createInProcessApi(handle.studio);

async function dynoMean(model: string, warmup: number, iterations: number): Promise<number> {
  const config = RunConfigSchema.parse({
    modelPath: model,
    stop: { warmupIterations: warmup, minIterations: iterations, maxIterations: iterations, minDurationMs: 0, maxDurationMs: 3_600_000 },
    // The harness alone by default; TELEMETRY=1 adds the 10 Hz sampler (see bench:telemetry).
    telemetry: { enabled: WITH_TELEMETRY, intervalMs: 100, idleBaselineMs: 0 },
  });
  const { runId } = await api.call('runs.start', { config });
  const { run } = await api.call('runs.wait', { runId });
  if (run.status !== 'completed') throw new Error(`Dyno run ${run.status}`);
  if (process.env.DEBUG_OVERHEAD) console.log(`    median ${run.stats.percentiles.p50?.valueMs.toFixed(5)} max ${run.stats.maxMs.toFixed(3)} outliers ${run.stats.outlierCount}`);
  return run.stats.meanMs;
}

function bareMean(model: string, warmup: number, iterations: number): number {
  const out = execFileSync(process.execPath, [resolve('bench/bare-loop.mjs'), model, String(warmup), String(iterations)], { encoding: 'utf8' });
  return z.object({ meanMs: z.number() }).parse(JSON.parse(out)).meanMs;
}

const median = (xs: number[]): number => quantileSorted(sortedCopy(xs), 0.5);

try {
  console.log(`bench:overhead — ${ROUNDS} interleaved rounds per model; mean latency per round (ms); telemetry ${WITH_TELEMETRY ? 'on' : 'off (TELEMETRY=1 to include the sampler)'}\n`);
  const rows: string[] = [];
  for (const c of CASES) {
    const dyno: number[] = [];
    const bare: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which side goes first, so neither always runs on a warmer machine.
      if (r % 2 === 0) {
        dyno.push(await dynoMean(c.model, c.warmup, c.iterations));
        bare.push(bareMean(c.model, c.warmup, c.iterations));
      } else {
        bare.push(bareMean(c.model, c.warmup, c.iterations));
        dyno.push(await dynoMean(c.model, c.warmup, c.iterations));
      }
      console.log(`  ${c.name.padEnd(32)} round ${r + 1}: dyno ${dyno.at(-1)!.toFixed(5)}  bare ${bare.at(-1)!.toFixed(5)}`);
    }
    const ratio = median(dyno) / median(bare);
    rows.push(`${c.name.padEnd(32)} dyno ${median(dyno).toFixed(5)} ms   bare ${median(bare).toFixed(5)} ms   ratio ${ratio.toFixed(3)}   ${ratio <= 1.02 ? 'within' : 'OVER'} the 1.02 target`);
  }
  console.log(`\n${rows.join('\n')}`);
} finally {
  handle.close();
  rmSync(home, { recursive: true, force: true });
}

/**
 * `npm run bench:overhead`: how much Dyno's harness adds to what it measures. For a tiny model
 * (tens of µs per run, where overhead shows) and a large one, it alternates rounds of
 *   A) a full Dyno run: studio → worker process → timing loop → samples to SQLite, and
 *   B) a bare `session.run` loop in plain Node (bench/bare-loop.mjs), timed as a whole,
 * with the same model, options, warm-up and iteration count. Each round gives one paired ratio
 * (Dyno's mean ÷ the bare loop's mean); interleaving means drift in machine load hits both sides
 * of a pair alike. The figure is the median of the paired ratios with its distribution-free 95 %
 * order-statistic interval (the same one Dyno puts on percentiles). Rounds continue until that
 * interval is narrower than the target's margin (±0.02 around the figure, so it can decide
 * "≤ 1.02") or MAX_ROUNDS is reached; the verdict says whether the whole interval lies within the
 * target, above it, or straddles it (then: undecided on this machine, rerun on a quiet one).
 * THREADS=n gives both sides n intra-op threads (THREADS=1 takes ONNX Runtime's thread pool out
 * of the comparison); CASES=tiny or CASES=large runs one model. bench/loop-costs.ts times the
 * loop's pieces one by one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { createStudio } from '../src/main/studio/create-studio';
import { createInProcessApi } from '../src/main/studio/in-process-api';
import { RunConfigSchema } from '../src/shared/run';
import { ratioFigure, type RatioFigure } from './paired-ratio';

/** An order-statistic interval for a median needs 6 pairs at 95 %; 8 gives it room. */
const MIN_ROUNDS = Math.max(6, Number(process.env.MIN_ROUNDS ?? 8));
const MAX_ROUNDS = Math.max(MIN_ROUNDS, Number(process.env.MAX_ROUNDS ?? 40));
const TARGET = 1.02;
/** The interval must be narrower than the target's margin over 1 to be able to decide. */
const MAX_WIDTH = TARGET - 1;
const WITH_TELEMETRY = process.env.TELEMETRY === '1';
/** Intra-op threads on both sides (0: ORT's default, one per physical core); 1 takes ORT's pool out of the comparison. */
const THREADS = Math.max(0, Number(process.env.THREADS ?? 0));
const ALL_CASES = [
  { name: 'tiny: Conv2d (PyTorch export)', model: resolve('resources/models/conv2d.onnx'), warmup: 200, iterations: 20_000 },
  { name: 'large: ResNet-50', model: resolve('../shared/onnx-corpus/light/light_resnet50.onnx'), warmup: 5, iterations: 60 },
];
/** CASES=tiny (or large) runs one of them. */
const CASES = ALL_CASES.filter((c) => !process.env.CASES || c.name.startsWith(process.env.CASES));

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
    session: { intraOpThreads: THREADS },
  });
  const { runId } = await api.call('runs.start', { config });
  const { run } = await api.call('runs.wait', { runId });
  if (run.status !== 'completed') throw new Error(`Dyno run ${run.status}`);
  if (process.env.DEBUG_OVERHEAD) console.log(`    median ${run.stats.percentiles.p50?.valueMs.toFixed(5)} max ${run.stats.maxMs.toFixed(3)} outliers ${run.stats.outlierCount}`);
  return run.stats.meanMs;
}

function bareMean(model: string, warmup: number, iterations: number): number {
  const out = execFileSync(process.execPath, [resolve('bench/bare-loop.mjs'), model, String(warmup), String(iterations), String(THREADS)], { encoding: 'utf8' });
  return z.object({ meanMs: z.number() }).parse(JSON.parse(out)).meanMs;
}

function verdict({ ci }: RatioFigure): string {
  if (!ci) return 'too few rounds for an interval';
  if (ci.high <= TARGET) return `within the ${TARGET} target`;
  if (ci.low > TARGET) return `OVER the ${TARGET} target`;
  return `undecided: the interval straddles ${TARGET} (rerun on a quiet machine, or MAX_ROUNDS=…)`;
}

try {
  console.log(
    `bench:overhead — ${MIN_ROUNDS}–${MAX_ROUNDS} interleaved rounds per model, until the 95 % interval of the median ratio is narrower than ${MAX_WIDTH.toFixed(2)}; mean latency per round (ms); telemetry ${WITH_TELEMETRY ? 'on' : 'off (TELEMETRY=1 to include the sampler)'}; intra-op threads ${THREADS || "ORT's default"}\n`,
  );
  const rows: string[] = [];
  for (const c of CASES) {
    const dyno: number[] = [];
    const bare: number[] = [];
    const ratios: number[] = [];
    let figure: RatioFigure | null = null;
    for (let r = 0; r < MAX_ROUNDS; r++) {
      // Alternate which side goes first, so neither always runs on a warmer machine.
      if (r % 2 === 0) {
        dyno.push(await dynoMean(c.model, c.warmup, c.iterations));
        bare.push(bareMean(c.model, c.warmup, c.iterations));
      } else {
        bare.push(bareMean(c.model, c.warmup, c.iterations));
        dyno.push(await dynoMean(c.model, c.warmup, c.iterations));
      }
      const d = dyno.at(-1)!;
      const b = bare.at(-1)!;
      ratios.push(d / b);
      console.log(`  ${c.name.padEnd(32)} round ${r + 1}: dyno ${d.toFixed(5)}  bare ${b.toFixed(5)}  ratio ${(d / b).toFixed(3)}`);
      figure = ratios.length >= MIN_ROUNDS ? ratioFigure(ratios) : null;
      if (figure?.ci && figure.ci.high - figure.ci.low < MAX_WIDTH) break;
    }
    rows.push(
      figure?.ci
        ? `${c.name.padEnd(32)} ratio ${figure.median.toFixed(3)} [95% CI ${figure.ci.low.toFixed(3)} – ${figure.ci.high.toFixed(3)}] over ${figure.rounds} rounds: ${verdict(figure)}`
        : `${c.name.padEnd(32)} too few rounds for an interval`,
    );
  }
  console.log(`\n${rows.join('\n')}`);
} finally {
  handle.close();
  rmSync(home, { recursive: true, force: true });
}

/**
 * `npm run bench:optimizer`: does the optimizer find (nearly) the best configuration with far
 * fewer trials than trying them all? On a grid small enough to search exhaustively (intra-op
 * threads × graph optimization level × batch × memory pattern, plus precision once the
 * transforms land) on a zoo model, for the throughput objective:
 *
 *  1. every grid point measured once (the exhaustive search) and its best point noted;
 *  2. the optimizer on the same factors, counting the runs it measured (re-measurement included);
 *  3. the optimizer's pick and the exhaustive best measured again in interleaved rounds, so
 *     both are judged under the same conditions: pick ÷ best (median of the paired ratios).
 *
 * Targets: ≥ 95 % of the best objective with ≤ 25 % of the exhaustive trials (aim ≤ 10 %).
 * `--gains` also runs the optimizer on light ResNet-50 (../shared/onnx-corpus) and a BERT-style
 * zoo model and prints what it found. Options: --model PATH (default: zoo MLP small),
 * --duration S (each trial's minimum, default 1), --rounds N (default 5), --quick (threads ×
 * optimization level × batch 1–4, 0.3 s trials, 3 rounds: proves it works, decides nothing).
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cpus } from 'node:os';
import { createStudio, defaultWorkerSpec } from '../src/main/studio/create-studio';
import { createInProcessApi } from '../src/main/studio/in-process-api';
import { buildZooModel } from '../src/main/models/zoo/families';
import { outputsInWorker } from '../src/main/child/outputs-in-worker';
import { optimize, type OptimizeSpec } from '../src/main/optimizer/run-optimizer';
import { TRANSFORM, modelFor } from '../src/main/optimizer/precision';
import { applyCandidate, candidateKey, type Candidate, type FactorId, type Precision } from '../src/shared/optimizer/factors';
import { RunConfigSchema, type RunConfig } from '../src/shared/run';
import type { DynoApi } from '../src/shared/contract';
import { quantileSorted, sortedCopy } from '../src/shared/stats';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const duration = Number(flag('--duration') ?? (quick ? 0.3 : 1));
const rounds = Number(flag('--rounds') ?? (quick ? 3 : 5));
const cores = cpus().length;
const median = (xs: number[]): number => quantileSorted(sortedCopy(xs), 0.5);

const GRID: Partial<Record<FactorId, (string | number | boolean)[]>> = quick
  ? { threads: [0, 1, cores], optLevel: ['all', 'basic', 'disabled'], batch: [1, 2, 4] }
  : { threads: [0, 1, cores], optLevel: ['all', 'extended', 'basic', 'disabled'], batch: [1, 2, 4, 8, 16], memPattern: [true, false], ...(TRANSFORM ? { precision: ['fp32', 'fp16', 'int8-dynamic'] } : {}) };
const BASELINE_LEVELS: Record<string, unknown> = { threads: 0, optLevel: 'all', batch: 1, memPattern: true, precision: 'fp32' };

function gridPoints(): Candidate[] {
  let points: Candidate[] = [{}];
  for (const [factor, levels] of Object.entries(GRID)) {
    points = points.flatMap((p) => (levels ?? []).map((level) => (level === BASELINE_LEVELS[factor] ? p : { ...p, [factor]: level })));
  }
  return points;
}

/** A grid point's config; a precision level runs the transformed model (kept beside the bench's home). */
async function pointConfig(base: RunConfig, p: Candidate, label: string, home: string): Promise<RunConfig> {
  const config = applyCandidate(base, p, label);
  const precision = (p.precision ?? 'fp32') as Precision;
  return precision === 'fp32' ? config : { ...config, modelPath: (await modelFor(precision, base.modelPath, home, TRANSFORM)).path };
}

async function throughputOf(api: DynoApi, config: RunConfig): Promise<number> {
  const { runId } = await api.call('runs.start', { config });
  const { run } = await api.call('runs.wait', { runId });
  if (run.status !== 'completed') throw new Error(`${config.label ?? 'run'}: ${run.status === 'failed' ? run.error : run.status}`);
  return run.stats.throughputPerS;
}

async function main(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'dyno-bench-optimizer-'));
  const handle = createStudio({ home });
  const api = createInProcessApi(handle.studio);
  try {
    const model = flag('--model') ? resolve(flag('--model') as string) : join(home, 'mlp-small.onnx');
    if (!flag('--model')) writeFileSync(model, buildZooModel('mlp', 'small', 1, 'bench'));
    const stop = { warmupIterations: 5, minIterations: 50, minDurationMs: duration * 1000, maxIterations: 100_000, maxDurationMs: 120_000 };
    const base = RunConfigSchema.parse({ modelPath: model, batchSize: 1, stop });
    const points = gridPoints();
    process.stdout.write(`model ${model}\ngrid: ${Object.entries(GRID).map(([f, l]) => `${f} {${(l ?? []).join(', ')}}`).join(' × ')} = ${points.length} points, ${duration} s a trial\n`);

    // 1. Exhaustive.
    const t0 = Date.now();
    let best = { key: '', candidate: {} as Candidate, throughput: 0 };
    for (const p of points) {
      // A point whose run fails is reported and left out, as the optimizer leaves out a failed trial.
      const throughput = await throughputOf(api, await pointConfig(base, p, `exhaustive · ${candidateKey(p)}`, home)).catch((err: unknown) => {
        process.stdout.write(`  ${candidateKey(p)} failed: ${err instanceof Error ? err.message : String(err)}\n`);
        return 0;
      });
      if (throughput > best.throughput) best = { key: candidateKey(p), candidate: p, throughput };
    }
    const exhaustiveS = (Date.now() - t0) / 1000;
    process.stdout.write(`exhaustive: best ${best.key} at ${best.throughput.toFixed(0)}/s (${points.length} runs, ${exhaustiveS.toFixed(0)} s)\n`);

    // 2. The optimizer on the same factors.
    const spec: OptimizeSpec = { version: 1, model, goal: { objective: 'throughput', maxError: 1e-3, timeBudgetMs: 3_600_000 }, base, rounds: 3, top: 2, factors: Object.keys(GRID) as FactorId[] };
    const t1 = Date.now();
    const outcome = await optimize({ api, outputs: (c, w, r) => outputsInWorker(defaultWorkerSpec(), c, w, r), transform: TRANSFORM, artifactsDir: join(home, 'artifacts'), now: () => Date.now() }, spec, undefined);
    const trials = outcome.trials.filter((t) => t.runId !== '').length;
    const pick = outcome.recommended?.trial;
    process.stdout.write(`optimizer: pick ${pick?.key ?? 'none'} (${trials} runs, ${((Date.now() - t1) / 1000).toFixed(0)} s)\n`);
    if (!pick) throw new Error('the optimizer recommended nothing');

    // 3. Pick and best, interleaved.
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      try {
        const a = await throughputOf(api, await pointConfig(base, pick.candidate, `final r${r} · pick`, home));
        const b = await throughputOf(api, await pointConfig(base, best.candidate, `final r${r} · best`, home));
        ratios.push(a / b);
      } catch (err) {
        process.stdout.write(`  round ${r + 1} left out: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    }
    if (ratios.length === 0) throw new Error('no final round completed');
    const ratio = median(ratios);
    const share = trials / points.length;
    process.stdout.write(
      [
        `pick ÷ exhaustive best, throughput: ${ratio.toFixed(3)} (median of ${ratios.length} interleaved rounds, range ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}); target ≥ 0.95: ${ratio >= 0.95 ? 'met' : 'NOT met'}`,
        `trials: ${trials} of ${points.length} (${(share * 100).toFixed(0)} %); target ≤ 25 %: ${share <= 0.25 ? 'met' : 'NOT met'}${share <= 0.1 ? ' (and the ≤ 10 % aim)' : ''}`,
      ].join('\n') + '\n',
    );

    if (args.includes('--gains')) {
      const resnet = resolve('../shared/onnx-corpus/light/light_resnet50.onnx');
      const bert = join(home, 'bert-small.onnx');
      writeFileSync(bert, buildZooModel('bert', 'small', 1, 'bench'));
      for (const [name, path, dims] of [['light ResNet-50', resnet, {}], ['BERT-style zoo (small, seq 64)', bert, { seq: 64 }]] as const) {
        if (!existsSync(path)) throw new Error(`${path} is missing: the corpus lives in ../shared/onnx-corpus`);
        const o = await optimize(
          { api, outputs: (c, w, r) => outputsInWorker(defaultWorkerSpec(), c, w, r), transform: TRANSFORM, artifactsDir: join(home, 'artifacts'), now: () => Date.now() },
          { version: 1, model: path, goal: { objective: 'latency', maxError: 1e-3, timeBudgetMs: 900_000 }, base: RunConfigSchema.parse({ modelPath: path, dims, stop }), rounds: 3, top: 2 },
          undefined,
        );
        const g = o.recommended?.gain;
        process.stdout.write(`${name}: ${o.recommended?.trial.key ?? 'nothing'}: median latency ${g ? `${g.gain.toFixed(3)}× (95 % CI ${g.ciLow?.toFixed(3) ?? '—'}–${g.ciHigh?.toFixed(3) ?? '—'})` : '—'}, ${o.trials.length} runs; ${o.stopped.message}\n`);
      }
    }
  } finally {
    handle.close();
    rmSync(home, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:optimizer: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});

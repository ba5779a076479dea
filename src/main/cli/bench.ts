/** `dyno bench`: one benchmark from the command line, stored in the same database as the studio. */
import { resolve } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { RUN_DEFAULTS, RunConfigSchema, type Run } from '../../shared/run';
import { runToJson } from '../../shared/run-json';
import { formatMs, formatRate } from '../../shared/format';
import { createStudio } from '../studio/create-studio';
import { appVersion } from '../studio/paths';
import { CliError } from './errors';

export interface BenchOptions {
  iterations?: number;
  minIterations?: number;
  maxIterations?: number;
  minDuration?: number;
  maxDuration?: number;
  warmup: number;
  threads: number;
  dim: Record<string, number>;
  seed: number;
  label?: string;
  json: boolean;
}

export function benchConfig(model: string, o: BenchOptions) {
  const exact = o.iterations !== undefined;
  return RunConfigSchema.parse({
    modelPath: resolve(model),
    intraOpThreads: o.threads,
    dims: o.dim,
    seed: o.seed,
    label: o.label,
    stop: {
      warmupIterations: o.warmup,
      // --iterations N means exactly N measured iterations, whatever time they take.
      minIterations: exact ? o.iterations : (o.minIterations ?? RUN_DEFAULTS.minIterations),
      maxIterations: exact ? o.iterations : (o.maxIterations ?? RUN_DEFAULTS.maxIterations),
      minDurationMs: exact ? 0 : (o.minDuration ?? RUN_DEFAULTS.minDurationMs / 1000) * 1000,
      maxDurationMs: (o.maxDuration ?? RUN_DEFAULTS.maxDurationMs / 1000) * 1000,
    },
  });
}

function printHuman(run: Run, json: ReturnType<typeof runToJson>): void {
  const s = json.stats;
  const lines = [`run ${run.id}  ${run.status}  ${run.modelName}`];
  if (s && typeof s.mean_ms === 'number') {
    const ms = (k: string) => formatMs(s[k] as number);
    lines.push(
      `  mean ± σ   ${ms('mean_ms')} ± ${ms('std_ms')}   (${s.count} iterations, CV ${(s.cv_pct as number).toFixed(1)}%)`,
      `  p50 ${ms('p50_ms')}   p90 ${ms('p90_ms')}   p99 ${ms('p99_ms')}   min ${ms('min_ms')}   max ${ms('max_ms')}`,
      `  throughput ${formatRate(s.throughput_per_s as number)}`,
    );
  }
  if (json.coldStart) lines.push(`  cold start: session ${formatMs(json.coldStart.sessionCreate_ms)}, first run ${formatMs(json.coldStart.firstRun_ms)}`);
  for (const w of json.warnings) lines.push(`  warning: ${w.message}`);
  process.stdout.write(lines.join('\n') + '\n');
}

export async function bench(model: string, o: BenchOptions): Promise<number> {
  const config = benchConfig(model, o);
  const handle = createStudio();
  const { studio } = handle;
  const showBar = !o.json && process.stderr.isTTY === true;
  const bar = new SingleBar(
    { format: ' {phase} |{bar}| {percentage}% | {measured} iterations | {elapsed}s', stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  let started = false;
  let runId: string | undefined;
  const off = studio.onEvent((e) => {
    if (!showBar || e.type !== 'run.progress' || e.runId !== runId) return;
    const payload = { phase: e.progress.phase.padEnd(7), measured: e.progress.measuredDone, elapsed: (e.progress.elapsedMs / 1000).toFixed(1) };
    if (!started) {
      bar.start(1000, 0, payload);
      started = true;
    }
    bar.update(Math.round(e.progress.fraction * 1000), payload);
  });
  const stopSignal = (): void => void (runId && studio.queue.cancel(runId));
  process.once('SIGINT', stopSignal);
  try {
    const { runId: id } = (await studio.call('runs.start', { config })) as { runId: string };
    runId = id;
    const run = await studio.queue.whenFinished(id);
    if (started) bar.stop();
    const detail = (await studio.call('runs.get', { runId: id })) as { run: Run; warnings: { code: string; message: string }[] };
    const json = runToJson(detail.run, detail.warnings, `dyno@${appVersion()}`);
    if (o.json) process.stdout.write(JSON.stringify(json, null, 2) + '\n');
    else printHuman(detail.run, json);
    if (run.status === 'failed') {
      if (o.json) return 1;
      throw new CliError(run.error);
    }
    return run.status === 'completed' ? 0 : 130;
  } finally {
    off();
    process.off('SIGINT', stopSignal);
    handle.close();
  }
}

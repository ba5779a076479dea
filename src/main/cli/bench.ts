/** `dyno bench`: one benchmark from the command line, stored in the same database as the studio. */
import { SingleBar, Presets } from 'cli-progress';
import type { Run } from '../../shared/run';
import { runToJson, type RunJson } from '../../shared/run-json';
import { runToCsv, runToMarkdown } from '../../shared/run-table';
import { formatBytes, formatFlops, formatMs, formatRate } from '../../shared/format';
import { compareRuns } from '../../shared/compare';
import { environmentDifferences } from '../../shared/telemetry';
import type { RunDetail } from '../../shared/contract';
import { createStudio } from '../studio/create-studio';
import { appVersion } from '../studio/paths';
import type { Studio } from '../studio/studio';
import { benchConfig, type BenchFlags } from './bench-options';
import { loadBaseline } from './baseline';
import { CliError } from './errors';

/** Exit code of a run that breached --fail-if-slower, apart from 1 (error) and 130 (cancelled). */
export const EXIT_REGRESSION = 3;

function summaryLines(run: Run, json: RunJson): string[] {
  const s = json.stats;
  const lines = [`run ${run.id}  ${run.status}  ${run.modelName}`];
  if (s && typeof s.mean_ms === 'number') {
    const ms = (k: string) => formatMs(s[k] as number);
    const flag = (k: string) => (s[`${k}_supported`] === false ? '*' : '');
    lines.push(
      `  mean ± σ   ${ms('mean_ms')} ± ${ms('std_ms')}   (${s.count} iterations, CV ${(s.cv_pct as number).toFixed(1)}%)`,
      `  p50 ${ms('p50_ms')} [95% CI ${ms('median_ci_low_ms')} – ${ms('median_ci_high_ms')}]   p90 ${ms('p90_ms')}${flag('p90')}   p99 ${ms('p99_ms')}${flag('p99')}   min ${ms('min_ms')}   max ${ms('max_ms')}`,
      `  throughput ${formatRate(s.throughput_per_s as number)}${json.memory ? `   peak RSS ${formatBytes(json.memory.peakRss_bytes)}` : ''}${json.stability ? `   ${json.stability.stable ? 'stable' : 'not stable'}` : ''}`,
    );
  }
  if (json.coldStart) lines.push(`  cold start: session ${formatMs(json.coldStart.sessionCreate_ms)}, first run ${formatMs(json.coldStart.firstRun_ms)}`);
  if (json.telemetry) {
    const c = json.telemetry.cpu;
    const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(0)}%`);
    lines.push(`  telemetry: CPU ${pct(c.avgUtil_pct)} avg, worker ${pct(c.workerAvgCpu_pct)} of one core; GPU ${json.telemetry.gpu.available ? 'sampled' : `off (${json.telemetry.gpu.reason ?? 'unavailable'})`}`);
  }
  if (json.energy) {
    const e = json.energy;
    lines.push(
      e.total_j === null
        ? `  energy: not measured (${e.reason ?? 'no energy source'})`
        : `  energy: ${e.total_j.toFixed(2)} J (${e.net_j === null ? 'no idle baseline' : `${e.net_j.toFixed(2)} J above idle`}), ${e.average_w?.toFixed(1)} W avg, ${e.perInference_mj?.toFixed(3)} mJ/inference, ${e.inferencesPerJ?.toFixed(1)} inferences/J`,
    );
  }
  if (json.server) {
    const v = json.server;
    lines.push(`  server: p${v.percentile * 100} ${formatMs(v.percentile_ms)} vs budget ${formatMs(v.latencyBudget_ms)} at ${v.achievedQps.toFixed(1)}/${v.targetQps} QPS: ${v.passed ? 'PASS' : 'FAIL'}`);
  }
  if (json.check) lines.push(`  outputs: ${json.check.passed ? 'match' : 'MISMATCH'} (max abs error ${json.check.maxAbsError.toExponential(2)}, max rel ${json.check.maxRelError.toExponential(2)})`);
  if (json.profile) {
    const p = json.profile;
    lines.push(`  profile: ${formatMs(p.kernel_ms_per_iteration)} in kernels per iteration, ${formatFlops(p.flops_per_iteration)}; trace ${p.traceFile}`);
    for (const t of p.byOpType.slice(0, 8)) lines.push(`    ${t.opType.padEnd(22)} ${formatMs(t.ms).padStart(9)}  ${(t.share * 100).toFixed(1).padStart(5)}%  (${t.nodes} nodes)`);
  }
  if (s && (s.p90_supported === false || s.p99_supported === false)) lines.push('  * too few samples to claim this percentile (see warnings)');
  for (const w of json.warnings) lines.push(`  warning: ${w.message}`);
  return lines;
}

function progressBar(studio: Studio, runId: () => string | undefined): () => void {
  const bar = new SingleBar(
    { format: ' {phase} |{bar}| {percentage}% | {measured} iterations | {elapsed}s', stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  let started = false;
  const off = studio.onEvent((e) => {
    if (e.type !== 'run.progress' || e.runId !== runId()) return;
    const payload = { phase: e.progress.phase.padEnd(7), measured: e.progress.measuredDone, elapsed: (e.progress.elapsedMs / 1000).toFixed(1) };
    if (!started) {
      bar.start(1000, 0, payload);
      started = true;
    }
    bar.update(Math.round(e.progress.fraction * 1000), payload);
  });
  return () => {
    off();
    if (started) bar.stop();
  };
}

export async function bench(model: string, o: BenchFlags): Promise<number> {
  const config = benchConfig(model, o);
  if (o.failIfSlower !== undefined && !o.baseline) throw new CliError('--fail-if-slower needs --baseline.');
  const handle = createStudio();
  const { studio } = handle;
  let runId: string | undefined;
  const stopBar = !o.json && !o.csv && !o.markdown && process.stderr.isTTY === true ? progressBar(studio, () => runId) : () => undefined;
  const onSigint = (): void => void (runId && studio.queue.cancel(runId));
  process.once('SIGINT', onSigint);
  try {
    const baseline = o.baseline ? await loadBaseline(o.baseline, studio) : undefined;
    runId = ((await studio.call('runs.start', { config })) as { runId: string }).runId;
    const run = await studio.queue.whenFinished(runId);
    stopBar();
    const detail = (await studio.call('runs.get', { runId })) as RunDetail;
    const json = runToJson(detail.run, detail.warnings, `dyno@${appVersion()}`);
    const comparison =
      baseline && run.status === 'completed'
        ? compareRuns({ medianMs: run.stats.percentiles.p50?.valueMs ?? run.stats.meanMs, meanMs: run.stats.meanMs, stdMs: run.stats.stdMs }, baseline.summary)
        : undefined;
    if (o.json) process.stdout.write(JSON.stringify(comparison ? { ...json, baseline: { ref: baseline?.label, ...comparison } } : json, null, 2) + '\n');
    else if (o.csv) process.stdout.write(runToCsv(json));
    else if (o.markdown) process.stdout.write(runToMarkdown(json));
    else process.stdout.write(summaryLines(detail.run, json).join('\n') + '\n');
    if (comparison) process.stderr.write(`dyno: ${comparison.sentence} (${baseline?.label})\n`);
    if (baseline?.environment && json.environment) {
      const differences = environmentDifferences(baseline.environment, json.environment);
      if (differences.length > 0) process.stderr.write(`dyno: warning: the baseline ran in a different environment (${differences.join('; ')}); the comparison may not be fair.\n`);
    }

    if (run.status === 'failed') {
      if (o.json) return 1;
      throw new CliError(run.error);
    }
    if (run.status !== 'completed') return 130;
    if (comparison && o.failIfSlower !== undefined && comparison.slowerByPct > o.failIfSlower) {
      process.stderr.write(`dyno: regression: median ${comparison.slowerByPct.toFixed(1)}% slower than the baseline (limit ${o.failIfSlower}%).\n`);
      return EXIT_REGRESSION;
    }
    if (json.server && !json.server.passed) return EXIT_REGRESSION;
    if (json.check && !json.check.passed) return EXIT_REGRESSION;
    return 0;
  } finally {
    stopBar();
    process.off('SIGINT', onSigint);
    handle.close();
  }
}

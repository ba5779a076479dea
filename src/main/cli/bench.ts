/**
 * `dyno bench`: one benchmark from the command line, stored in the same database as the studio.
 * It drives the studio through the API contract (in-process), like any front end, and prints
 * the run through the exporter `--format` chose.
 */
import { SingleBar, Presets } from 'cli-progress';
import type { DynoApi } from '../../shared/contract';
import { runToJson } from '../../shared/run-json-from-run';
import type { RunJson } from '../../shared/run-json';
import { EXPORTERS } from '../../shared/export';
import { compareRuns } from '../../shared/compare';
import { environmentDifferences } from '../../shared/telemetry';
import { createStudio } from '../studio/create-studio';
import { createInProcessApi } from '../studio/in-process-api';
import { appVersion } from '../studio/paths';
import { benchConfig, type BenchFlags } from './bench-options';
import { outputFormat, type OutputFlags } from './output-options';
import { loadBaseline, type Baseline } from './baseline';
import { CliError } from './errors';
import { exitCodeFor } from './exit-codes';

function progressBar(api: DynoApi, runId: () => string | undefined): () => void {
  const bar = new SingleBar(
    { format: ' {phase} |{bar}| {percentage}% | {measured} iterations | {elapsed}s', stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  let started = false;
  const off = api.onEvent((e) => {
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

/** The run's JSON with the baseline comparison in it, and the comparison's sentence on stderr. */
function compared(json: RunJson, baseline: Baseline | undefined): RunJson {
  if (!baseline || json.run.status !== 'completed' || !json.stats) return json;
  const s = json.stats;
  const comparison = compareRuns({ medianMs: s.p50_ms ?? s.mean_ms, meanMs: s.mean_ms, stdMs: s.std_ms }, baseline.summary);
  process.stderr.write(`dyno: ${comparison.sentence} (${baseline.label})\n`);
  if (baseline.environment && json.environment) {
    const differences = environmentDifferences(baseline.environment, json.environment);
    if (differences.length > 0) process.stderr.write(`dyno: warning: the baseline ran in a different environment (${differences.join('; ')}); the comparison may not be fair.\n`);
  }
  return { ...json, baseline: { ref: baseline.label, ...comparison } };
}

export async function bench(model: string, o: BenchFlags & OutputFlags): Promise<number> {
  const format = outputFormat(o);
  const config = benchConfig(model, o);
  if (o.failIfSlower !== undefined && !o.baseline) throw new CliError('--fail-if-slower needs --baseline.');
  const handle = createStudio();
  const api = createInProcessApi(handle.studio);
  let runId: string | undefined;
  const stopBar = format === 'text' && process.stderr.isTTY === true ? progressBar(api, () => runId) : () => undefined;
  // Ctrl+C cancels the run; what was measured is kept as an aborted run, and we exit 130.
  // A Ctrl+C before the run has its id (the model is still being inspected) is remembered and
  // cancels the run the moment it is queued.
  let cancelAsked = false;
  const cancel = (id: string): void => void api.call('runs.cancel', { runId: id }).catch(() => undefined);
  const onSigint = (): void => {
    cancelAsked = true;
    if (runId) cancel(runId);
  };
  process.once('SIGINT', onSigint);
  try {
    const baseline = o.baseline ? await loadBaseline(o.baseline, api) : undefined;
    runId = (await api.call('runs.start', { config })).runId;
    if (cancelAsked) cancel(runId);
    const { run, warnings } = await api.call('runs.wait', { runId });
    stopBar();
    const json = compared(runToJson(run, warnings, `dyno@${appVersion()}`), baseline);
    process.stdout.write(EXPORTERS[format].render([json]));

    // A failed run exits 1 either way: in text with its error as the one line; JSON carries the error itself.
    if (run.status === 'failed' && format !== 'json') throw new CliError(run.error);
    const decision = exitCodeFor({
      status: run.status,
      slowerByPct: json.baseline?.slowerByPct,
      failIfSlower: o.failIfSlower,
      serverPassed: json.server?.passed,
      checkPassed: json.check?.passed,
    });
    if (decision.reason) process.stderr.write(`dyno: ${decision.reason}\n`);
    return decision.code;
  } finally {
    stopBar();
    process.off('SIGINT', onSigint);
    handle.close();
  }
}

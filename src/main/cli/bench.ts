/**
 * `dyno bench`: one benchmark from the command line, stored in the same database as the studio.
 * It drives the studio through the API contract (in-process), like any front end, and prints
 * the run through the exporter `--format` chose.
 */
import { runToJson } from '../../shared/run-json-from-run';
import type { RunJson } from '../../shared/run-json';
import { EXPORTERS } from '../../shared/export';
import type { RunComparison } from '../../shared/compare/schema';
import { createCliStudio } from './cli-studio';
import { createInProcessApi } from '../studio/in-process-api';
import { progressEventsOf } from './progress-events';
import { progressBar } from './progress-bar';
import { appVersion } from '../studio/paths';
import { benchConfig, type BenchFlags } from './bench-options';
import { outputFormat, type OutputFlags } from './output-options';
import { compareWithBaseline, loadBaseline, type Baseline } from './baseline';
import { CliError } from './errors';
import { exitCodeFor } from './exit-codes';

/** The run's JSON with the baseline comparison in it, and the comparison's sentence and warnings on stderr. */
function compared(json: RunJson, baseline: Baseline, c: RunComparison): RunJson {
  process.stderr.write(`dyno: ${c.sentence}\n`);
  for (const w of c.warnings) process.stderr.write(`dyno: warning: ${w}\n`);
  return {
    ...json,
    baseline: { ref: baseline.label, ratio: c.ratio, slowerByPct: (c.ratio - 1) * 100, ciLow: c.ciLow, ciHigh: c.ciHigh, verdict: c.verdict, evidence: c.evidence.level, sentence: c.sentence },
  };
}

export async function bench(model: string, o: BenchFlags & OutputFlags & { advice?: boolean }): Promise<number> {
  const format = outputFormat(o);
  const config = benchConfig(model, o);
  if (o.failIfSlower !== undefined && !o.baseline) throw new CliError('--fail-if-slower needs --baseline.');
  const handle = createCliStudio();
  const api = createInProcessApi(handle.studio);
  let runId: string | undefined;
  // Only on a terminal, and hearing only progress (progress-events.ts).
  const stopBar: (completed?: boolean) => void =
    format === 'text' && process.stderr.isTTY === true ? progressBar(createInProcessApi(progressEventsOf(handle.studio)), () => runId) : () => undefined;
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
    const started = await api.call('runs.start', { config });
    runId = started.runId;
    for (const note of started.notes ?? []) process.stderr.write(`dyno: ${note}\n`);
    if (cancelAsked) cancel(runId);
    const { run, warnings } = await api.call('runs.wait', { runId });
    stopBar(run.status === 'completed');
    const { advice, ...rest } = runToJson(run, warnings, `dyno@${appVersion()}`);
    // Advice is part of the run's JSON unless --no-advice leaves it out (it is derived, not measured).
    const plain: RunJson = o.advice === false || !advice ? rest : { ...rest, advice };
    const comparison = baseline && run.status === 'completed' ? await compareWithBaseline(api, baseline, run.id) : undefined;
    const json = baseline && comparison ? compared(plain, baseline, comparison) : plain;
    const targets = json.targets;
    for (const t of targets ?? []) process.stderr.write(`dyno: target ${t.sentence}\n`);
    // A failed run's error is the `dyno:` line on stderr below; the text summary would say it twice.
    const shown = run.status === 'failed' && format === 'text' ? { ...json, run: { ...json.run, error: undefined } } : json;
    process.stdout.write(EXPORTERS[format].render([shown]));

    // A failed run exits 1 either way: in text with its error as the one line; JSON carries the error itself.
    if (run.status === 'failed' && format !== 'json') throw new CliError(run.error);
    const decision = exitCodeFor({
      status: run.status,
      baseline: comparison,
      failIfSlower: o.failIfSlower,
      targetsFailed: targets?.some((t) => t.outcome === 'fail'),
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

/**
 * `dyno optimize`: the optimizer from the command line (main/optimizer). One `optimizer` study
 * holds every trial; `--resume <study>` continues one that was stopped (Ctrl+C, a kill, a
 * crash) by reusing the trials it already measured. Progress goes to stderr as each trial
 * ends; the result to stdout as text or `--json`; `--out DIR` writes the recommendation report
 * (Markdown, HTML) and the winner's exports (session-options JSON, Python/Node/C++ snippets,
 * the onnxruntime_perf_test command line).
 */
import { join } from 'node:path';
import { MultiBar, Presets } from 'cli-progress';
import { OBJECTIVE_WORDS, type Objective } from '../../shared/optimizer/goal';
import type { FactorId } from '../../shared/optimizer/factors';
import { formatMs, formatNumber } from '../../shared/format';
import { defaultWorkerSpec } from '../studio/create-studio';
import { createCliStudio } from './cli-studio';
import { createInProcessApi } from '../studio/in-process-api';
import { outputsInWorker } from '../child/outputs-in-worker';
import { optimize, type OptimizeSpec } from '../optimizer/run-optimizer';
import { SpecSchema, minAccuracyProblem, newSpec } from '../optimizer/spec';
import { outcomeJson } from '../optimizer/result-json';
import { writeOutputs } from '../optimizer/write-outputs';
import { TRANSFORM } from '../optimizer/precision';
import type { Trial } from '../optimizer/trials';
import { CliError } from './errors';
import { asCliError, DEFAULT_TIME_BUDGET, emitOutcome, timeBudgetMs } from './optimizer-outcome';
import { modelStudySummary } from './optimizer-summary';

export interface OptimizeFlags {
  objective: Objective;
  budgetMs?: number;
  maxError?: number;
  minAccuracy?: number;
  memoryCap?: number;
  timeBudget?: string;
  trialDuration: number;
  trialIterations: number;
  warmup: number;
  dim: Record<string, number>;
  inputs?: string;
  rounds: number;
  top: number;
  out?: string;
  resume?: string;
  factors?: FactorId[];
  json: boolean;
}



export { factorList } from './command-options';



function trialLine(t: Trial, unit: string): string {
  const figure = t.value === undefined ? '' : unit === 'ms' ? formatMs(t.value) : `${formatNumber(t.value)} ${unit}`;
  const what = t.status === 'completed' ? figure : t.status;
  return `  ${t.phase.padEnd(13)} ${t.key.padEnd(36)} ${what}${t.reused ? ' (reused)' : ''}${t.rejected ? `: rejected, ${t.rejected}` : ''}`;
}

export async function optimizeCommand(model: string | undefined, o: OptimizeFlags): Promise<number> {
  if (!model && !o.resume) throw new CliError('Give a model to optimize, or --resume <study>.');
  const handle = createCliStudio();
  const api = createInProcessApi(handle.studio);
  let spec: OptimizeSpec;
  if (o.resume) {
    const found = await api.call('studies.get', { studyId: o.resume }).catch(() => undefined);
    if (!found) throw new CliError(`No study with id ${o.resume}.`);
    const parsed = SpecSchema.safeParse(found.study.spec);
    if ((found.study.spec as { workload?: unknown } | null)?.workload === 'command') throw new CliError(`Study ${o.resume} optimizes a command: resume it with dyno optimize-exec --resume ${o.resume}.`);
    if (found.study.kind !== 'optimizer') throw new CliError(`Study ${o.resume} is a ${found.study.kind} study, not an optimizer study that can be resumed.`);
    if (!parsed.success) throw new CliError(`Study ${o.resume}'s stored search settings cannot be read (damaged, or from another Dyno version), so it cannot be resumed; its trials stay stored. Start a new search with dyno optimize <model>.`);
    spec = { ...parsed.data, goal: { ...parsed.data.goal, ...(o.timeBudget ? { timeBudgetMs: timeBudgetMs(o.timeBudget) } : {}) } };
  } else {
    if (o.minAccuracy !== undefined && !o.inputs) throw new CliError('--min-accuracy needs --inputs DIR: a test_data_set folder whose expected outputs are the labels accuracy is counted against.');
    spec = newSpec(model as string, { ...o, timeBudgetMs: timeBudgetMs(o.timeBudget ?? DEFAULT_TIME_BUDGET) });
    const accuracy = minAccuracyProblem(spec, '--max-error');
    if (accuracy) throw new CliError(`--min-accuracy: ${accuracy}.`);
  }

  const unit = spec.goal.objective === 'throughput' ? '/s' : spec.goal.objective === 'energy' ? 'mJ' : 'ms';
  const bars = !o.json && process.stderr.isTTY ? new MultiBar({ format: ' {phase} |{bar}| {value}/{total} s of the time budget', stream: process.stderr, hideCursor: true }, Presets.shades_classic) : undefined;
  const bar = bars?.create(Math.round(spec.goal.timeBudgetMs / 1000), 0, { phase: 'starting'.padEnd(20) });
  const say = (line: string): void => {
    if (o.json) return;
    if (bars) bars.log(line + '\n');
    else process.stderr.write(line + '\n');
  };
  const started = Date.now();
  const tick = setInterval(() => bar?.update(Math.min(Math.round((Date.now() - started) / 1000), Math.round(spec.goal.timeBudgetMs / 1000))), 1000);
  let stop = false;
  let runId: string | undefined;
  const onSigint = (): void => {
    stop = true;
    if (runId) void api.call('runs.cancel', { runId }).catch(() => undefined);
  };
  process.once('SIGINT', onSigint);
  try {
    const outcome = await optimize(
      {
        api,
        outputs: (config, writeDir, refs) => outputsInWorker(defaultWorkerSpec(), config, writeDir, refs),
        transform: TRANSFORM,
        artifactsDir: join(handle.home, 'artifacts'),
        now: () => Date.now(),
      },
      spec,
      o.resume,
      {
        onStudy: (id) => say(`study ${id}: ${OBJECTIVE_WORDS[spec.goal.objective]}, time budget ${(spec.goal.timeBudgetMs / 1000).toFixed(0)} s`),
        onPhase: (phase) => {
          bar?.update({ phase: phase.padEnd(20) });
          say(`${phase}:`);
        },
        onTrial: (t) => say(trialLine(t, unit)),
        onRunStarted: (id) => (runId = id),
        shouldStop: () => stop,
      },
    );
    clearInterval(tick);
    bars?.stop();
    const model = await api.call('models.inspect', { path: spec.base.modelPath });
    const batchDim = model.inputs.map((i) => i.shape[0]).find((d): d is string => typeof d === 'string');
    const json = outcomeJson(outcome, batchDim);
    return emitOutcome(json, o, writeOutputs, modelStudySummary);
  } catch (err) {
    throw asCliError(err);
  } finally {
    clearInterval(tick);
    bars?.stop();
    process.off('SIGINT', onSigint);
    handle.close();
  }
}

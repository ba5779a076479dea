/**
 * The command executor: runs a program M times to warm up and then until the stop rule holds
 * (at least N runs and T seconds, capped, as hyperfine does), one process tree at a time, each
 * run's wall time a sample. It runs in the host (a spawn needs no worker of its own) and only
 * measures; the run queue stores, summarises and streams its runs like any other.
 */
import type { CommandWorkload } from '../../shared/command/workload';
import { commandLine, targetText } from '../../shared/command/workload';
import { spreadOf, type CommandResults, type CommandRunRecord } from '../../shared/command/results';
import { metricLineReader } from '../../shared/command/metric-lines';
import { stopRuleSatisfied } from '../engine/timing-loop';
import type { StopRule } from '../../shared/run';
import type { Executor, ExecutorHandlers, ExecutorJob, ExecutorOutcome, ExecutorRun } from './executor';
import { runEnv, runOnce, type OnceHandle, type OnceResult } from './command/run-once';
import { lastLines } from './command/output-tail';
import { tellingLine } from '../../shared/command/telling-line';
import { LiveOutput } from './command/live-output';
import { SampleBatcher } from './command/sample-batcher';
import { HandlerClock } from './command/handler-clock';

export interface CommandExecutorOptions {
  /** How often each run's process tree is sampled for memory. */
  sampleIntervalMs?: number;
}

const DEFAULT_SAMPLE_INTERVAL_MS = 20;

function where(phase: 'warmup' | 'measure', i: number): string {
  return phase === 'warmup' ? `warm-up run ${i + 1}` : `run ${i + 1}`;
}

/** Why a run that did not exit 0 fails the whole run, with the exit code and the stderr tail. */
function failureOf(r: OnceResult, w: CommandWorkload, at: string): string | undefined {
  if (r.end === 'spawn-error') return r.spawnError;
  if (r.end === 'status-lost') return `Dyno lost the exit status of \`${commandLine(w)}\` on ${at} (${r.statusLost ?? 'wait4 failed'}), so the run cannot be judged; nothing else in Dyno should reap its children: please report this.`;
  // A clean exit is the common case: it needs none of the tail reading below.
  if (r.end === 'exited' && !r.signal && r.exitCode === 0) return undefined;
  const output = r.stderr.text.trim() ? r.stderr.text : r.stdout.text;
  const tail = lastLines(output);
  // The reason is read from the whole bounded tail: the quoted lines may be only a stack's end.
  const why = tellingLine(output);
  // Said outright when there is nothing to quote, so the reason never trails off.
  const quoted = `${why ? `: ${why}` : ''}${tail ? `; its last output:\n${tail}` : '; it printed nothing'}`;
  if (r.end === 'timeout') return `\`${commandLine(w)}\` timed out after ${((w.timeoutMs ?? 0) / 1000).toFixed(1)} s on ${at} (--timeout); its whole process tree was stopped${quoted}`;
  if (r.signal) return `\`${commandLine(w)}\` was killed by ${r.signal} on ${at}${quoted}`;
  if (r.exitCode !== 0) return `\`${commandLine(w)}\` exited with code ${r.exitCode} on ${at}${quoted}`;
  return undefined;
}

function record(r: OnceResult, phase: 'warmup' | 'measure', i: number): CommandRunRecord {
  return {
    phase,
    i,
    tMs: r.tMs,
    wallMs: r.wallMs,
    userMs: r.userMs,
    sysMs: r.sysMs,
    peakRssBytes: r.peakRssBytes,
    exitCode: r.exitCode,
    metrics: r.metrics,
    targetS: r.targetS,
    series: r.series,
    ...(r.outputHeldOpen ? { outputHeldOpen: true } : {}),
  };
}

/** The figures across measured runs; every metric asked for by name that never printed a value is named. */
export function commandResults(w: CommandWorkload, runs: CommandRunRecord[], last: OnceResult | undefined): CommandResults {
  const measured = runs.filter((r) => r.phase === 'measure');
  const numbers = (pick: (r: CommandRunRecord) => number | null | undefined): number[] => measured.flatMap((r) => (typeof pick(r) === 'number' ? [pick(r) as number] : []));
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))];
  const asked = [...new Set([...w.metrics.map((m) => m.name), ...w.targets.map((t) => t.metric)])];
  return {
    commandLine: commandLine(w),
    runs,
    cpu: { userMs: spreadOf(numbers((r) => r.userMs)), sysMs: spreadOf(numbers((r) => r.sysMs)) },
    metrics: names.map((name) => ({ name, final: spreadOf(numbers((r) => r.metrics[name])) })),
    targets: w.targets.map((t) => {
      const text = targetText(t);
      const seconds = numbers((r) => r.targetS[text]);
      return { target: text, reached: seconds.length, runs: measured.length, seconds: spreadOf(seconds), joules: null };
    }),
    neverMatched: asked.filter((a) => !names.includes(a)),
    stdoutTail: last?.stdout.text ?? '',
    stderrTail: last?.stderr.text ?? '',
  };
}

function startCommandRun(job: ExecutorJob, queueHandlers: ExecutorHandlers, sampleIntervalMs: number): ExecutorRun {
  const w = job.config.command;
  if (!w) throw new Error('The command executor was given a model run.');
  const stop: StopRule = job.config.stop;
  const readLine = metricLineReader(w.metrics);
  const env = runEnv(w);
  let current: OnceHandle | undefined;
  let cancelled = false;
  const clock = new HandlerClock(() => current === undefined);
  const handlers = clock.wrap(queueHandlers);
  const live = new LiveOutput(handlers);

  const once = async (phase: 'warmup' | 'measure', i: number): Promise<OnceResult> => {
    live.runStarted(phase, i);
    current = runOnce({
      workload: w,
      readLine,
      sampleIntervalMs,
      env,
      onOutput: (stream, text) => live.output(stream, text),
      onMetric: (p) => live.metric(p),
    });
    const r = await current.result;
    current = undefined;
    return r;
  };

  const loop = async (): Promise<ExecutorOutcome> => {
    // After start() has returned: the queue reports "starting" then, and "ready" must follow it.
    await Promise.resolve();
    handlers.onReady({ sessionCreateMs: 0, samplesPerIteration: 1 });
    const runs: CommandRunRecord[] = [];
    const samples = new SampleBatcher(handlers);
    let last: OnceResult | undefined;
    let firstRunMs = Number.NaN;
    const step = async (phase: 'warmup' | 'measure', i: number): Promise<string | 'stopped' | undefined> => {
      const r = await once(phase, i);
      if (r.end === 'stopped') return 'stopped';
      // A run that finished before the cancel (it came during the output grace) is kept; a failed one is not judged.
      const failure = failureOf(r, w, where(phase, i));
      if (failure) return cancelled ? 'stopped' : failure;
      last = r;
      if (Number.isNaN(firstRunMs)) firstRunMs = r.wallMs;
      runs.push(record(r, phase, i));
      samples.add(phase, i, r.tMs, r.wallMs);
      return undefined;
    };
    for (let i = 0; i < stop.warmupIterations && !cancelled; i++) {
      const problem = await step('warmup', i);
      if (problem === 'stopped') break;
      if (problem) return samples.flushed({ kind: 'error', message: problem });
    }
    const start = performance.now();
    const handlersBeforeMs = clock.spentMs;
    let measuredWallMs = 0;
    // Time spent reading output a process outside the group held open after an exit is not the command's either.
    let afterExitMs = 0;
    // The stop rule judges the same measured time that is reported: neither the output grace (0.5 s
    // waits alone must not meet --min-duration) nor the queue's bookkeeping counts toward it.
    for (let i = 0; !cancelled && !stopRuleSatisfied(stop, i, measuredWallMs); i++) {
      const problem = await step('measure', i);
      if (problem === 'stopped') break;
      if (problem) return samples.flushed({ kind: 'error', message: problem });
      const end = performance.now();
      afterExitMs += last?.afterExitMs ?? 0; // `last` is this run's result
      // The queue's bookkeeping between runs is Dyno's, not the command's (handler-clock.ts).
      measuredWallMs = end - start - (clock.spentMs - handlersBeforeMs) - afterExitMs;
    }
    samples.flush();
    const peaks = runs.flatMap((r) => (r.peakRssBytes !== null ? [r.peakRssBytes] : []));
    return {
      kind: 'done',
      firstRunMs,
      measuredWallMs,
      aborted: cancelled,
      peakRssBytes: peaks.length > 0 ? Math.max(...peaks) : 0,
      inputs: [],
      samplesPerIteration: 1,
      command: commandResults(w, runs, last),
    };
  };

  const outcome = loop()
    .catch((err: unknown): ExecutorOutcome => {
      current?.stop();
      return { kind: 'error', message: `Dyno could not run the command: ${err instanceof Error ? err.message : String(err)}` };
    })
    // Output is held across runs (live-output.ts): what the last ones printed goes out before the outcome.
    .finally(() => live.flush());
  return {
    get pid() {
      return current?.pid;
    },
    outcome,
    cancel() {
      cancelled = true;
      current?.stop();
    },
    kill() {
      cancelled = true;
      current?.stop();
    },
  };
}

export function commandExecutor(options: CommandExecutorOptions = {}): Executor {
  const interval = options.sampleIntervalMs ?? DEFAULT_SAMPLE_INTERVAL_MS;
  return { start: (job, handlers) => startCommandRun(job, handlers, interval) };
}

/**
 * Finished optimizer studies whose re-measurement had a run fail, as the study documents the host
 * writes (`outcomeJson`, `commandOutcomeJson`: the `--json` output, optimize.json, what the result
 * page reads). Built by hand because a real search cannot be made to fail on one round at will;
 * typed as the documents and parsed with the wire schemas in the tests, so the host could have
 * written them. A failed trial is kept as the trial code keeps it: status "failed", no figures,
 * `rejected` "failed: <error>" (the command's through the executor's failureText), and its run is
 * missing from `recommended.runIds`.
 */
import { RunConfigSchema, type RunConfig } from '../../src/shared/run';
import type { OptimizeJson, TrialJson } from '../../src/shared/optimizer/result';
import type { CommandOptimizeJson, CommandTrialJson } from '../../src/shared/optimizer/command/result';
import { failureText } from '../../src/main/optimizer/command/trials';

const STOP = { warmupIterations: 10, minIterations: 100, minDurationMs: 1000, maxIterations: 100_000, maxDurationMs: 60_000 };

/** A command run's error as the command executor words it (quoted output and all). */
export const COMMAND_ERROR = "`node train.mjs --samples 4000 --epochs 200 --batch 32 --epochs 20` exited with code 1 on run 2: RangeError: Array buffer allocation failed; its last output:\n  at new ArrayBuffer (<anonymous>)\n\nNode.js v20.20.2";
/** A model run's error when its worker crashed (executor/onnx-worker.ts). */
export const WORKER_CRASH = 'The benchmark worker was killed by SIGSEGV before finishing (out of memory, or a crash in ONNX Runtime).';

/**
 * A command study, 3 rounds asked: `fewer=on` beat the baseline alone, and its re-measure run in
 * round 2 failed. Its rounds (2) no longer pair with the baseline's (3), so the gain is its single
 * run's, whose interval includes no gain.
 */
export function commandStudyWithAFailedRound(): CommandOptimizeJson {
  const argv = ['node', 'train.mjs', '--samples', '4000', '--epochs', '200', '--batch', '32'];
  const config = (extra: string[], label: string): RunConfig =>
    RunConfigSchema.parse({ modelPath: [...argv, ...extra].join(' '), stop: { ...STOP, warmupIterations: 0, minIterations: 2, minDurationMs: 0 }, label, command: { argv: [...argv, ...extra] } });
  const figures = (ms: number) => ({ value: ms, unit: 'ms', medianWallMs: ms, peakRssBytes: 61_000_000, energyPerRunMj: null, metrics: { accuracy: 0.93 } });
  const trial = (runId: string, phase: string, candidate: string, ms: number | null, rejected: string | null = null): CommandTrialJson => {
    const extra = candidate === 'fewer=on' ? ['--epochs', '20'] : [];
    return {
      runId,
      phase,
      candidate,
      status: ms === null ? 'failed' : 'completed',
      reused: false,
      commandLine: [...argv, ...extra].join(' '),
      config: config(extra, `optimizer · ${phase} · ${candidate}`),
      figures: ms === null ? null : figures(ms),
      gates: [],
      verdict: null,
      rejected,
    };
  };
  const fewer = config(['--epochs', '20'], 'optimizer · single · fewer=on');
  return {
    study: 'study-cmd-1',
    workload: 'command',
    command: argv.join(' '),
    objective: 'time',
    goal: { objective: 'time', gates: [], timeBudgetMs: 600_000 },
    factors: [{ name: 'fewer', kind: 'flag', baseline: 'off', levels: ['off', 'on'] }],
    baseline: { runId: 'run-b', commandLine: argv.join(' '), config: config([], 'optimizer · baseline · baseline'), figures: figures(900), gates: [] },
    trials: [
      trial('run-1', 'single', 'fewer=on', 780),
      trial('run-2', 're-measure r1', 'baseline', 910),
      trial('run-3', 're-measure r1', 'fewer=on', 800),
      trial('run-4', 're-measure r2', 'baseline', 890),
      trial('run-5', 're-measure r2', 'fewer=on', null, `failed: ${failureText(COMMAND_ERROR)}`),
      trial('run-6', 're-measure r3', 'baseline', 905),
      trial('run-7', 're-measure r3', 'fewer=on', 790),
    ],
    recommended: {
      candidate: 'fewer=on',
      config: fewer,
      gainVsBaseline: { value: 1.154, ciLow: 0.95, ciHigh: 1.4, evidence: 'single-runs' },
      gates: [],
      runIds: ['run-1', 'run-3', 'run-7'],
      exports: { commandLine: fewer.modelPath, execCommand: `dyno exec -r 2 --min-duration 0 -- ${fewer.modelPath}`, parameters: { fewer: true } },
    },
    attribution: [
      { factor: 'fewer', level: 'on', gain: 1.154, ciLow: 0.95, ciHigh: 1.4, runId: 'run-1' },
      { factor: 'combined', level: null, gain: 1.154, ciLow: 0.95, ciHigh: 1.4, runId: null, predicted: 1.154, interaction: false },
    ],
    stopped: { reason: 'completed', message: 'Every planned trial was measured.' },
    noCandidate: null,
    elapsedMs: 12_000,
  };
}

/**
 * A model study, 3 rounds asked: `threads=1` beat the defaults alone, and the baseline's
 * re-measure run in round 2 crashed its worker. The candidate's 3 rounds no longer pair with the
 * baseline's 2, so the gain is the single run's.
 */
export function modelStudyWithACrashedRound(): OptimizeJson {
  const config = (threads: number | undefined, label: string): RunConfig =>
    RunConfigSchema.parse({ modelPath: '/models/mlp.onnx', stop: STOP, label, ...(threads ? { session: { intraOpThreads: threads } } : {}) });
  const figures = (ms: number) => ({ value: ms, unit: 'ms', p50Ms: ms, p99Ms: ms * 1.4, throughputPerS: 1000 / ms, energyPerInferenceMj: null, peakRssBytes: 90_000_000 });
  const trial = (runId: string, phase: string, candidate: string, ms: number | null, rejected: string | null = null): TrialJson => ({
    runId,
    phase,
    candidate,
    status: ms === null ? 'failed' : 'completed',
    reused: false,
    config: config(candidate === 'threads=1' ? 1 : undefined, `optimizer · ${phase} · ${candidate}`),
    figures: ms === null ? null : figures(ms),
    fidelity: null,
    verdict: null,
    rejected,
  });
  const threads1 = config(1, 'optimizer · single · threads=1');
  return {
    study: 'study-model-1',
    model: '/models/mlp.onnx',
    objective: 'latency',
    goal: { objective: 'latency', maxError: 1e-3, timeBudgetMs: 600_000 },
    baseline: { runId: 'run-b', config: config(undefined, 'optimizer · baseline · baseline'), figures: figures(0.2), fidelity: null },
    trials: [
      trial('run-1', 'single', 'threads=1', 0.17),
      trial('run-2', 're-measure r1', 'baseline', 0.2),
      trial('run-3', 're-measure r1', 'threads=1', 0.18),
      trial('run-4', 're-measure r2', 'baseline', null, `failed: ${WORKER_CRASH}`),
      trial('run-5', 're-measure r2', 'threads=1', 0.17),
      trial('run-6', 're-measure r3', 'baseline', 0.21),
      trial('run-7', 're-measure r3', 'threads=1', 0.18),
    ],
    skipped: [],
    batchCurve: [],
    recommended: {
      candidate: 'threads=1',
      config: threads1,
      gainVsBaseline: { value: 1.176, ciLow: 0.97, ciHigh: 1.42, evidence: 'single-runs' },
      fidelity: null,
      runIds: ['run-1', 'run-3', 'run-5', 'run-7'],
      exports: { sessionOptions: { intraOpNumThreads: 1 }, python: '', node: '', cpp: '', perfTest: 'onnxruntime_perf_test -x 1 /models/mlp.onnx', benchCommand: 'npx dyno bench /models/mlp.onnx --threads 1' },
    },
    closest: null,
    attribution: [
      { factor: 'threads', level: 1, gain: 1.176, ciLow: 0.97, ciHigh: 1.42, runId: 'run-1' },
      { factor: 'combined', level: null, gain: 1.176, ciLow: 0.97, ciHigh: 1.42, runId: null, predicted: 1.176, interaction: false },
    ],
    stopped: { reason: 'completed', message: 'Every planned trial was measured.' },
    noCandidate: null,
    elapsedMs: 30_000,
  };
}

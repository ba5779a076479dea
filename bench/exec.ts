/**
 * `npm run bench:exec`: what Dyno adds per run of a short command, against a bare spawn loop.
 * For `true` (where overhead is all there is) and a 50 ms sleep, it alternates rounds of
 *   A) a Dyno run through the studio (command executor: process group, pipes read for metrics,
 *      /proc tree sampling, getrusage, samples to SQLite), per run = its measured wall ÷ runs,
 *   B) a bare loop in this process: spawn, wait for exit, RUNS times, per run = elapsed ÷ RUNS
 *      (the issue's reference: stdio ignored), and
 *   C) the same loop with stdout and stderr piped and read, as Dyno must read them, and
 *   D) a loop through Dyno's own launcher (launch.ts: posix_spawn into a new process group, no
 *      new session, pipes read, reaped on SIGCHLD): Node's spawn forks all of Node and, to give a
 *      group, starts a session (a new autogroup per run), which Dyno no longer does, so B and C
 *      can be slower than Dyno; A − D is what Dyno's bookkeeping adds to starting the process,
 * and reports the median of the paired differences (A − B, A − C, A − D) with their range. Target:
 * A − B ≤ 1 ms. Means over a round include every stall other processes cause, so it also
 * reports the difference of the per-run medians (all rounds pooled), which a loaded machine
 * moves less. ROUNDS (default 5) and RUNS (default 30) size it; telemetry is off on both sides.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStudio } from '../src/main/studio/create-studio';
import { createInProcessApi } from '../src/main/studio/in-process-api';
import { loadavg } from 'node:os';
import { execConfig, EXEC_DEFAULTS } from '../src/main/cli/exec-options';
import { quantileSorted, sortedCopy } from '../src/shared/stats';
import { launch } from '../src/main/executor/command/launch';

const ROUNDS = Math.max(1, Number(process.env.ROUNDS ?? 5));
const RUNS = Math.max(2, Number(process.env.RUNS ?? 30));
const TARGET_MS = 1;
const CASES: { name: string; argv: string[] }[] = [
  { name: 'true', argv: ['true'] },
  { name: 'sleep 0.05', argv: ['sleep', '0.05'] },
];

interface Loop {
  /** Elapsed ÷ runs: what the bench's target compares. */
  perRunMs: number;
  /** Each run's spawn-to-exit time. */
  runsMs: number[];
}

async function bareLoop(argv: string[], pipes: boolean): Promise<Loop> {
  const [program = '', ...args] = argv;
  const runsMs: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < RUNS; i++) {
    await new Promise<void>((resolve, reject) => {
      const t = performance.now();
      const child = spawn(program, args, { stdio: pipes ? ['ignore', 'pipe', 'pipe'] : 'ignore' });
      for (const stream of [child.stdout, child.stderr]) stream?.on('data', () => undefined);
      child.once('error', reject);
      child.once('exit', () => resolve(void runsMs.push(performance.now() - t)));
    });
  }
  return { perRunMs: (performance.now() - t0) / RUNS, runsMs };
}

/** D: Dyno's launcher alone, in the same loop. */
async function launcherLoop(argv: string[]): Promise<Loop> {
  const runsMs: number[] = [];
  const env = { ...process.env };
  const t0 = performance.now();
  for (let i = 0; i < RUNS; i++) {
    await new Promise<void>((resolve, reject) => {
      const t = performance.now();
      const child = launch({ argv, env }, { onExit: () => undefined, onClose: () => resolve(void runsMs.push(performance.now() - t)), onSpawnError: reject });
      for (const stream of [child.stdout, child.stderr]) stream?.on('data', () => undefined);
    });
  }
  return { perRunMs: (performance.now() - t0) / RUNS, runsMs };
}

const median = (xs: number[]): number => quantileSorted(sortedCopy(xs), 0.5);
const ms = (x: number): string => x.toFixed(2);
const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');

/** The median of paired differences with their range, as one phrase. */
function added(diffs: number[]): string {
  return `${ms(median(diffs))} ms (range ${ms(Math.min(...diffs))} to ${ms(Math.max(...diffs))})`;
}

const home = mkdtempSync(join(tmpdir(), 'dyno-bench-exec-'));
const handle = createStudio({ home, allowCommands: true });
const api = createInProcessApi(handle.studio);
try {
  process.stdout.write(`load average at the start: ${load()} (${ROUNDS} paired rounds of ${RUNS} runs per case)\n`);
  for (const c of CASES) {
    const config = execConfig(c.argv, { ...EXEC_DEFAULTS, runs: RUNS, maxRuns: RUNS, minDuration: 0, maxDuration: EXEC_DEFAULTS.maxDurationS, env: {}, metric: [], target: [], param: [], telemetry: false });
    const overBare: number[] = [];
    const overPipes: number[] = [];
    const overLauncher: number[] = [];
    const bare: number[] = [];
    const runs: Record<'bare' | 'pipes' | 'launcher' | 'dyno', number[]> = { bare: [], pipes: [], launcher: [], dyno: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const b = await bareLoop(c.argv, false);
      const { runId } = await api.call('runs.start', { config });
      const { run } = await api.call('runs.wait', { runId });
      if (run.status !== 'completed') throw new Error(`${c.name}: the Dyno run ended ${run.status}${run.status === 'failed' ? `: ${run.error}` : ''}`);
      const p = await bareLoop(c.argv, true);
      const l = await launcherLoop(c.argv);
      const dyno = run.stats.measuredWallMs / run.stats.count;
      bare.push(b.perRunMs);
      overBare.push(dyno - b.perRunMs);
      overPipes.push(dyno - p.perRunMs);
      overLauncher.push(dyno - l.perRunMs);
      runs.launcher.push(...l.runsMs);
      runs.bare.push(...b.runsMs);
      runs.pipes.push(...p.runsMs);
      runs.dyno.push(...(run.results.command?.runs ?? []).filter((r) => r.phase === 'measure').map((r) => r.wallMs));
      process.stderr.write(`${c.name} round ${round + 1}: bare ${ms(b.perRunMs)} ms, bare with pipes ${ms(p.perRunMs)} ms, Dyno's launcher alone ${ms(l.perRunMs)} ms, Dyno ${ms(dyno)} ms per run (of which measured wall ${ms(run.stats.meanMs)} ms); load ${load()}\n`);
    }
    const verdict = median(overBare) <= TARGET_MS ? 'within' : 'over';
    const perRun = (k: keyof typeof runs): string => ms(median(runs[k]));
    process.stdout.write(
      `${c.name.padEnd(11)} bare ${ms(median(bare))} ms per run; Dyno adds ${added(overBare)}: ${verdict} the ${TARGET_MS} ms target; over a bare loop with pipes read it adds ${added(overPipes)}; over its own launcher alone ${added(overLauncher)}\n` +
        `${''.padEnd(11)} per-run medians: bare ${perRun('bare')} ms, bare with pipes ${perRun('pipes')} ms, launcher ${perRun('launcher')} ms, Dyno ${perRun('dyno')} ms (Dyno − bare ${ms(median(runs.dyno) - median(runs.bare))} ms)\n`,
    );
  }
  process.stdout.write(`load average at the end: ${load()}\n`);
} finally {
  handle.close();
  rmSync(home, { recursive: true, force: true });
}

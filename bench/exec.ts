/**
 * `npm run bench:exec`: what Dyno adds per run of a short command, against a bare spawn loop.
 * For `true` (where overhead is all there is) and a 50 ms sleep, it alternates rounds of
 *   A) a Dyno run through the studio (command executor: process group, pipes read for metrics,
 *      /proc tree sampling, getrusage, samples to SQLite), per run = its measured wall ÷ runs,
 *   B) a bare loop in this process: spawn, wait for exit, RUNS times, per run = elapsed ÷ RUNS
 *      (the issue's reference: stdio ignored), and
 *   C) the same loop with stdout and stderr piped and read, as Dyno must read them (the fair
 *      reference for what Dyno itself adds),
 * and reports the median of the paired differences (A − B, A − C) with their range. Target:
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
    const bare: number[] = [];
    const runs: Record<'bare' | 'pipes' | 'dyno', number[]> = { bare: [], pipes: [], dyno: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const b = await bareLoop(c.argv, false);
      const { runId } = await api.call('runs.start', { config });
      const { run } = await api.call('runs.wait', { runId });
      if (run.status !== 'completed') throw new Error(`${c.name}: the Dyno run ended ${run.status}${run.status === 'failed' ? `: ${run.error}` : ''}`);
      const p = await bareLoop(c.argv, true);
      const dyno = run.stats.measuredWallMs / run.stats.count;
      bare.push(b.perRunMs);
      overBare.push(dyno - b.perRunMs);
      overPipes.push(dyno - p.perRunMs);
      runs.bare.push(...b.runsMs);
      runs.pipes.push(...p.runsMs);
      runs.dyno.push(...(run.results.command?.runs ?? []).filter((r) => r.phase === 'measure').map((r) => r.wallMs));
      process.stderr.write(`${c.name} round ${round + 1}: bare ${ms(b.perRunMs)} ms, bare with pipes ${ms(p.perRunMs)} ms, Dyno ${ms(dyno)} ms per run (of which measured wall ${ms(run.stats.meanMs)} ms); load ${load()}\n`);
    }
    const verdict = median(overBare) <= TARGET_MS ? 'within' : 'over';
    const perRun = (k: keyof typeof runs): string => ms(median(runs[k]));
    process.stdout.write(
      `${c.name.padEnd(11)} bare ${ms(median(bare))} ms per run; Dyno adds ${added(overBare)}: ${verdict} the ${TARGET_MS} ms target; over a bare loop with pipes read it adds ${added(overPipes)}\n` +
        `${''.padEnd(11)} per-run medians: bare ${perRun('bare')} ms, bare with pipes ${perRun('pipes')} ms, Dyno ${perRun('dyno')} ms (Dyno − bare ${ms(median(runs.dyno) - median(runs.bare))} ms)\n`,
    );
  }
  process.stdout.write(`load average at the end: ${load()}\n`);
} finally {
  handle.close();
  rmSync(home, { recursive: true, force: true });
}

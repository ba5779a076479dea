/**
 * `npm run bench:exec`: what Dyno adds per run of a short command, against a bare spawn loop.
 * For `true` (where overhead is all there is) and a 50 ms sleep, it alternates rounds of
 *   A) a Dyno run through the studio (command executor: process group, pipes read for metrics,
 *      /proc tree sampling, getrusage, samples to SQLite), per run = its measured wall ÷ runs, and
 *   B) a bare loop in this process: spawn, wait for exit, RUNS times, per run = elapsed ÷ RUNS,
 * and reports the median of the paired differences (A − B) with their range. Target: ≤ 1 ms.
 * ROUNDS (default 5) and RUNS (default 30) size it; telemetry is off on both sides.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStudio } from '../src/main/studio/create-studio';
import { createInProcessApi } from '../src/main/studio/in-process-api';
import { execConfig } from '../src/main/cli/exec-options';
import { EXEC_DEFAULTS } from '../src/main/cli/exec-options';

const ROUNDS = Math.max(1, Number(process.env.ROUNDS ?? 5));
const RUNS = Math.max(2, Number(process.env.RUNS ?? 30));
const TARGET_MS = 1;
const CASES: { name: string; argv: string[] }[] = [
  { name: 'true', argv: ['true'] },
  { name: 'sleep 0.05', argv: ['sleep', '0.05'] },
];

async function bareLoop(argv: string[]): Promise<number> {
  const [program = '', ...args] = argv;
  const t0 = performance.now();
  for (let i = 0; i < RUNS; i++) {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(program, args, { stdio: 'ignore' });
      child.once('error', reject);
      child.once('exit', () => resolve());
    });
  }
  return (performance.now() - t0) / RUNS;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

const home = mkdtempSync(join(tmpdir(), 'dyno-bench-exec-'));
const handle = createStudio({ home, allowCommands: true });
const api = createInProcessApi(handle.studio);
try {
  for (const c of CASES) {
    const config = execConfig(c.argv, { ...EXEC_DEFAULTS, runs: RUNS, maxRuns: RUNS, minDuration: 0, maxDuration: EXEC_DEFAULTS.maxDurationS, env: {}, metric: [], target: [], param: [], telemetry: false });
    const diffs: number[] = [];
    const bare: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const b = await bareLoop(c.argv);
      const { runId } = await api.call('runs.start', { config });
      const { run } = await api.call('runs.wait', { runId });
      if (run.status !== 'completed') throw new Error(`${c.name}: the Dyno run ended ${run.status}${run.status === 'failed' ? `: ${run.error}` : ''}`);
      const dyno = run.stats.measuredWallMs / run.stats.count;
      bare.push(b);
      diffs.push(dyno - b);
      process.stderr.write(`${c.name} round ${round + 1}: bare ${b.toFixed(2)} ms, Dyno ${dyno.toFixed(2)} ms per run (of which measured wall ${run.stats.meanMs.toFixed(2)} ms)\n`);
    }
    const added = median(diffs);
    const verdict = added <= TARGET_MS ? 'within' : 'over';
    process.stdout.write(
      `${c.name.padEnd(11)} bare ${median(bare).toFixed(2)} ms per run; Dyno adds ${added.toFixed(2)} ms (median of ${ROUNDS} paired rounds of ${RUNS} runs; range ${Math.min(...diffs).toFixed(2)} to ${Math.max(...diffs).toFixed(2)} ms): ${verdict} the ${TARGET_MS} ms target\n`,
    );
  }
} finally {
  handle.close();
  rmSync(home, { recursive: true, force: true });
}

/**
 * A command run in a few lines of text (`dyno exec`'s default output): wall time with its
 * spread, CPU time, peak memory of the process tree, each metric's final value across runs,
 * and the time to each target.
 */
import type { Run } from '../run';
import { formatBytes, formatMs, formatNumber } from '../format';
import type { Spread } from './results';

function spreadMs(s: Spread | null): string {
  return s ? `${formatMs(s.mean)} ± ${formatMs(s.std)}` : '—';
}

export function commandSummaryLines(run: Run): string[] {
  if (!('results' in run) || !run.results?.command || !('stats' in run) || !run.stats) return [];
  const { stats } = run;
  const c = run.results.command;
  const measured = c.runs.filter((r) => r.phase === 'measure');
  const warmups = c.runs.length - measured.length;
  const lines = [
    `${c.commandLine}: ${stats.count} runs${warmups > 0 ? ` after ${warmups} warm-up${warmups > 1 ? 's' : ''}` : ''}, ${(stats.measuredWallMs / 1000).toFixed(1)} s`,
    `  wall      ${formatMs(stats.meanMs)} ± ${formatMs(stats.stdMs)}   median ${formatMs(stats.percentiles.p50?.valueMs)}, min ${formatMs(stats.minMs)}, max ${formatMs(stats.maxMs)}`,
    `  cpu       user ${spreadMs(c.cpu.userMs)}, system ${spreadMs(c.cpu.sysMs)}`,
    `  memory    peak ${run.results.memory.peakRssBytes > 0 ? formatBytes(run.results.memory.peakRssBytes) : '— (runs too short to sample)'} (process tree)`,
  ];
  for (const m of c.metrics) if (m.final) lines.push(`  ${m.name.padEnd(9)} ${formatNumber(m.final.mean)} ± ${formatNumber(m.final.std)}   (final value; min ${formatNumber(m.final.min)}, max ${formatNumber(m.final.max)}, ${m.final.n} runs)`);
  for (const t of c.targets) {
    const joules = t.joules ? `, ${formatNumber(t.joules.median)} J` : '';
    lines.push(`  ${t.target}: ${t.seconds ? `reached after ${formatNumber(t.seconds.median)} s${joules} (median; ${t.reached} of ${t.runs} runs)` : `not reached in any of ${t.runs} runs`}`);
  }
  return lines;
}

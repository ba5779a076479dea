/**
 * Targets judged for every side of a comparison (`dyno compare --target`) and every run of a
 * report (`dyno report --target`): each run against each target, and one outcome per side —
 * fail when any of its runs fails any target, pass when every run passes every one, otherwise
 * not enough samples. Pure: the runs come as their versioned JSON.
 */
import type { RunJson } from '../run-json';
import { judgeTargets } from './judge';
import type { SideTargets, Target, TargetResult } from './schema';

/** fail beats not enough samples beats pass: one failed promise fails the whole. */
export function overallOutcome(results: readonly TargetResult[]): TargetResult['outcome'] {
  if (results.some((r) => r.outcome === 'fail')) return 'fail';
  return results.every((r) => r.outcome === 'pass') ? 'pass' : 'not enough samples';
}

export function judgeSides(sides: readonly { label: string; baseline: boolean; runs: readonly RunJson[] }[], targets: readonly Target[]): SideTargets[] {
  return sides.map((side) => {
    const runs = side.runs.map((r) => ({ runId: r.run.id, targets: judgeTargets(r, targets) }));
    return { label: side.label, baseline: side.baseline, outcome: overallOutcome(runs.flatMap((r) => r.targets)), runs };
  });
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** One line per side, then each run's judgements indented under it (several runs a side) or inline (one). */
export function sideTargetsText(sides: readonly SideTargets[]): string {
  const lines = ['targets:'];
  for (const s of sides) {
    lines.push(`  ${s.label}${s.baseline ? ' (baseline)' : ''}: ${s.outcome}`);
    for (const r of s.runs) for (const t of r.targets) lines.push(`    ${s.runs.length > 1 ? `${r.runId}: ` : ''}${t.sentence}`);
  }
  return lines.join('\n') + '\n';
}

/** A table for a pull request: one row per run and target. */
export function sideTargetsMarkdown(sides: readonly SideTargets[]): string {
  const rows = sides.flatMap((s) =>
    s.runs.flatMap((r) => r.targets.map((t) => `| ${cell(s.label)}${s.baseline ? ' (baseline)' : ''} | ${cell(r.runId)} | ${cell(t.text)} | ${t.outcome} | ${cell(t.sentence)} |`)),
  );
  return ['', '| side | run | target | outcome | judged from |', '| --- | --- | --- | --- | --- |', ...rows, ''].join('\n') + '\n';
}

/**
 * `dyno compare --target`: every run of every side (the baseline's included) judged against the
 * targets, from its versioned JSON — a stored run's as `dyno bench --json` would print it, a
 * file's as written — with the side named as the comparison names it.
 */
import { readFileSync } from 'node:fs';
import type { DynoApi } from '../../shared/contract';
import type { Comparison } from '../../shared/compare/schema';
import type { RunJson } from '../../shared/run-json';
import { readRunJson } from '../../shared/run-json-reader';
import { runToJson } from '../../shared/run-json-from-run';
import { judgeSides } from '../../shared/targets/sides';
import type { SideTargets, Target } from '../../shared/targets/schema';
import { appVersion } from '../studio/paths';
import { isFileRef, type Side } from './compare-refs';

async function runJsonsOf(api: DynoApi, side: Side): Promise<RunJson[]> {
  const out: RunJson[] = [];
  for (const ref of side) {
    if (isFileRef(ref)) out.push(...readRunJson(readFileSync(ref, 'utf8'), ref));
    else {
      const { run, warnings } = await api.call('runs.get', { runId: ref });
      out.push(runToJson(run, warnings, `dyno@${appVersion()}`));
    }
  }
  return out;
}

/** The side's name in the comparison: the entry whose runs include the side's first run. */
function labelOf(c: Comparison, runs: readonly RunJson[], baseline: boolean): string {
  if (baseline) return c.baselineLabel;
  const first = runs[0]?.run.id;
  return c.runs.find((r) => first !== undefined && r.runIds.includes(first))?.label ?? first ?? '?';
}

export async function compareTargets(api: DynoApi, c: Comparison, sides: readonly Side[], baselineIndex: number, targets: readonly Target[]): Promise<SideTargets[]> {
  const judged = [];
  for (const [i, side] of sides.entries()) {
    const runs = await runJsonsOf(api, side);
    judged.push({ label: labelOf(c, runs, i === baselineIndex), baseline: i === baselineIndex, runs });
  }
  return judgeSides(judged, targets);
}

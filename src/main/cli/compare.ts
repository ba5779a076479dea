/**
 * `dyno compare <ref>... [--baseline REF] [--threshold PCT] [--fail-if-slower PCT]
 * [--rerun --rounds N] [--target SPEC]... [--format text|json|markdown]`: a verdict per side
 * against the baseline (see shared/compare). A ref is a stored run id or a run JSON file; refs
 * joined by commas are one side of repeated runs. Exit 3 when a side's whole 95 % interval of
 * the median ratio lies beyond --fail-if-slower, or when a run of any side fails a --target.
 */
import type { Comparison } from '../../shared/compare/schema';
import { comparisonMarkdown, comparisonText } from '../../shared/compare/render';
import { sideTargetsMarkdown, sideTargetsText } from '../../shared/targets/sides';
import { createCliStudio } from './cli-studio';
import { createInProcessApi } from '../studio/in-process-api';
import { compareRefs, type Side } from './compare-refs';
import { CliError } from './errors';
import { cancelOnInterrupt } from './interrupt';
import { EXIT_REGRESSION, beyondLimit, regressionReason } from './exit-codes';
import { interleavedRounds } from './interleave';
import { outputFormat, type OutputFlags } from './output-options';
import { compareTargets } from './compare-targets';
import type { TargetFlags } from './targets';

export interface CompareFlags extends OutputFlags, TargetFlags {
  baseline?: string;
  /** Percent. */
  threshold: number;
  failIfSlower?: number;
  rerun?: boolean;
  rounds?: number;
}

import { DEFAULT_ROUNDS } from './command-options';
export { COMPARE_FORMATS, DEFAULT_ROUNDS } from './command-options';

const splitSide = (ref: string): Side => ref.split(',').map((s) => s.trim()).filter((s) => s.length > 0);

/** The sides named on the command line, and which is the baseline (`--baseline` may name one of them or add one). */
export function sidesOf(refs: readonly string[], baseline: string | undefined): { sides: Side[]; baselineIndex: number } {
  const sides = refs.map(splitSide).filter((s) => s.length > 0);
  if (baseline === undefined) return { sides, baselineIndex: 0 };
  const b = splitSide(baseline);
  const same = sides.findIndex((s) => s.join(',') === b.join(','));
  if (same >= 0) return { sides, baselineIndex: same };
  return { sides: [b, ...sides], baselineIndex: 0 };
}

/** The sides whose median is slower beyond the limit even at the interval's lower bound. */
export function regressions(c: Comparison, failIfSlowerPct: number): Comparison['runs'] {
  return c.runs.filter((r) => beyondLimit(r.ciLow, failIfSlowerPct));
}

/** "regression: median 41.2% slower than the baseline (limit 5%): at least 12.0% by the 95 % interval (run 1a2b3c4d)". */
export function regressionLine(r: Comparison['runs'][number], limitPct: number): string {
  return `${regressionReason(r.ratio, r.ciLow ?? 1, limitPct)} (${r.label})`;
}

function render(c: Comparison, format: string): string {
  if (format === 'json') return JSON.stringify(c, null, 2) + '\n';
  if (format === 'markdown') return comparisonMarkdown(c) + (c.targets ? sideTargetsMarkdown(c.targets) : '');
  return comparisonText(c) + (c.targets ? sideTargetsText(c.targets) : '');
}

export async function compare(refs: string[], o: CompareFlags): Promise<number> {
  const format = outputFormat(o);
  const { sides, baselineIndex } = sidesOf(refs, o.baseline);
  if (sides.length < 2) throw new CliError('Give at least two runs to compare (or one and --baseline).');
  if (o.rerun !== true && o.rounds !== undefined) throw new CliError('--rounds needs --rerun.');
  const handle = createCliStudio();
  const api = createInProcessApi(handle.studio);
  const { interrupt, release } = cancelOnInterrupt(api);
  try {
    let comparison: Comparison;
    let compared: readonly Side[] = sides;
    if (o.rerun === true) {
      const measured = await interleavedRounds(api, sides, o.rounds ?? DEFAULT_ROUNDS, interrupt, (line) => {
        if (format === 'text') process.stderr.write(line + '\n');
      });
      compared = measured.sides;
      comparison = { ...(await compareRefs(api, { sides: measured.sides, baselineIndex, threshold: o.threshold / 100, paired: true })), studyId: measured.studyId };
    } else {
      comparison = await compareRefs(api, { sides, baselineIndex, threshold: o.threshold / 100 });
    }
    if (o.target && o.target.length > 0) comparison = { ...comparison, targets: await compareTargets(api, comparison, compared, baselineIndex, o.target) };
    process.stdout.write(render(comparison, format));
    const failedTargets = (comparison.targets ?? []).filter((s) => s.outcome === 'fail');
    for (const s of failedTargets) process.stderr.write(`dyno: target failed: ${s.label}\n`);
    const limit = o.failIfSlower;
    const worse = limit === undefined ? [] : regressions(comparison, limit);
    for (const r of worse) process.stderr.write(`dyno: ${regressionLine(r, limit ?? 0)}\n`);
    return worse.length > 0 || failedTargets.length > 0 ? EXIT_REGRESSION : 0;
  } finally {
    release();
    handle.close();
  }
}

/**
 * `dyno compare <ref>... [--baseline REF] [--threshold PCT] [--fail-if-slower PCT]
 * [--rerun --rounds N] [--format text|json|markdown]`: a verdict per side against the
 * baseline (see shared/compare). A ref is a stored run id or a run JSON file; refs joined by
 * commas are one side of repeated runs. Exit 3 when a side's whole 95 % interval of the median
 * ratio lies beyond --fail-if-slower.
 */
import type { Comparison } from '../../shared/compare/schema';
import { comparisonMarkdown, comparisonText } from '../../shared/compare/render';
import { createCliStudio } from './cli-studio';
import { createInProcessApi } from '../studio/in-process-api';
import { compareRefs, type Side } from './compare-refs';
import { CliError } from './errors';
import { EXIT_REGRESSION, beyondLimit, regressionReason } from './exit-codes';
import { interleavedRounds, type Interrupt } from './interleave';
import { outputFormat, type OutputFlags } from './output-options';

export interface CompareFlags extends OutputFlags {
  baseline?: string;
  /** Percent. */
  threshold: number;
  failIfSlower?: number;
  rerun?: boolean;
  rounds?: number;
}

/** Rounds of --rerun when --rounds is not given. */
export const DEFAULT_ROUNDS = 5;

export const COMPARE_FORMATS = ['text', 'json', 'markdown'] as const;

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
  if (format === 'markdown') return comparisonMarkdown(c);
  return comparisonText(c);
}

export async function compare(refs: string[], o: CompareFlags): Promise<number> {
  const format = outputFormat(o);
  const { sides, baselineIndex } = sidesOf(refs, o.baseline);
  if (sides.length < 2) throw new CliError('Give at least two runs to compare (or one and --baseline).');
  if (o.rerun !== true && o.rounds !== undefined) throw new CliError('--rounds needs --rerun.');
  const handle = createCliStudio();
  const api = createInProcessApi(handle.studio);
  const interrupt: Interrupt = { asked: false };
  const onSigint = (): void => {
    interrupt.asked = true;
    if (interrupt.runId) void api.call('runs.cancel', { runId: interrupt.runId }).catch(() => undefined);
  };
  process.once('SIGINT', onSigint);
  try {
    let comparison: Comparison;
    if (o.rerun === true) {
      const measured = await interleavedRounds(api, sides, o.rounds ?? DEFAULT_ROUNDS, interrupt, (line) => {
        if (format === 'text') process.stderr.write(line + '\n');
      });
      comparison = { ...(await compareRefs(api, { sides: measured.sides, baselineIndex, threshold: o.threshold / 100, paired: true })), studyId: measured.studyId };
    } else {
      comparison = await compareRefs(api, { sides, baselineIndex, threshold: o.threshold / 100 });
    }
    process.stdout.write(render(comparison, format));
    if (o.failIfSlower === undefined) return 0;
    const limit = o.failIfSlower;
    const worse = regressions(comparison, limit);
    for (const r of worse) process.stderr.write(`dyno: ${regressionLine(r, limit)}\n`);
    return worse.length > 0 ? EXIT_REGRESSION : 0;
  } finally {
    process.off('SIGINT', onSigint);
    handle.close();
  }
}

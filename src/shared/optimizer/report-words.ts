/**
 * What the two optimizers' Markdown reports (a model study's, a command study's), their result
 * pages and the CLI's summary say alike: gains as ×, their intervals, table cells, and the
 * recommendation's opening — whether one was found, the gain it brings with its interval and,
 * where that gain is not established, why and what to do.
 */
import { plural } from '../format';
import { MIN_ROUNDS_TO_DECIDE } from '../compare/t-tests';

export const times = (g: number | null): string => (g === null || !Number.isFinite(g) ? '—' : `${g.toFixed(3)}×`);
export const ci = (low: number | null, high: number | null): string => (low === null || high === null ? 'no interval' : `95 % CI ${low.toFixed(3)}–${high.toFixed(3)}`);
/** Whether a gain's interval lies above 1: a gain the re-measurement established, not a point estimate. */
export const established = (low: number | null): boolean => low !== null && low > 1;
/**
 * Why a gain is not established, or null when it is. A gain without an interval is never said
 * to have one "including no gain": it has none at all (one round, or runs too short for one).
 */
export function notEstablishedWords(g: { ciLow: number | null; ciHigh: number | null }): string | null {
  if (established(g.ciLow)) return null;
  return g.ciLow === null || g.ciHigh === null ? 'not established: no interval (too few rounds or samples)' : 'not established: the interval includes no gain';
}
/** The re-measurement a recommended gain rests on, as far as it explains why the gain is not established. */
export interface RoundsWords {
  /** Re-measure rounds of the recommended candidate; 0: its one run, never measured again. */
  rounds: number;
  /** Where the time budget cut the re-measurement below MIN_ROUNDS_TO_DECIDE rounds: the rounds it left. */
  budgetLeft?: number | undefined;
  /** Re-measure runs of the recommended candidate or the baseline that failed: how many, and the first one. */
  failed?: { count: number; round: number | undefined; side: string; error: string | undefined } | undefined;
}

/** A trial as both kinds of study document keep it, as far as the words read it. */
export interface TrialWords {
  phase: string;
  candidate: string;
  status: string;
  rejected: string | null;
}

/** The longest error the advice quotes: a failure's first line, cut here (the trials table has it whole). */
const ERROR_CHARS = 160;

function brief(rejected: string | null): string | undefined {
  // The sentence goes on after it: a closing full stop would end it early.
  const line = rejected?.replace(/^failed:\s*/, '').split('\n')[0]?.trim().replace(/\.$/, '');
  if (!line) return undefined;
  return line.length > ERROR_CHARS ? `${line.slice(0, ERROR_CHARS - 1).trimEnd()}…` : line;
}

/**
 * The re-measure runs of the recommended candidate or of the baseline that failed (an error, a
 * crashed worker, a command that exited non-zero). Such a run is kept as a trial of phase
 * "re-measure r<round>" with status "failed" and `rejected` "failed: <error>", and is missing
 * from `recommended.runIds`, so the rounds look merely too few. Aborted runs are a cancel, which
 * `stopped` already says.
 */
function failedRemeasure(candidate: string, trials: readonly TrialWords[]): RoundsWords['failed'] {
  const failed = trials.filter((t) => t.phase.startsWith('re-measure') && t.status === 'failed' && (t.candidate === candidate || t.candidate === 'baseline'));
  const first = failed[0];
  if (!first) return undefined;
  const round = /\br(\d+)$/.exec(first.phase)?.[1];
  return { count: failed.length, round: round === undefined ? undefined : Number(round), side: first.candidate === 'baseline' ? 'the baseline' : candidate.split(' ').join(', '), error: brief(first.rejected) };
}

/** A study document's rounds for the words: the recommended runs after its first, the time budget's cut, and the re-measure runs that failed. */
export function roundsOf(r: {
  recommended: { candidate: string; runIds?: readonly string[] | undefined } | null;
  stopped?: { roundsLeft?: number | undefined } | undefined;
  trials?: readonly TrialWords[] | undefined;
}): RoundsWords | undefined {
  const rec = r.recommended;
  const ids = rec?.runIds;
  if (!rec || !ids || ids.length === 0) return undefined;
  const failed = failedRemeasure(rec.candidate, r.trials ?? []);
  return { rounds: ids.length - 1, budgetLeft: r.stopped?.roundsLeft, ...(failed ? { failed } : {}) };
}

/** A failed re-measure run in words: which round, which side, and its error, briefly. */
function failedWords(f: NonNullable<RoundsWords['failed']>): string {
  const what = f.count === 1 ? 'a re-measure run failed' : `${f.count} re-measure runs failed`;
  const where = [f.round === undefined ? undefined : `round ${f.round}`, f.side].filter((x) => x !== undefined).join(', ');
  return `${what} (${f.count === 1 ? '' : 'the first: '}${where}${f.error ? `: ${f.error}` : ''})`;
}

/**
 * What to do about a gain that is not established, from its cause: a re-measure run that failed
 * (its round is missing, which more rounds would not mend), the time budget left too few rounds,
 * or too few were asked for, where that is why (more rounds on a quieter machine would not have
 * helped); noise only where the rounds were enough to decide.
 */
function notEstablishedAdvice(g: { ciLow: number | null; ciHigh: number | null }, r: RoundsWords | undefined): string {
  if (r?.failed) return `${failedWords(r.failed)}: fix the failure and run the study again`;
  const needed = `${MIN_ROUNDS_TO_DECIDE} are needed to decide`;
  if (r?.budgetLeft !== undefined) return `the time budget left ${r.budgetLeft === 0 ? 'no rounds' : plural(r.budgetLeft, 'round')} for re-measuring (${needed}): give the search more time`;
  if (r && r.rounds < MIN_ROUNDS_TO_DECIDE) return `${r.rounds === 0 ? 'it was not re-measured' : `it was re-measured over only ${plural(r.rounds, 'round')}`} (${needed}): ask for more rounds`;
  return g.ciLow === null || g.ciHigh === null ? 'measure more rounds' : 're-measure on a quieter machine';
}

/**
 * The recommended change as one sentence, for both optimizers' result pages and reports:
 * the gain, its interval and evidence, and, when it is not established, why and what to do
 * (from `rounds`, where the study says them; see roundsOf). `strong` marks the candidate (bold in Markdown).
 */
export function recommendedChangeSentence(
  candidate: string,
  objective: string,
  g: { value: number; ciLow: number | null; ciHigh: number | null; evidence: string },
  strong: (s: string) => string = (s) => s,
  rounds?: RoundsWords,
): string {
  const head = `Change ${strong(candidate.split(' ').join(', '))}: ${objective} ${times(g.value)} better than the baseline (${ci(g.ciLow, g.ciHigh)}, ${g.evidence}).`;
  const not = notEstablishedWords(g);
  if (!not) return head;
  return `${head} The improvement is ${not}; ${notEstablishedAdvice(g, rounds)}.`;
}
/** The candidate that came closest to beating the baseline, and its gain as it last held (< 1 or not established). */
export interface ClosestWords {
  candidate: string;
  gain: number;
  ciLow: number | null;
  ciHigh: number | null;
  evidence: string;
  /** Paired rounds the gain rests on; 1: one un-repeated run. Absent in studies saved before it was kept. */
  rounds?: number | undefined;
  /** With one run: its measured iterations. */
  iterations?: number | null | undefined;
}

/** How the closest's figure was measured: re-measured over its rounds, or one run said to be one. */
function measuredHow(c: ClosestWords): string {
  if (c.rounds === undefined) return '';
  if (c.rounds >= 2) return `; re-measured over ${c.rounds} rounds`;
  const n = typeof c.iterations === 'number' ? ` of ${plural(c.iterations, 'iteration')}` : '';
  return `; a single un-repeated run${n}, not re-measured`;
}

/** "No change beat the defaults", with the best loser's figure when there is one. */
export function keepDefaultsSentence(defaults: string, closest: ClosestWords | null | undefined, objective: string): string {
  const head = `No change beat the defaults: keep ${defaults}.`;
  if (!closest) return head;
  // A gain is how many times better (baseline ÷ candidate for a latency): "gave 1.357× the
  // baseline's median latency" read as 36 % slower of a candidate that measured faster.
  const figure = closest.gain >= 1 || closest.gain <= 0 ? `${times(closest.gain)} better than` : `${times(1 / closest.gain)} worse than`;
  const not = closest.gain >= 1 ? `; ${notEstablishedWords(closest) ?? 'not established'}` : '';
  return `${head} The closest, ${closest.candidate}, was ${figure} the baseline on ${objective} (${ci(closest.ciLow, closest.ciHigh)}, ${closest.evidence}${measuredHow(closest)}${not}).`;
}
export const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The part of a study's JSON document the recommendation's opening reads (both kinds have it). */
export interface RecommendationWords {
  noCandidate: string | null;
  recommended: { candidate: string; gainVsBaseline: { value: number; ciLow: number | null; ciHigh: number | null; evidence: string }; runIds?: string[] | undefined } | null;
  closest?: ClosestWords | null | undefined;
  stopped?: { roundsLeft?: number | undefined } | undefined;
  trials?: readonly TrialWords[] | undefined;
}

/**
 * The recommendation's opening lines, pushed onto `out`: why none could be made, or `keepBaseline`
 * when no change beat the baseline. Returns true when a change is recommended (and said), so
 * the caller adds what is particular to its kind of study.
 */
export function recommendationOpening(out: string[], r: RecommendationWords, objective: string, keepBaseline: string): boolean {
  const rec = r.recommended;
  if (r.noCandidate) out.push(r.noCandidate, '');
  if (!rec) out.push('No configuration can be recommended.', '');
  else if (rec.candidate === 'baseline') out.push(keepBaseline, '');
  else {
    out.push(recommendedChangeSentence(rec.candidate, objective, rec.gainVsBaseline, (c) => `**${cell(c)}**`, roundsOf(r)), '');
    return true;
  }
  return false;
}

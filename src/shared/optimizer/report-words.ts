/**
 * What the two optimizers' Markdown reports (a model study's, a command study's) say alike:
 * gains as ×, their intervals, table cells, and the recommendation's opening — whether one
 * was found and the gain it brings with its interval.
 */
import { plural } from '../format';

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
/** The CLI's recommended line after the figure: its interval, its evidence, and whether it was established. */
export const gainSuffix = (g: { ciLow: number | null; ciHigh: number | null; evidence: string }): string => {
  const not = notEstablishedWords(g);
  return `(${ci(g.ciLow, g.ciHigh)}, ${g.evidence}${not ? `; ${not}` : ''})`;
};
/**
 * The recommended change as one sentence, for both optimizers' result pages and reports:
 * the gain, its interval and evidence, and, when it is not established, why and what to do.
 * `strong` marks the candidate (bold in Markdown).
 */
export function recommendedChangeSentence(candidate: string, objective: string, g: { value: number; ciLow: number | null; ciHigh: number | null; evidence: string }, strong: (s: string) => string = (s) => s): string {
  const head = `Change ${strong(candidate.split(' ').join(', '))}: ${objective} ${times(g.value)} better than the baseline (${ci(g.ciLow, g.ciHigh)}, ${g.evidence}).`;
  const not = notEstablishedWords(g);
  if (!not) return head;
  const advice = g.ciLow === null || g.ciHigh === null ? 'measure more rounds' : 're-measure on a quieter machine';
  return `${head} The improvement is ${not}; ${advice}.`;
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
  recommended: { candidate: string; gainVsBaseline: { value: number; ciLow: number | null; ciHigh: number | null; evidence: string } } | null;
  closest?: ClosestWords | null | undefined;
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
    out.push(recommendedChangeSentence(rec.candidate, objective, rec.gainVsBaseline, (c) => `**${cell(c)}**`), '');
    return true;
  }
  return false;
}

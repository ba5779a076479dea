/**
 * What the two optimizers' Markdown reports (a model study's, a command study's) say alike:
 * gains as ×, their intervals, table cells, and the recommendation's opening — whether one
 * was found and the gain it brings with its interval.
 */

export const times = (g: number | null): string => (g === null || !Number.isFinite(g) ? '—' : `${g.toFixed(3)}×`);
export const ci = (low: number | null, high: number | null): string => (low === null || high === null ? 'no interval' : `95 % CI ${low.toFixed(3)}–${high.toFixed(3)}`);
/** Whether a gain's interval lies above 1: a gain the re-measurement established, not a point estimate. */
export const established = (low: number | null): boolean => low !== null && low > 1;
/** The CLI's recommended line after the figure: its interval, its evidence, and whether it was established. */
export const gainSuffix = (g: { ciLow: number | null; ciHigh: number | null; evidence: string }): string =>
  `(${ci(g.ciLow, g.ciHigh)}, ${g.evidence}${established(g.ciLow) ? '' : g.ciLow === null ? '; not established: too few rounds for an interval — rerun with more --rounds' : '; not established: the interval includes no gain'})`;
/** The candidate that came closest to beating the baseline, and its gain as it last held (< 1 or not established). */
export interface ClosestWords {
  candidate: string;
  gain: number;
  ciLow: number | null;
  ciHigh: number | null;
  evidence: string;
}

/** "No change beat the defaults", with the best loser's figure when there is one. */
export function keepDefaultsSentence(defaults: string, closest: ClosestWords | null | undefined, objective: string): string {
  const head = `No change beat the defaults: keep ${defaults}.`;
  if (!closest) return head;
  return `${head} The closest, ${closest.candidate}, gave ${times(closest.gain)} the baseline's ${objective} (${ci(closest.ciLow, closest.ciHigh)}, ${closest.evidence}).`;
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
    const g = rec.gainVsBaseline;
    const sure = g.ciLow !== null && g.ciLow > 1;
    out.push(
      `Change **${cell(rec.candidate.split(' ').join(', '))}**: ${objective} ${times(g.value)} better than the baseline (${ci(g.ciLow, g.ciHigh)}, ${g.evidence}).` +
        (sure ? '' : ' The interval includes no gain: the improvement is not established on this machine; re-measure on a quieter one.'),
      '',
    );
    return true;
  }
  return false;
}

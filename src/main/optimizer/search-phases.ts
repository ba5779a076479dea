/**
 * The optimizer's search after the single changes, whatever the workload measures: the time
 * budget that keeps back what the re-measurement needs, the greedy coordinate descent seeded
 * by the changes that helped alone, the interleaved re-measurement of the finalists against
 * the baseline, and the pick among them (only a gain that held when measured again counts).
 * A model study and a command study differ in how a trial is measured and judged, which the
 * caller passes in; the decisions are the same and live here once.
 */
import { helpfulSingles, interacts, isEligible, topCandidates, type Gain } from '../../shared/optimizer/search';
import type { TrialFigures } from '../../shared/optimizer/search';
import { established } from '../../shared/optimizer/report-words';
import { MIN_ROUNDS_FOR_AN_INTERVAL, MIN_ROUNDS_TO_DECIDE } from '../../shared/compare/t-tests';
import { plural } from '../../shared/format';

export type SearchTrial<C> = Pick<TrialFigures, 'status' | 'score' | 'rejected' | 'runId' | 'key'> & { phase: string; candidate: C };
type Candidate = Partial<Record<string, unknown>>;

/** One factor's share of the recommended gain (a model study's factors or a command's). */
export interface Attribution<F extends string, L> {
  factor: F | 'combined';
  level?: L | undefined;
  gain: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  runId?: string | undefined;
  /** For the combined entry: the product of the factors' gains alone, and whether the measured gain departs from it. */
  predicted?: number;
  interaction?: boolean;
}

/** Why a search ended; `roundsLeft` where the time budget cut the re-measurement below MIN_ROUNDS_TO_DECIDE rounds. */
export interface Stopped {
  reason: 'completed' | 'time-budget' | 'cancelled';
  message: string;
  roundsLeft?: number;
}

/**
 * The time budget of a search: each trial's cost is estimated from the longest so far after the
 * baseline (see `measured`); a trial
 * runs only while the budget still holds it and what is kept back for the re-measurement.
 * Exploring comes first: while the search tries levels, only the least re-measurement that can
 * judge a winner is kept back (MIN_ROUNDS_TO_DECIDE rounds of the best candidate beside the
 * baseline, or the rounds asked for where fewer), and only once some candidate beat the baseline
 * (`ahead`); at the end the re-measurement takes as many finalists (up to `top`) and rounds (up
 * to `rounds`) as the time left holds. So a short budget is spent trying levels, not keeping
 * rounds for candidates that may never exist. Where the time left cannot hold that least
 * re-measurement (the first winner came late, or a trial outlasted the estimate), the rounds
 * that fit are run and `stopped` says they are too few for an interval that can decide.
 */
export class TrialBudget {
  /** The longest trial after the baseline; 0 until there is one. */
  private longestTrialMs = 0;
  /** The baseline's own time, which carries one-off costs (the first session, the reference outputs written). */
  private baselineMs = 0;
  outOfTime = false;
  cancelled = false;
  readonly notRun: string[] = [];
  /** Set by fitReMeasurement when the time left held fewer rounds than an interval needs: the rounds it left. */
  shortRounds: number | undefined;
  /** How many candidates beat the baseline so far; until the search says, `top`. */
  ahead: () => number = () => this.top;
  constructor(
    private readonly budgetMs: number,
    private readonly elapsed: () => number,
    public rounds: number,
    public top: number,
    private readonly shouldStop: () => boolean = () => false,
  ) {}

  /**
   * A trial took this long (or, reused, would have); `baseline` for the search's first run. The
   * baseline also writes the reference outputs and pays for the first session, costs no later
   * trial has, so it stands for a trial only until one has been measured: estimating from it
   * kept back too much and left levels untried under a short budget.
   */
  measured(ms: number, baseline = false): void {
    if (baseline) this.baselineMs = Math.max(this.baselineMs, ms);
    else this.longestTrialMs = Math.max(this.longestTrialMs, ms);
  }

  /** One trial's estimated cost: the longest trial after the baseline, or the baseline's own while none has run. */
  get estimateMs(): number {
    return this.longestTrialMs > 0 ? this.longestTrialMs : this.baselineMs;
  }

  /** The least rounds worth keeping: enough for an interval that can decide, or the rounds asked for where fewer. */
  private leastRounds(): number {
    return Math.min(this.rounds, MIN_ROUNDS_TO_DECIDE);
  }

  /** The re-measurement as planned now: `rounds` × (the finalists + the baseline). */
  remeasureMs(): number {
    const finalists = Math.min(this.top, this.ahead());
    return finalists > 0 && this.rounds >= MIN_ROUNDS_FOR_AN_INTERVAL ? this.rounds * (finalists + 1) * this.estimateMs : 0;
  }

  /** What exploring keeps back: the least rounds worth keeping of one finalist and the baseline, once there is a finalist. */
  reserve(): number {
    return Math.min(this.top, this.ahead()) > 0 && this.rounds >= MIN_ROUNDS_FOR_AN_INTERVAL ? this.leastRounds() * 2 * this.estimateMs : 0;
  }

  /**
   * Fewer finalists, then fewer rounds, until the re-measurement fits in the time left. Below
   * the least rounds worth keeping, the rounds that still fit are kept (none below the two an
   * interval needs at all) and noted in `shortRounds`, so the result says the interval is weak.
   */
  fitReMeasurement(): void {
    const least = this.leastRounds();
    while (this.top > 0 && this.rounds >= MIN_ROUNDS_FOR_AN_INTERVAL && this.remeasureMs() > 0 && this.elapsed() + this.remeasureMs() > this.budgetMs) {
      if (this.top > 1) this.top--;
      else this.rounds = this.rounds > MIN_ROUNDS_FOR_AN_INTERVAL ? this.rounds - 1 : 0;
    }
    if (this.ahead() > 0 && this.top > 0 && this.rounds < least) this.shortRounds = this.rounds;
  }

  /** The re-measurement cut below an interval that can decide, in one sentence; undefined when it was not. */
  shortRoundsSentence(): string | undefined {
    if (this.shortRounds === undefined) return undefined;
    const left = this.shortRounds === 0 ? 'no rounds' : plural(this.shortRounds, 'round');
    const rests = this.shortRounds === 0 ? 'rests on one run of each candidate' : 'has an interval too wide to rely on';
    return `The time budget left ${left} for re-measuring; not enough for an interval (${MIN_ROUNDS_TO_DECIDE} rounds needed), so the result ${rests}: give the search more time.`;
  }

  canRun(what: string): boolean {
    if (this.shouldStop()) this.cancelled = true;
    if (!this.cancelled && this.elapsed() + this.reserve() + this.estimateMs > this.budgetMs) this.outOfTime = true;
    if (this.outOfTime || this.cancelled) this.notRun.push(what);
    return !this.outOfTime && !this.cancelled;
  }

  /** Why the search ended, in a sentence (two where the re-measurement was cut short, with the rounds it left). */
  stopped(studyId: string, resumeCommand: string): Stopped {
    if (this.cancelled) return { reason: 'cancelled', message: `Cancelled: the trials measured so far are kept in study ${studyId} (resume with ${resumeCommand} --resume ${studyId}).` };
    const short = this.shortRoundsSentence();
    const withShort = (m: string): Stopped => ({ reason: 'time-budget', message: short ? `${m} ${short}` : m, ...(this.shortRounds !== undefined ? { roundsLeft: this.shortRounds } : {}) });
    if (this.outOfTime) {
      const n = this.notRun;
      return withShort(`The time budget ended after ${(this.elapsed() / 1000).toFixed(0)} s: ${plural(n.length, 'planned trial')} not run (${n.slice(0, 5).join(', ')}${n.length > 5 ? ', …' : ''}).`);
    }
    if (short) return withShort('Every planned trial was measured.');
    return { reason: 'completed', message: 'Every planned trial was measured.' };
  }
}

/** One factor's single changes, in the order to try them. */
export interface SinglePlan<C, T> {
  candidates: readonly C[];
  /** After each level's trial, whether the next is worth trying (an adaptive factor, e.g. batch, stops once it stops helping). */
  goOn?: (t: T) => boolean;
  /** Once the levels above are done: more levels chosen from what they measured (the batch's ×2 step between two ×4 levels), each seen by `after`. */
  refine?: () => readonly C[];
  after?: (t: T) => void;
}

/**
 * The stop rule of an ordered factor (its levels step further from the baseline one by one):
 * go on until two levels in a row lost to the baseline (or failed, or broke a constraint).
 */
export function untilTwoLose<T extends Pick<TrialFigures, 'status' | 'score' | 'rejected'>>(baselineScore: number): (t: T) => boolean {
  let losses = 0;
  return (t) => {
    losses = isEligible(t) && (t.score as number) < baselineScore ? 0 : losses + 1;
    return losses < 2;
  };
}

/** One change at a time against the baseline: every planned level of every factor, while the budget holds. */
export async function singleChanges<C extends Candidate, T extends SearchTrial<C>>(plans: readonly SinglePlan<C, T>[], keyOf: (c: C) => string, measure: (phase: string, c: C) => Promise<T>, budget: TrialBudget): Promise<void> {
  for (const plan of plans) {
    for (const c of plan.candidates) {
      if (!budget.canRun(keyOf(c))) break;
      const t = await measure('single', c);
      if (plan.goOn && !plan.goOn(t)) break;
    }
    for (const c of plan.refine?.() ?? []) {
      if (!budget.canRun(keyOf(c))) break;
      plan.after?.(await measure('single', c));
    }
  }
}

/**
 * Everything after the baseline, for both kinds of study: the single changes, the combination
 * grown from those that helped, then the re-measurement of the finalists, which are only the
 * candidates that beat the baseline (none: nothing is re-measured, and the baseline stands).
 * `trials` is the caller's list, which `measure` appends to.
 */
export async function searchFromBaseline<C extends Candidate, T extends SearchTrial<C>>(o: {
  plans: readonly SinglePlan<C, T>[];
  trials: readonly T[];
  baselineScore: number;
  keyOf: (c: C) => string;
  measure: (phase: string, c: C) => Promise<T>;
  budget: TrialBudget;
  onPhase?: ((phase: string) => void) | undefined;
  shouldStop: () => boolean;
}): Promise<{ finalists: T[]; remeasured: Remeasured }> {
  const { budget, trials, baselineScore } = o;
  budget.ahead = () => topCandidates(trials, budget.top, baselineScore).length;
  o.onPhase?.('one change at a time');
  await singleChanges(o.plans, o.keyOf, o.measure, budget);
  // Coordinate descent seeded by the singles: add each helpful factor at its best level, best first; keep it if the combination improves.
  // Announced before its first trial only: with fewer than two helpful factors nothing is combined.
  const kept = await combine(trials.filter((t) => t.phase === 'single'), baselineScore, o.keyOf, o.measure, budget, () => o.onPhase?.('combination'));
  // A combination kept is the best candidate measured, and it already beat each of its parts
  // head to head (every step beat the one before, the first beat every other single): the
  // runner-up would be one of those parts, so only the combination is re-measured.
  if (Object.keys(kept).length >= 2) budget.top = Math.min(budget.top, 1);
  // Re-measure the candidates that beat the baseline in interleaved rounds, so the winner is not a lucky sample.
  budget.fitReMeasurement();
  const finalists = topCandidates(trials, Math.max(budget.top, 0), baselineScore);
  if (finalists.length > 0 && budget.rounds >= MIN_ROUNDS_FOR_AN_INTERVAL && !budget.cancelled) o.onPhase?.('re-measure');
  const remeasured = await remeasure(finalists, o.measure, budget, o.shouldStop);
  return { finalists, remeasured };
}

/**
 * Coordinate descent seeded by the single changes: add each helpful factor at its best level,
 * best first; keep it when the combination improves. Returns the combination kept.
 */
export async function combine<C extends Candidate, T extends SearchTrial<C>>(
  singles: readonly T[],
  baselineScore: number,
  keyOf: (c: C) => string,
  measure: (phase: string, c: C) => Promise<T>,
  budget: TrialBudget,
  /** Called once, before the first combination is measured. */
  onFirstTrial?: () => void,
): Promise<C> {
  const seeds = helpfulSingles<string, unknown>(singles, baselineScore);
  let current = {} as C;
  let currentScore = baselineScore;
  let announced = false;
  for (const seed of seeds) {
    const next = { ...current, [seed.factor]: seed.level } as C;
    if (Object.keys(current).length === 0) {
      current = next;
      currentScore = seed.score;
      continue;
    }
    if (!budget.canRun(keyOf(next))) break;
    if (!announced) onFirstTrial?.();
    announced = true;
    const t = await measure('combine', next);
    if (t.status === 'completed' && t.rejected === undefined && t.score !== undefined && t.score < currentScore) {
      current = next;
      currentScore = t.score;
    }
  }
  return current;
}

/**
 * Each side's completed re-measure runs by key ('baseline' included), each by its round (1-based).
 * By round, not in a list: a failed run leaves its round out, and the two sides of a pair must
 * come from the same round (the drift the interleaving cancels is the round's), which positions
 * in two lists with different rounds missing do not give.
 */
export type Remeasured = Map<string, Map<number, string>>;

/**
 * The best candidates re-measured against the baseline in interleaved rounds (baseline, A, B,
 * baseline, A, B, …), so drift on the machine touches every side alike.
 */
export async function remeasure<C extends Candidate, T extends SearchTrial<C>>(
  finalists: readonly T[],
  measure: (phase: string, c: C) => Promise<T>,
  budget: TrialBudget,
  shouldStop: () => boolean,
): Promise<Remeasured> {
  const runs: Remeasured = new Map([['baseline', new Map()]]);
  if (finalists.length === 0 || budget.rounds < MIN_ROUNDS_FOR_AN_INTERVAL || budget.cancelled) return runs;
  const sides = [{ key: 'baseline', candidate: {} as C }, ...finalists.map((f) => ({ key: f.key, candidate: f.candidate }))];
  for (let round = 1; round <= budget.rounds; round++) {
    for (const side of sides) {
      if (shouldStop()) {
        budget.cancelled = true;
        return runs;
      }
      const t = await measure(`re-measure r${round}`, side.candidate);
      if (t.status === 'completed') runs.set(side.key, (runs.get(side.key) ?? new Map<number, string>()).set(round, t.runId));
    }
  }
  return runs;
}

/** A finalist's gain as judged, with how many paired rounds it rests on (1: its single run's verdict). */
export interface Judged<T, G> {
  trial: T;
  gain: G;
  /** Its re-measure runs in the rounds where the baseline has one too, in round order. */
  remeasuredRunIds: string[];
  rounds: number;
}

/**
 * Each finalist's gain as it held when re-measured: the paired verdict over the rounds where both
 * it and the baseline have a run, where there are two or more such rounds, else its single
 * verdict; a finalist without a verdict is left out. A round where either side failed is left
 * out of the pairs (its other run has nothing from the same round to be compared with).
 */
export async function judgeFinalists<T extends SearchTrial<unknown>, G extends Gain>(
  finalists: readonly T[],
  remeasured: Remeasured,
  paired: (baselineRuns: string[], candidateRuns: string[]) => Promise<G | null>,
  single: (t: T) => G | null,
): Promise<Judged<T, G>[]> {
  const baseRounds = remeasured.get('baseline') ?? new Map<number, string>();
  const judged: Judged<T, G>[] = [];
  for (const f of finalists) {
    const baseRuns: string[] = [];
    const ownRuns: string[] = [];
    // Rounds were added in order, so the pairs keep the rounds' order.
    for (const [round, runId] of remeasured.get(f.key) ?? new Map<number, string>()) {
      const b = baseRounds.get(round);
      if (b === undefined) continue;
      baseRuns.push(b);
      ownRuns.push(runId);
    }
    const p = ownRuns.length >= MIN_ROUNDS_FOR_AN_INTERVAL ? await paired(baseRuns, ownRuns) : null;
    const gain = p ?? single(f);
    if (gain) judged.push({ trial: f, gain, remeasuredRunIds: ownRuns, rounds: p ? ownRuns.length : 1 });
  }
  return judged;
}

/**
 * The recommendation among the judged finalists: the largest gain that held when re-measured; a
 * finalist that lost to the baseline when measured again was a lucky sample. An established
 * gain (interval above 1) is preferred to any that is not; where none is established, the best
 * point estimate is still named, and the outputs say it is not established.
 */
export function pickFrom<T, G extends Gain>(judged: readonly { trial: T; gain: G; remeasuredRunIds: string[] }[]): { trial: T; gain: G; remeasuredRunIds: string[] } | null {
  let best: { trial: T; gain: G; remeasuredRunIds: string[] } | null = null;
  for (const j of judged) {
    const { gain } = j;
    if (!(gain.gain > 1)) continue;
    // A gain whose interval lies above 1 beats any larger point estimate that is not established.
    const better = !best || (established(gain.ciLow) ? !established(best.gain.ciLow) || gain.gain > best.gain.gain : !established(best.gain.ciLow) && gain.gain > best.gain.gain);
    if (better) best = j;
  }
  return best;
}

/** judgeFinalists then pickFrom, for a caller that needs only the pick. */
export async function pickRecommended<T extends SearchTrial<unknown>, G extends Gain>(
  finalists: readonly T[],
  remeasured: Remeasured,
  paired: (baselineRuns: string[], candidateRuns: string[]) => Promise<G | null>,
  single: (t: T) => G | null,
): Promise<{ trial: T; gain: G; remeasuredRunIds: string[] } | null> {
  return pickFrom(await judgeFinalists(finalists, remeasured, paired, single));
}

/** The entry with the largest gain, or null. */
function largestGain<E extends { gain: Gain }>(entries: readonly E[]): E | null {
  let best: E | null = null;
  for (const e of entries) if (!best || e.gain.gain > best.gain.gain) best = e;
  return best;
}

/**
 * When the baseline stands: the candidate that came closest to beating it, so the outputs can
 * name it. A gain that was re-measured (paired over its rounds) outranks every single run's,
 * however large: a single run that measured near the baseline is as likely luck as a finalist
 * that did and then lost when measured again. Only where nothing was re-measured is the best
 * single run named, with `rounds: 1`, so the outputs say it is one un-repeated measurement.
 */
export function closestToBaseline<T extends SearchTrial<unknown>, G extends Gain>(judged: readonly Judged<T, G>[], trials: readonly T[], single: (t: T) => G | null): { trial: T; gain: G; rounds: number } | null {
  const remeasured = largestGain(judged.filter((j) => j.rounds >= MIN_ROUNDS_FOR_AN_INTERVAL));
  if (remeasured) return { trial: remeasured.trial, gain: remeasured.gain, rounds: remeasured.rounds };
  const singles: { trial: T; gain: G; rounds: number }[] = [];
  for (const t of trials) {
    if (t.key === 'baseline' || t.phase.startsWith('re-measure') || !isEligible(t)) continue;
    const g = single(t);
    if (g) singles.push({ trial: t, gain: g, rounds: 1 });
  }
  return largestGain(singles);
}

/**
 * Each factor's share of the recommended gain: what its level gave alone (the single trial's
 * verdict), then the combination as re-measured, with whether the gains alone predict it.
 * Nothing to attribute when the baseline is kept.
 */
export function attributionOf<F extends string, L, T extends SearchTrial<Partial<Record<F, L>>>>(
  recommended: { trial: T; gain: Gain } | null,
  trials: readonly T[],
  verdicts: Map<string, Gain | null>,
  keyOf: (c: Partial<Record<F, L>>) => string,
): Attribution<F, L>[] {
  const attribution: Attribution<F, L>[] = [];
  if (!recommended || recommended.trial.key === 'baseline') return attribution;
  const alone: Gain[] = [];
  for (const [factor, level] of Object.entries(recommended.trial.candidate) as [F, L][]) {
    const single = trials.find((t) => t.phase === 'single' && t.key === keyOf({ [factor]: level } as Partial<Record<F, L>>));
    const v = single ? (verdicts.get(single.runId) ?? null) : null;
    if (v) alone.push(v);
    attribution.push({ factor, level, gain: v?.gain ?? null, ciLow: v?.ciLow ?? null, ciHigh: v?.ciHigh ?? null, runId: single?.runId });
  }
  const combined = recommended.gain;
  attribution.push({ factor: 'combined', gain: combined.gain, ciLow: combined.ciLow, ciHigh: combined.ciHigh, ...interacts(alone, combined) });
  return attribution;
}

/**
 * The Pareto explorer's arithmetic, pure so a slider can re-rank the stored candidates on every
 * move with no re-run: the candidates of a study (a candidate measured several times, e.g. in
 * the re-measure rounds, stands at the median of its runs), which of them keep the limits the
 * sliders set (and, for each one that does not, why, with its numbers), the best eligible one
 * for the objective, and the Pareto front of the eligible ones over latency, throughput, energy
 * and output error.
 */
import { quantileSorted, sortedCopy } from '../stats';
import { OBJECTIVE_WORDS, higherIsBetter, type Objective } from './goal';
import type { OptimizeResult } from './study-state';

export interface ExplorerCandidate {
  key: string;
  /** The runs it stands for (the first one opens in Compare). */
  runIds: string[];
  /** A run failed and none completed: the reason. */
  failed: string | null;
  p50Ms: number | null;
  p99Ms: number | null;
  throughputPerS: number | null;
  energyPerInferenceMj: number | null;
  peakRssBytes: number | null;
  /** Largest absolute output difference from the FP32 baseline; 0 for the baseline itself, null when not compared. */
  maxAbsError: number | null;
}

/** What the sliders set; an absent limit keeps everything. */
export interface ExplorerLimits {
  latencyBudgetMs?: number | undefined;
  maxError?: number | undefined;
  memoryCapBytes?: number | undefined;
  minThroughputPerS?: number | undefined;
}

export interface RankedCandidate extends ExplorerCandidate {
  /** The objective's figure (ms, /s or mJ); null when the candidate cannot give it. */
  value: number | null;
  eligible: boolean;
  /** Why it is out, one entry per limit it breaks, with its numbers. */
  reasons: string[];
  /** On the Pareto front of the eligible candidates. */
  front: boolean;
}

export interface Ranking {
  /** Eligible first, best first by the objective; then the others in the order measured. */
  ranked: RankedCandidate[];
  best: RankedCandidate | undefined;
}

type Figures = Omit<ExplorerCandidate, 'key' | 'runIds' | 'failed'>;
const FIGURES: (keyof Figures)[] = ['p50Ms', 'p99Ms', 'throughputPerS', 'energyPerInferenceMj', 'peakRssBytes', 'maxAbsError'];

function medianOf(xs: (number | null)[]): number | null {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x));
  return v.length === 0 ? null : quantileSorted(sortedCopy(v), 0.5);
}

/** The study's candidates from its result: the baseline and every trial, grouped by candidate. */
export function explorerCandidates(r: Pick<OptimizeResult, 'baseline' | 'trials'>): ExplorerCandidate[] {
  const rows: { key: string; runId: string; failed: string | null; figures: Figures | null }[] = [];
  const figuresOf = (f: OptimizeResult['baseline']['figures'], maxAbsError: number | null): Figures | null =>
    f ? { p50Ms: f.p50Ms, p99Ms: f.p99Ms, throughputPerS: f.throughputPerS, energyPerInferenceMj: f.energyPerInferenceMj, peakRssBytes: f.peakRssBytes, maxAbsError } : null;
  rows.push({ key: 'baseline', runId: r.baseline.runId, failed: null, figures: figuresOf(r.baseline.figures, 0) });
  for (const t of r.trials) {
    const ok = t.status === 'completed' && t.figures !== null;
    rows.push({ key: t.candidate, runId: t.runId, failed: ok ? null : (t.rejected ?? t.status), figures: ok ? figuresOf(t.figures, t.candidate === 'baseline' ? 0 : (t.fidelity?.maxAbsError ?? null)) : null });
  }
  const byKey = new Map<string, typeof rows>();
  for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  return [...byKey].map(([key, group]) => {
    const measured = group.flatMap((g) => (g.figures ? [g.figures] : []));
    const figures = Object.fromEntries(FIGURES.map((f) => [f, medianOf(measured.map((m) => m[f]))])) as Figures;
    return { key, runIds: group.filter((g) => g.runId !== '').map((g) => g.runId), failed: measured.length === 0 ? (group[0]?.failed ?? 'not measured') : null, ...figures };
  });
}

export function objectiveFigure(c: Figures, objective: Objective): number | null {
  switch (objective) {
    case 'latency':
      return c.p50Ms;
    case 'p99':
      return c.p99Ms;
    case 'throughput':
      return c.throughputPerS;
    case 'energy':
      return c.energyPerInferenceMj;
  }
}

const ms = (x: number): string => `${x.toPrecision(3)} ms`;
const mib = (x: number): string => `${(x / 2 ** 20).toFixed(1)} MiB`;

/** The limits a candidate breaks, in words with its figure and the limit. The latency budget is on the p99 for the p99 objective, on the p50 otherwise (as the optimizer's own). */
export function limitReasons(c: ExplorerCandidate, objective: Objective, limits: ExplorerLimits): string[] {
  if (c.failed !== null) return [`failed: ${c.failed}`];
  const out: string[] = [];
  if (objectiveFigure(c, objective) === null) out.push(`no ${OBJECTIVE_WORDS[objective]} figure`);
  const latency = objective === 'p99' ? c.p99Ms : c.p50Ms;
  const which = objective === 'p99' ? 'p99' : 'p50';
  if (limits.latencyBudgetMs !== undefined && latency !== null && latency > limits.latencyBudgetMs) out.push(`${which} ${ms(latency)} is over the latency budget ${ms(limits.latencyBudgetMs)}`);
  if (limits.maxError !== undefined) {
    if (c.maxAbsError === null) out.push('its outputs were not compared with the baseline');
    else if (c.maxAbsError > limits.maxError) out.push(`max output error ${c.maxAbsError.toExponential(2)} is over ${limits.maxError.toExponential(2)}`);
  }
  if (limits.memoryCapBytes !== undefined && c.peakRssBytes !== null && c.peakRssBytes > limits.memoryCapBytes) out.push(`peak memory ${mib(c.peakRssBytes)} is over the cap ${mib(limits.memoryCapBytes)}`);
  if (limits.minThroughputPerS !== undefined && (c.throughputPerS === null || c.throughputPerS < limits.minThroughputPerS)) {
    out.push(`throughput ${c.throughputPerS === null ? 'unknown' : `${c.throughputPerS.toPrecision(4)}/s`} is under the minimum ${limits.minThroughputPerS.toPrecision(4)}/s`);
  }
  return out;
}

/** Lower is better on every axis: latency, energy, error; throughput enters negated. */
function axes(c: ExplorerCandidate): (number | null)[] {
  return [c.p50Ms, c.throughputPerS === null ? null : -c.throughputPerS, c.energyPerInferenceMj, c.maxAbsError];
}

/** a dominates b: no worse on every axis both have, better on one. */
export function dominates(a: ExplorerCandidate, b: ExplorerCandidate): boolean {
  const xa = axes(a);
  const xb = axes(b);
  let better = false;
  for (let i = 0; i < xa.length; i++) {
    const p = xa[i];
    const q = xb[i];
    if (p === null || p === undefined || q === null || q === undefined) continue;
    if (p > q) return false;
    if (p < q) better = true;
  }
  return better;
}

export function rerank(candidates: readonly ExplorerCandidate[], objective: Objective, limits: ExplorerLimits): Ranking {
  const judged = candidates.map((c) => {
    const reasons = limitReasons(c, objective, limits);
    return { ...c, value: objectiveFigure(c, objective), eligible: reasons.length === 0, reasons, front: false };
  });
  const eligible = judged.filter((c) => c.eligible);
  for (const c of eligible) c.front = !eligible.some((o) => o !== c && dominates(o, c));
  const sign = higherIsBetter(objective) ? -1 : 1;
  const sorted = [...eligible].sort((a, b) => sign * ((a.value as number) - (b.value as number)));
  const ranked = [...sorted, ...judged.filter((c) => !c.eligible)];
  return { ranked, best: sorted[0] };
}

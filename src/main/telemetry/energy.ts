/**
 * Energy arithmetic (Zeus's approach): prefer a hardware energy counter; otherwise integrate
 * sampled power with the trapezoid rule. Report per inference and per joule, and subtract an
 * idle baseline measured before the run to show what the model itself cost.
 */
export interface PowerPoint {
  tMs: number;
  watts: number;
}

/** ∫ P dt by the trapezoid rule, in joules; gaps between samples are bridged linearly. */
export function trapezoidJ(points: readonly PowerPoint[]): number {
  let joules = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as PowerPoint;
    const b = points[i] as PowerPoint;
    joules += ((a.watts + b.watts) / 2) * ((b.tMs - a.tMs) / 1000);
  }
  return joules;
}

/** Power at tMs on the piecewise-linear trace through sorted points, held flat beyond its ends. */
export function powerAt(points: readonly PowerPoint[], tMs: number): number {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return Number.NaN;
  if (tMs <= first.tMs) return first.watts;
  if (tMs >= last.tMs) return last.watts;
  let lo = 0;
  let hi = points.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((points[mid] as PowerPoint).tMs <= tMs) lo = mid;
    else hi = mid;
  }
  const a = points[lo] as PowerPoint;
  const b = points[hi] as PowerPoint;
  return b.tMs === a.tMs ? b.watts : a.watts + ((b.watts - a.watts) * (tMs - a.tMs)) / (b.tMs - a.tMs);
}

/** The instants at which a trace over [fromMs, toMs] can change slope: the window's ends and every sample inside. */
export function breakpoints(traces: readonly (readonly PowerPoint[])[], fromMs: number, toMs: number): number[] {
  const ts = new Set<number>([fromMs, toMs]);
  for (const points of traces) for (const p of points) if (p.tMs > fromMs && p.tMs < toMs) ts.add(p.tMs);
  return [...ts].sort((a, b) => a - b);
}

/**
 * ∫ P dt over [fromMs, toMs] of the piecewise-linear trace (powerAt), in joules: the trapezoid
 * rule over the window, with the edges interpolated rather than dropped.
 */
export function windowJ(points: readonly PowerPoint[], fromMs: number, toMs: number): number {
  return trapezoidJ(breakpoints([points], fromMs, toMs).map((tMs) => ({ tMs, watts: powerAt(points, tMs) })));
}

export interface EnergyFigures {
  totalJ: number;
  averageW: number;
  peakW: number | null;
  /** Average power before the run started, when measured. */
  idleW: number | null;
  /** totalJ minus what the idle baseline would have used over the same time. */
  netJ: number | null;
  perInferenceMj: number;
  /** netJ per inference: what the model itself cost. */
  netPerInferenceMj: number | null;
  inferencesPerJ: number;
}

export function energyFigures(opts: { totalJ: number; durationMs: number; inferences: number; peakW?: number | null; idleW?: number | null }): EnergyFigures {
  const seconds = opts.durationMs / 1000;
  const idleW = opts.idleW ?? null;
  const netJ = idleW === null ? null : Math.max(0, opts.totalJ - idleW * seconds);
  return {
    totalJ: opts.totalJ,
    averageW: seconds > 0 ? opts.totalJ / seconds : 0,
    peakW: opts.peakW ?? null,
    idleW,
    netJ,
    perInferenceMj: opts.inferences > 0 ? (opts.totalJ / opts.inferences) * 1000 : 0,
    netPerInferenceMj: netJ === null || opts.inferences <= 0 ? null : (netJ / opts.inferences) * 1000,
    inferencesPerJ: opts.totalJ > 0 ? opts.inferences / opts.totalJ : 0,
  };
}

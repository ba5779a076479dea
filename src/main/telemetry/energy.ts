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

export interface EnergyFigures {
  totalJ: number;
  averageW: number;
  peakW: number | null;
  /** Average power before the run started, when measured. */
  idleW: number | null;
  /** totalJ minus what the idle baseline would have used over the same time. */
  netJ: number | null;
  perInferenceMj: number;
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
    inferencesPerJ: opts.totalJ > 0 ? opts.inferences / opts.totalJ : 0,
  };
}

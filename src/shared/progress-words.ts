/**
 * The words a running benchmark's progress is told in, shared by the studio's live line and
 * `dyno bench`'s bar so the two say the same: the phase, and the count of that phase's samples
 * ("warm-up · 5 iterations", "measuring · 1 run").
 */
import type { Progress } from './contract';
import { sampleCount, type WorkloadKind } from './warnings';

export const PHASE_WORDS: Record<Progress['phase'], string> = { starting: 'starting', warmup: 'warm-up', measure: 'measuring' };

/** The samples done in the phase the run is in: its warm-up iterations while it warms up (none are measured yet), then its measured ones. */
export function phaseCount(p: Pick<Progress, 'phase' | 'warmupDone' | 'measuredDone'>, workload: WorkloadKind): string {
  return sampleCount(p.phase === 'warmup' ? p.warmupDone : p.measuredDone, workload);
}

/**
 * A profiled pass's kernel time in words. The pass runs after the measured loop, in its own
 * session with ORT's profiler on (which slows every iteration), so its kernel time is set beside
 * that pass's own mean per iteration, never the run's: beside the run's mean it could exceed it.
 */
import { formatMs } from './format';

export interface ProfilePassFigures {
  kernelMsPerIteration: number;
  /** Mean wall time per iteration of the profiling pass; undefined for runs stored before it was recorded. */
  passMeanMs?: number | undefined;
  iterations?: number | undefined;
}

export function profilePassSentence(p: ProfilePassFigures): string {
  const what = p.iterations === undefined ? 'profiling pass (apart from the measured run)' : `profiling pass (${p.iterations} iterations, apart from the measured run)`;
  if (p.passMeanMs === undefined || p.passMeanMs <= 0) return `${what}: ${formatMs(p.kernelMsPerIteration)} in kernels per iteration`;
  const pct = Math.round((100 * p.kernelMsPerIteration) / p.passMeanMs);
  return `${what}: mean ${formatMs(p.passMeanMs)} per iteration, ${formatMs(p.kernelMsPerIteration)} of it in kernels (${pct} %)`;
}

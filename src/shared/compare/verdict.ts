/**
 * From an interval of a ratio (this side ÷ baseline) to a verdict, with the practical
 * threshold t: a difference wholly beyond ×/÷ (1 + t) in the better direction is "faster", in
 * the worse "slower"; an interval wholly inside [1/(1 + t), 1 + t] is "no meaningful
 * difference" (a real but tiny change included); anything that straddles a bound is
 * "inconclusive". Symmetric in logarithms, so swapping the two sides swaps faster and slower.
 * For throughput and energy, "faster" means better and "slower" worse.
 */
import type { CompareVerdict } from './schema';

export function judgeInterval(low: number, high: number, threshold: number, lowerIsBetter: boolean): Exclude<CompareVerdict, 'not enough samples'> {
  const up = 1 + threshold;
  const down = 1 / up;
  if (low > up) return lowerIsBetter ? 'slower' : 'faster';
  if (high < down) return lowerIsBetter ? 'faster' : 'slower';
  if (low >= down && high <= up) return 'no meaningful difference';
  return 'inconclusive';
}

const x2 = (v: number): string => v.toFixed(2);

/**
 * "B is 1.23× faster than A (95 % CI 1.19–1.27)" for median latency; "B's p99 latency is
 * 1.10× higher than A's (95 % CI …)" for the other figures. The interval is given as factors
 * in the sentence's own direction.
 */
export function ratioSentence(
  who: string,
  baseline: string,
  metric: { key: string; label: string; lowerIsBetter: boolean },
  ratio: number,
  ci: { low: number; high: number } | null,
): string {
  const up = ratio >= 1;
  const factor = up ? ratio : 1 / ratio;
  const interval = ci ? ` (95 % CI ${x2(up ? ci.low : 1 / ci.high)}–${x2(up ? ci.high : 1 / ci.low)})` : ' (no interval)';
  if (metric.key === 'median') return `${who} is ${x2(factor)}× ${up ? 'slower' : 'faster'} than ${baseline}${interval}`;
  return `${who}'s ${metric.label} is ${x2(factor)}× ${up ? 'higher' : 'lower'} than ${baseline}'s${interval}`;
}

/**
 * A comparison names each run once. A run on two sides would be compared with itself (a ratio of
 * exactly 1 that says nothing about any change), and a run named twice on one side would count
 * as two repeats. The comparison refuses it (compare-sides.ts: the host's `runs.compare`, and
 * `dyno compare` through it or from files), and so do the studio's addresses (#/compare/…,
 * dyno:// links), in these words. `dyno compare --rerun A A` (an A/A test) is not refused: it
 * compares runs measured afresh.
 */

/** The first run id named more than once, if any. */
export function runNamedTwice(ids: Iterable<string>): string | undefined {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) return id;
    seen.add(id);
  }
  return undefined;
}

/** Why such a comparison is refused, as a clause: "run <id> is named twice, and a run cannot be compared with itself". */
export function namedTwiceReason(id: string): string {
  return `run ${id} is named twice, and a run cannot be compared with itself`;
}

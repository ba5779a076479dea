/**
 * The notices the studio gives when it opens its store (shown by the app and the CLI), worded
 * here apart from createStudio so their words can be checked without opening a store.
 */
import { agree, plural } from '../../shared/format';

/** Runs a stopped Dyno left running, now marked interrupted. */
export function orphansNotice(runs: number): string {
  return `${plural(runs, 'run')} ${agree(runs, 'was', 'were')} still in progress when Dyno last stopped; ${agree(runs, 'it is', 'they are')} marked interrupted, with ${agree(runs, 'its', 'their')} samples kept.`;
}

/** Runs the bin's setting purged on opening: deleted more than `days` days ago. */
export function purgedNotice(runs: number, days: number): string {
  return `${plural(runs, 'run')} deleted more than ${plural(days, 'day')} ago ${agree(runs, 'was', 'were')} purged from the bin (its setting, in Sessions).`;
}

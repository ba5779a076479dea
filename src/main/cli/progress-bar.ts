/**
 * `dyno bench`'s progress bar on a terminal: the phase, how far the stop rule is, the iterations
 * done in that phase and the seconds measured, from the run's progress events (progress-events.ts),
 * in the studio's live line's words (shared/progress-words.ts).
 */
import { SingleBar, Presets } from 'cli-progress';
import type { DynoApi, Progress } from '../../shared/contract';
import { PHASE_WORDS, phaseCount } from '../../shared/progress-words';

/**
 * The bar redraws at most once a second (cli-progress's timer; its default is 10 a second), from
 * progress events that come once a second: every redraw is a write the terminal then renders,
 * on the cores the run measures.
 */
const BAR_FPS = 1;

/** The bar's line, with {bar} and {percentage} filled by cli-progress. */
export const BAR_FORMAT = ' {phase} |{bar}| {percentage}% | {count} | {elapsed}s';

/** Longest phase word, so the bar does not move when the phase changes. */
const PHASE_WIDTH = Math.max(...Object.values(PHASE_WORDS).map((w) => w.length));

/** The fields BAR_FORMAT names, for one progress event: "measuring", "1 iteration", "2.5" (padded to one width). */
export function barFields(p: Progress): { phase: string; count: string; elapsed: string } {
  return { phase: PHASE_WORDS[p.phase].padEnd(PHASE_WIDTH), count: phaseCount(p, 'model'), elapsed: (p.elapsedMs / 1000).toFixed(1) };
}

/** Answers how to stop the bar: `completed` fills it (its last progress can be up to a second old). */
export function progressBar(api: DynoApi, runId: () => string | undefined): (completed?: boolean) => void {
  const bar = new SingleBar({ format: BAR_FORMAT, stream: process.stderr, hideCursor: true, fps: BAR_FPS }, Presets.shades_classic);
  let started = false;
  const off = api.onEvent((e) => {
    if (e.type !== 'run.progress' || e.runId !== runId()) return;
    const payload = barFields(e.progress);
    if (!started) {
      bar.start(1000, 0, payload);
      started = true;
    }
    bar.update(Math.round(e.progress.fraction * 1000), payload);
  });
  return (completed = false) => {
    off();
    if (!started) return;
    if (completed) bar.update(1000);
    bar.stop();
    started = false;
  };
}

/**
 * What a command run streams while it goes (the `run.output` and `run.metrics` events): its
 * output in bounded chunks, and the metric values read from it, each tagged with the run
 * (warm-up or measured, and its index) it came from.
 */
import { z } from 'zod';
import { MetricPointSchema } from './results';

const RunTagSchema = { phase: z.enum(['warmup', 'measure']), i: z.number().int().nonnegative() };

export const CommandOutputSchema = z.object({
  ...RunTagSchema,
  stream: z.enum(['stdout', 'stderr']),
  text: z.string(),
  /** Characters left out of this chunk because the program printed faster than is worth streaming. */
  dropped: z.number().int().nonnegative(),
});
export type CommandOutput = z.infer<typeof CommandOutputSchema>;

export const CommandMetricsSchema = z.object({ ...RunTagSchema, points: z.array(MetricPointSchema) });
export type CommandMetrics = z.infer<typeof CommandMetricsSchema>;

/**
 * What the studio keeps of each stream while a run goes, and so the most a live output event
 * carries: one event's text fills the page's whole tail, so what it shows is contiguous.
 */
export const LIVE_TAIL_CHARS = 16 * 1024;

/**
 * The end of `text`, at most `maxChars`, starting at a line's start where the end holds one (a
 * tail that opens mid-line reads as garbage), and how many characters were cut off before it.
 * One line longer than `maxChars` is cut mid-line: its end is what there is to show.
 */
export function keepTail(text: string, maxChars: number): { text: string; cut: number } {
  if (text.length <= maxChars) return { text, cut: 0 };
  let from = text.length - maxChars;
  if (text[from - 1] !== '\n') {
    const nl = text.indexOf('\n', from);
    if (nl >= 0 && nl + 1 < text.length) from = nl + 1;
  }
  return { text: text.slice(from), cut: from };
}

/** Two output chunks of one stream as one (`later` after `earlier`), within `maxChars`: its tag is the later one's. */
export function joinOutput(earlier: CommandOutput, later: CommandOutput, maxChars = LIVE_TAIL_CHARS): CommandOutput {
  const kept = keepTail(earlier.text + later.text, maxChars);
  return { ...later, text: kept.text, dropped: earlier.dropped + later.dropped + kept.cut };
}

/**
 * A run's output and metrics on their way to the studio, held and sent together at most every
 * `intervalMs`: a program printing thousands of lines a second must not become thousands of
 * events. Per stream only the last `maxChars` of a window are sent (the count of the rest goes
 * with it); metric points are all sent (a program prints far fewer of those).
 */
import type { MetricPoint } from '../../../shared/command/results';
import type { ExecutorHandlers } from '../executor';
import type { OutputStream } from './run-once';

export const LIVE_OUTPUT_INTERVAL_MS = 250;
export const LIVE_OUTPUT_MAX_CHARS = 8 * 1024;

export class LiveOutput {
  private phase: 'warmup' | 'measure' = 'warmup';
  private i = 0;
  private held: Record<OutputStream, { text: string; dropped: number }> = { stdout: { text: '', dropped: 0 }, stderr: { text: '', dropped: 0 } };
  private points: MetricPoint[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly handlers: Pick<ExecutorHandlers, 'onOutput' | 'onMetrics'>,
    private readonly intervalMs = LIVE_OUTPUT_INTERVAL_MS,
    private readonly maxChars = LIVE_OUTPUT_MAX_CHARS,
  ) {}

  runStarted(phase: 'warmup' | 'measure', i: number): void {
    this.flush();
    this.phase = phase;
    this.i = i;
  }

  output(stream: OutputStream, text: string): void {
    if (!this.handlers.onOutput) return;
    const h = this.held[stream];
    const joined = h.text + text;
    h.dropped += Math.max(0, joined.length - this.maxChars);
    h.text = joined.slice(-this.maxChars);
    this.schedule();
  }

  metric(p: MetricPoint): void {
    if (!this.handlers.onMetrics) return;
    this.points.push(p);
    this.schedule();
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const tag = { phase: this.phase, i: this.i };
    for (const stream of ['stdout', 'stderr'] as const) {
      const h = this.held[stream];
      if (h.text.length > 0 || h.dropped > 0) this.handlers.onOutput?.({ ...tag, stream, text: h.text, dropped: h.dropped });
      this.held[stream] = { text: '', dropped: 0 };
    }
    if (this.points.length > 0) this.handlers.onMetrics?.({ ...tag, points: this.points });
    this.points = [];
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }
}

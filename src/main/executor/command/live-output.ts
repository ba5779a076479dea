/**
 * A run's output and metrics on their way to the studio, held and sent together at most every
 * `intervalMs`, across runs: a program printing thousands of lines a second, or a short one run
 * hundreds of times a second, must not become thousands of events. Per stream only the last
 * `maxChars` of a window are held (cut at a line's start, the count of the rest sent with it):
 * memory stays bounded, and a window's text is contiguous, so the studio's tail loses no line
 * inside it. A size trigger would let a flood set the event rate; the bound on what is held
 * makes it unnecessary. Metric points are all sent, grouped by the run they came from (a new run
 * starts a new live series); a program prints far fewer of those.
 */
import { joinOutput, LIVE_TAIL_CHARS, type CommandMetrics, type CommandOutput } from '../../../shared/command/live';
import type { MetricPoint } from '../../../shared/command/results';
import type { ExecutorHandlers } from '../executor';
import type { OutputStream } from './run-once';

export const LIVE_OUTPUT_INTERVAL_MS = 250;

export class LiveOutput {
  private tag: { phase: 'warmup' | 'measure'; i: number } = { phase: 'warmup', i: 0 };
  private held: Partial<Record<OutputStream, CommandOutput>> = {};
  private metrics: CommandMetrics[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly handlers: Pick<ExecutorHandlers, 'onOutput' | 'onMetrics'>,
    private readonly intervalMs = LIVE_OUTPUT_INTERVAL_MS,
    private readonly maxChars = LIVE_TAIL_CHARS,
  ) {}

  runStarted(phase: 'warmup' | 'measure', i: number): void {
    this.tag = { phase, i };
  }

  output(stream: OutputStream, text: string): void {
    if (!this.handlers.onOutput) return;
    const next: CommandOutput = { ...this.tag, stream, text, dropped: 0 };
    const held = this.held[stream];
    this.held[stream] = joinOutput(held ?? { ...next, text: '' }, next, this.maxChars);
    this.schedule();
  }

  metric(p: MetricPoint): void {
    if (!this.handlers.onMetrics) return;
    const last = this.metrics.at(-1);
    if (last && last.phase === this.tag.phase && last.i === this.tag.i) last.points.push(p);
    else this.metrics.push({ ...this.tag, points: [p] });
    this.schedule();
  }

  /** Sends what is held now (the timer's work, and the series' end). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const stream of ['stdout', 'stderr'] as const) {
      const h = this.held[stream];
      if (h) this.handlers.onOutput?.(h);
    }
    this.held = {};
    for (const m of this.metrics) this.handlers.onMetrics?.(m);
    this.metrics = [];
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }
}

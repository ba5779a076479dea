/**
 * One output stream of a run, bounded whatever the program prints: the last `tailChars`
 * characters are kept, complete lines go to a reader (metrics), and a line longer than
 * `maxLineChars` is cut (its start is read, the rest dropped) so a flood without newlines
 * cannot grow memory either.
 */
import { keepTail } from '../../../shared/command/live';

export const TAIL_CHARS = 16 * 1024;
export const MAX_LINE_CHARS = 64 * 1024;

export class OutputTail {
  private tail = '';
  private line = '';
  private lineCut = false;
  bytes = 0;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly tailChars = TAIL_CHARS,
    private readonly maxLineChars = MAX_LINE_CHARS,
  ) {}

  push(text: string): void {
    this.bytes += Buffer.byteLength(text);
    // From a line's start, as the live tail (keepTail): the finished run's output opened mid-line.
    this.tail = keepTail(this.tail + text, this.tailChars).text;
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      this.append(text.slice(from, nl));
      this.emit();
      from = nl + 1;
    }
    this.append(text.slice(from));
  }

  /** The last line, if it had no newline. */
  end(): void {
    if (this.line.length > 0) this.emit();
  }

  get text(): string {
    return this.tail;
  }

  private append(part: string): void {
    if (this.lineCut) return;
    this.line += part;
    if (this.line.length > this.maxLineChars) {
      this.line = this.line.slice(0, this.maxLineChars);
      this.lineCut = true;
    }
  }

  private emit(): void {
    this.onLine(this.line.endsWith('\r') ? this.line.slice(0, -1) : this.line);
    this.line = '';
    this.lineCut = false;
  }
}

/** The last `lines` lines of a text, at most `chars` characters: what an error message quotes. */
export function lastLines(text: string, lines = 5, chars = 800): string {
  const kept = text.trimEnd().split('\n').slice(-lines).join('\n');
  return kept.length > chars ? `…${kept.slice(-chars)}` : kept;
}

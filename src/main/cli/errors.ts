/** CLI failures: one line on stderr and a non-zero exit, never a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function failLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return `dyno: ${message.split('\n')[0]}`;
}

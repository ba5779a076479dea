/** The CLI's exit codes, as the README lists them (1 is any error, via CliError). */

/** A regression beyond --fail-if-slower, a failed --target, outputs that differ, or a Server verdict that is not a pass. */
export const EXIT_REGRESSION = 3;
/** Cancelled with Ctrl+C; what was measured is kept as an aborted run. */
export const EXIT_CANCELLED = 130;

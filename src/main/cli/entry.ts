/** Entry of the built CLI (out/main/cli.js), run by bin/dyno.js. */
import { main } from './main';

// `dyno zoo --list | head` closes the pipe before the CLI is done writing: that is the reader's
// choice, not a failure, so it ends quietly instead of with an uncaught EPIPE and a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  throw err;
});

void main(process.argv);

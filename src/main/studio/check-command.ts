/**
 * What the studio checks before it queues a command workload: that this host runs commands at
 * all (`dyno serve` without --allow-commands does not: anyone with the page's token would
 * otherwise have a shell), and that the program and the working folder exist, so a typo is one
 * clear refusal instead of a failed run.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { ApiCallError } from '../../shared/contract';
import type { CommandWorkload } from '../../shared/command/workload';

export const COMMANDS_REFUSED =
  'This studio does not run commands: it was started without --allow-commands (a browser that reaches it must not be a remote shell). Restart it with `dyno serve --allow-commands`, or run the command with `dyno exec`.';

export function checkCommandAllowed(allowed: boolean): void {
  if (!allowed) throw new ApiCallError(COMMANDS_REFUSED, 'commands-not-allowed');
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The program's path as a spawn would find it (PATH for a bare name), or undefined. */
export function findProgram(program: string, cwd: string, pathEnv: string | undefined): string | undefined {
  if (program.includes('/')) {
    const path = isAbsolute(program) ? program : resolve(cwd, program);
    return isExecutableFile(path) ? path : undefined;
  }
  return (pathEnv ?? '')
    .split(delimiter)
    .filter((dir) => dir !== '')
    .map((dir) => join(resolve(cwd, dir), program))
    .find(isExecutableFile);
}

export function checkCommand(w: CommandWorkload): void {
  const cwd = w.cwd ?? process.cwd();
  try {
    if (!statSync(cwd).isDirectory()) throw new Error();
  } catch {
    throw new ApiCallError(`Working folder not found: ${cwd}.`, 'invalid-command');
  }
  // A shell line is the shell's to resolve: its "not found" arrives as exit code 127 with the shell's message.
  if (w.shell) return;
  const program = w.argv[0] ?? '';
  if (!findProgram(program, cwd, w.env.PATH ?? process.env.PATH)) {
    throw new ApiCallError(
      program.includes('/') ? `Command not found: ${program} (no executable file there, from ${cwd}).` : `Command not found: ${program} (not on the PATH).`,
      'command-not-found',
    );
  }
}

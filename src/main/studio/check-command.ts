/**
 * What the studio checks before it queues a command workload: that this host runs commands at
 * all (`dyno serve` without --allow-commands does not: anyone with the page's token would
 * otherwise have a shell), and that the program and the working folder exist, so a typo is one
 * clear refusal instead of a failed run.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ApiCallError } from '../../shared/contract';
import type { CommandWorkload } from '../../shared/command/workload';
import { lookPath, type PathLookup } from '../executor/command/look-path';

export const COMMANDS_REFUSED =
  'This studio does not run commands: it was started without --allow-commands (a browser that reaches it must not be a remote shell). Restart it with `dyno serve --allow-commands`, or run the command with `dyno exec`.';

export function checkCommandAllowed(allowed: boolean): void {
  if (!allowed) throw new ApiCallError(COMMANDS_REFUSED, 'commands-not-allowed');
}

function fileAt(path: string): PathLookup {
  try {
    if (!statSync(path).isFile()) return { missing: true };
  } catch {
    return { missing: true };
  }
  try {
    accessSync(path, constants.X_OK);
    return { found: path };
  } catch {
    return { notExecutable: path };
  }
}

/** The program as a spawn would find it: a path from the working folder, or a bare name on the PATH (look-path.ts, as the run itself looks). */
export function findProgram(program: string, cwd: string, pathEnv: string | undefined): PathLookup {
  if (program.includes('/')) return fileAt(isAbsolute(program) ? program : resolve(cwd, program));
  return lookPath(program, pathEnv, cwd);
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
  const found = findProgram(program, cwd, w.env.PATH ?? process.env.PATH);
  // Said as the run would say it (run-once.ts): a file that is there is not "not found".
  if ('notExecutable' in found) throw new ApiCallError(`${found.notExecutable} is not executable (permission denied).`, 'command-not-executable');
  if ('missing' in found) {
    throw new ApiCallError(program.includes('/') ? `Command not found: ${program} (no file there, from ${cwd}).` : `Command not found: ${program} (not on the PATH).`, 'command-not-found');
  }
}

/**
 * Where a program named without a slash is found on a PATH, as execvp searches it: the first
 * entry holding an executable regular file of that name. A file of that name that may not be
 * executed (mode 644) is skipped, as execvp skips it, and remembered so that a search that finds
 * nothing else can say "not executable" with its path, not "not found".
 *
 * Relative entries (`.`, `bin`, and the empty entry, which means the current folder) are taken
 * from the run's working folder: the program starts there, posix_spawnp and Node's spawn
 * (chdir, then execvp) resolve them there, and so does a shell's `cd dir && prog`. Checking
 * them against Dyno's own folder named a program that then failed to start, or missed one.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';

/** glibc's execvp searches this when PATH is unset (confstr _CS_PATH). */
const DEFAULT_PATH = '/bin:/usr/bin';

export type PathLookup = { found: string } | { notExecutable: string } | { missing: true };

export function lookPath(file: string, path: string | undefined, cwd: string | undefined): PathLookup {
  let notExecutable: string | undefined;
  for (const dir of (path ?? DEFAULT_PATH).split(':')) {
    // resolve('' or undefined cwd, …) starts from Dyno's folder, which posix_spawn's chdir starts from too.
    const candidate = resolve(cwd ?? '', dir || '.', file);
    if (!isFile(candidate)) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return { found: candidate };
    } catch {
      notExecutable ??= candidate;
    }
  }
  return notExecutable !== undefined ? { notExecutable } : { missing: true };
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

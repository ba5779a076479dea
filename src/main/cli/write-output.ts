/**
 * Writes a command's file: to stdout without `-o`, else beside its destination first and then
 * renamed over it, so a failed write never leaves half a report where the old one was.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { CliError } from './errors';

export function writeOutput(content: string, output: string | undefined): void {
  if (output === undefined) {
    process.stdout.write(content);
    return;
  }
  const temp = join(dirname(output), `.${basename(output)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, output);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new CliError(`Could not write ${output}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * The studio a CLI command works with: the composition root's, with its notices (a damaged
 * database kept aside, an upgrade and its backup, runs found interrupted) on stderr, so a
 * terminal user learns of them as a studio user does.
 */
import { createStudio, type StudioHandle, type CreateStudioOptions } from '../studio/create-studio';

export function createCliStudio(options: CreateStudioOptions = {}): StudioHandle {
  const handle = createStudio(options);
  for (const n of handle.notices) process.stderr.write(`dyno: ${n}\n`);
  return handle;
}
